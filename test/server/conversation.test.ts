// The conversation between staff and the reporter about a report: staff ask, the reporter answers
// with words and photos, staff read it. Both sides over HTTP, on both storages.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'

import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { sql } from 'kysely'

import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { decryptField } from '../../server/privacy/field-crypto'
import { RATE_RULES } from '../../server/rate-limit'
import { jpegWithGps } from '../support/image-samples'
import { postJson, serverEnvironment, startServerProcess } from './server-process'
import { fromDevice, newDeviceId } from './rate-limit-helpers'
import { anonymousTip, asStaff, complaint, createStaffToken, MOBILE, submit, type Submitted } from './staff-helpers'
import { SQLITE, storages, useApp, useStorage } from './storage'

const LIWAN = '440103'
const YUEXIU = '440104'
const QUESTION = '请问您手上有没有工资条或者考勤记录？有的话请拍照发给我们。'
const REPLY = '有的，这是去年十二月的考勤表，班组长签了字的。'
const NOT_FOUND = { error: { code: 'tip_not_found', message: '没有找到这份反映，请核对查询码和验证信息' } }

async function uploadPhoto(app: FastifyInstance): Promise<string> {
  const boundary = 'pufaConversationTestBoundary'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    Buffer.from(jpegWithGps().file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const response = await app.inject({ method: 'POST', url: '/api/v1/uploads', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload })
  if (response.statusCode !== 201) throw new Error(`upload answered ${response.statusCode}: ${response.body}`)
  return response.json().uploadId
}

const json = (method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}): InjectOptions => ({
  method,
  url,
  headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
  ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
})

const reply = (body: string, uploadIds: string[] = [], clientId = randomUUID()) => ({ clientId, body, uploadIds })

describe.each(storages())('the conversation about a report on $name', (storage) => {
  const { app, config } = useApp(storage, { RATE_LIMITS: 'false' })
  let liwan: string
  let yuexiu: string
  let report: Submitted

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
    liwan = (await createStaffToken(config(), '荔湾区劳动保障监察大队', LIWAN)).token
    yuexiu = (await createStaffToken(config(), '越秀区劳动保障监察大队', YUEXIU)).token
    report = await submit(app(), complaint({ districtCode: LIWAN }))
  })

  const verifier = { 'x-tip-verifier': MOBILE.slice(-4) }
  const asReporter = (method: 'GET' | 'POST', body?: unknown, code = report.trackingCode, headers: Record<string, string> = verifier) =>
    app().inject(json(method, `/api/v1/tips/${code}/messages`, body, headers))
  const asLiwan = (method: 'GET' | 'POST', body?: unknown, tipId = report.id) => app().inject(asStaff(liwan, json(method, `/api/v1/admin/tips/${tipId}/messages`, body)))
  const status = async () => (await app().inject(json('GET', `/api/v1/tips/${report.trackingCode}`, undefined, verifier))).json()
  const counts = () => app().db.selectFrom('tips').select(['unread_replies', 'last_reply_at']).where('id', '=', report.id).executeTakeFirstOrThrow()
  const messageCount = async () => (await app().db.selectFrom('tip_messages').select('id').where('tip_id', '=', report.id).execute()).length

  it('shows a report without messages as such', async () => {
    expect((await status()).messages).toEqual({ count: 0, latestStaffAt: null, openQuestion: false })
    expect((await asReporter('GET')).json()).toEqual({ items: [] })
    expect((await asLiwan('GET')).json()).toEqual({ items: [] })
  })

  it('carries a question to the reporter, a reply with a photo back to staff, and counts what staff have not read', async () => {
    const asked = await asLiwan('POST', { kind: 'question', body: `  ${QUESTION}\n` })
    expect(asked.statusCode).toBe(201)
    expect(asked.headers['cache-control']).toBe('no-store')
    const question = asked.json()
    expect(question).toEqual({ id: expect.any(String), author: 'staff', kind: 'question', body: QUESTION, at: expect.any(String), staffName: '荔湾区劳动保障监察大队', photos: [], read: true })

    expect((await status()).messages).toEqual({ count: 1, latestStaffAt: question.at, openQuestion: true })
    const seen = await asReporter('GET')
    expect(seen.statusCode).toBe(200)
    expect(seen.headers['cache-control']).toBe('no-store')
    expect(seen.json()).toEqual({ items: [{ id: question.id, author: 'staff', kind: 'question', body: QUESTION, at: question.at, photos: [] }] })
    expect(seen.body).not.toContain('监察大队')

    const photo = await uploadPhoto(app())
    const body = reply(REPLY, [photo])
    const sent = await asReporter('POST', body)
    expect(sent.statusCode).toBe(201)
    expect(sent.json()).toEqual({ id: expect.any(String), at: expect.any(String) })
    expect(await counts()).toEqual({ unread_replies: 1, last_reply_at: Date.parse(sent.json().at) })
    expect((await status()).messages).toEqual({ count: 2, latestStaffAt: question.at, openQuestion: false })

    const reporterView = (await asReporter('GET')).json()
    expect(reporterView.items[1]).toEqual({ id: sent.json().id, author: 'reporter', kind: 'reply', body: REPLY, at: sent.json().at, photos: [{ uploadId: photo }] })

    const first = await asLiwan('GET')
    expect(first.statusCode).toBe(200)
    expect(first.json().items).toEqual([
      question,
      { id: sent.json().id, author: 'reporter', kind: 'reply', body: REPLY, at: sent.json().at, staffName: null, photos: [{ uploadId: photo, mediaType: 'image/jpeg' }], read: false },
    ])
    expect(await counts()).toEqual({ unread_replies: 0, last_reply_at: Date.parse(sent.json().at) })
    expect((await asLiwan('GET')).json().items[1].read).toBe(true)

    // The reply's photo is served like the report's own evidence.
    const evidence = await app().inject(asStaff(liwan, { method: 'GET', url: `/api/v1/admin/tips/${report.id}/evidence/${photo}` }))
    expect(evidence.statusCode).toBe(200)
    expect(evidence.headers['content-type']).toBe('image/jpeg')

    // A plain message after the reply: no question waits.
    expect((await asLiwan('POST', { kind: 'message', body: '收到，我们会尽快核实。' })).statusCode).toBe(201)
    expect((await status()).messages).toMatchObject({ count: 3, openQuestion: false })

    const audit = await app().db.selectFrom('audit_log').select(['action', 'detail']).where('tip_id', '=', report.id).where('action', 'in', ['message_send', 'message_read']).orderBy('at').execute()
    expect(audit.map((entry) => [entry.action, JSON.parse(entry.detail)])).toEqual([
      ['message_read', { count: 0, newlyRead: 0 }],
      ['message_send', { messageId: question.id, kind: 'question' }],
      ['message_read', { count: 2, newlyRead: 1 }],
      ['message_read', { count: 2, newlyRead: 0 }],
      ['message_send', { messageId: expect.any(String), kind: 'message' }],
    ])
    for (const entry of audit) {
      expect(entry.detail).not.toContain('工资条')
      expect(entry.detail).not.toContain('考勤')
    }
  })

  it('stores a reply once per clientId, however often it is sent', async () => {
    const body = reply('再补充一句：老板姓王。')
    const answers = [await asReporter('POST', body), await asReporter('POST', body)]
    // Racing copies too.
    answers.push(...(await Promise.all([asReporter('POST', body), asReporter('POST', body), asReporter('POST', body)])))
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201, 201, 201])
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1)
    const stored = await app().db.selectFrom('tip_messages').select('id').where('client_id', '=', body.clientId).execute()
    expect(stored).toHaveLength(1)
    expect((await counts()).unread_replies).toBe(1)
    // The same clientId on another report is another reply.
    const other = await submit(app(), complaint({ districtCode: LIWAN }))
    expect((await asReporter('POST', body, other.trackingCode)).json().id).not.toBe(answers[0].json().id)
  })

  it('attaches only photos that wait for a use: not another report’s, not an expired one, not one used twice', async () => {
    const before = await messageCount()
    const unread = (await counts()).unread_replies
    const fresh = await uploadPhoto(app())
    const expired = await uploadPhoto(app())
    await app().db.updateTable('uploads').set({ expires_at: Date.now() - 1000 }).where('id', '=', expired).execute()
    const taken = await uploadPhoto(app())
    await submit(app(), complaint({ districtCode: LIWAN, evidenceIds: [taken] }))
    const unknown = 'A'.repeat(22)

    const refused = await asReporter('POST', reply(REPLY, [fresh, expired, taken, unknown]))
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error.fields).toEqual({
      'uploadIds.1': '第 2 张照片已过期或不存在，请重新上传',
      'uploadIds.2': '第 3 张照片已过期或不存在，请重新上传',
      'uploadIds.3': '第 4 张照片已过期或不存在，请重新上传',
    })
    expect(await messageCount()).toBe(before)
    expect((await counts()).unread_replies).toBe(unread)
    // The good photo was not taken by the refused reply.
    const stillFree = await app().db.selectFrom('uploads').select(['tip_id', 'message_id']).where('id', '=', fresh).executeTakeFirstOrThrow()
    expect(stillFree).toEqual({ tip_id: null, message_id: null })

    expect((await asReporter('POST', reply(REPLY, [fresh]))).statusCode).toBe(201)
    const again = await asReporter('POST', reply(REPLY, [fresh]))
    expect(again.statusCode).toBe(400)
    expect(again.json().error.fields).toEqual({ 'uploadIds.0': '第 1 张照片已过期或不存在，请重新上传' })
    expect(await messageCount()).toBe(before + 1)
  })

  it.each([
    ['no words', reply('   \n '), 'body', /请填写回复的内容/],
    ['too many words', reply('字'.repeat(1001)), 'body', /不超过1000个字/],
    ['a direction override', reply('工资\u202e条'), 'body', /无法识别的字符/],
    ['seven photos', reply(REPLY, Array.from({ length: 7 }, (_, i) => `${'B'.repeat(21)}${i}`)), 'uploadIds', /./],
    ['the same photo twice', reply(REPLY, ['C'.repeat(22), 'C'.repeat(22)]), 'uploadIds', /./],
    ['a clientId that is not a UUID', { ...reply(REPLY), clientId: 'one' }, 'clientId', /./],
    ['an unknown field', { ...reply(REPLY), name: '张小三' }, 'name', /./],
  ])('turns back a reply with %s, naming the field, storing nothing', async (_case, body, field, message) => {
    const before = await messageCount()
    const response = await asReporter('POST', body)
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('validation_failed')
    expect(response.json().error.fields[field]).toMatch(message)
    expect(await messageCount()).toBe(before)
  })

  it('turns back a staff message without words or of an unknown kind', async () => {
    const before = await messageCount()
    expect((await asLiwan('POST', { kind: 'message', body: ' ' })).json().error.fields).toEqual({ body: '请填写留言的内容' })
    expect((await asLiwan('POST', { kind: 'reply', body: '好的' })).json().error.fields.kind).toBeDefined()
    expect(await messageCount()).toBe(before)
  })

  it('opens the conversation only with the verifier, answering every failure with the same 404', async () => {
    const before = await messageCount()
    const anonymous = await submit(app(), anonymousTip({ districtCode: LIWAN }))
    const tries: [string, Record<string, string>][] = [
      [report.trackingCode, {}],
      [report.trackingCode, { 'x-tip-verifier': '0000' }],
      [report.trackingCode, { 'x-tip-verifier': anonymous.accessKey! }],
      [anonymous.trackingCode, verifier],
      ['K7QF-3MZP-9XRD-2WT8', verifier],
      ['nonsense', verifier],
    ]
    for (const [code, headers] of tries) {
      for (const method of ['GET', 'POST'] as const) {
        const response = await asReporter(method, method === 'POST' ? reply(REPLY) : undefined, code, headers)
        expect([code, method, response.statusCode, response.json()]).toEqual([code, method, 404, NOT_FOUND])
      }
    }
    expect(await messageCount()).toBe(before)
    // The anonymous reporter opens theirs with the access key.
    const own = await asReporter('POST', reply(REPLY), anonymous.trackingCode, { 'x-tip-verifier': anonymous.accessKey! })
    expect(own.statusCode).toBe(201)
  })

  it("shows an inspector nothing of another district's conversation, exactly as for a missing report", async () => {
    const before = await messageCount()
    const missing = await app().inject(asStaff(yuexiu, json('GET', `/api/v1/admin/tips/${randomUUID()}/messages`)))
    expect(missing.statusCode).toBe(404)
    for (const request of [json('GET', `/api/v1/admin/tips/${report.id}/messages`), json('POST', `/api/v1/admin/tips/${report.id}/messages`, { kind: 'message', body: '你好' })]) {
      const response = await app().inject(asStaff(yuexiu, request))
      expect(response.statusCode).toBe(404)
      expect(response.body).toBe(missing.body)
    }
    expect(await messageCount()).toBe(before)
    expect((await app().inject(json('GET', `/api/v1/admin/tips/${report.id}/messages`))).statusCode).toBe(401)
  })

  it('keeps the words encrypted at rest, bound to their row', async () => {
    const rows = await app().db.selectFrom('tip_messages').select(['id', 'body']).where('tip_id', '=', report.id).orderBy('created_at').execute()
    expect(rows.length).toBeGreaterThan(2)
    for (const row of rows) expect(row.body).toMatch(/^v1\./)
    const keyring = config().fieldKeys
    expect(decryptField(keyring, rows[0].body, { table: 'tip_messages', rowId: rows[0].id, column: 'body' })).toBe(QUESTION)
    expect(() => decryptField(keyring, rows[0].body, { table: 'tip_messages', rowId: rows[1].id, column: 'body' })).toThrow()
    if (storage.dialect === 'sqlite') {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(app().db)
      const bytes = readFileSync(config().sqliteFile)
      for (const words of [QUESTION, REPLY, '收到，我们会尽快核实。']) expect(bytes.includes(Buffer.from(words, 'utf8'))).toBe(false)
      expect(bytes.includes(Buffer.from('某某建筑劳务有限公司', 'utf8'))).toBe(true)
    }
  })
})

describe('replies are rate-limited per device on SQLite', () => {
  const { app } = useApp(SQLITE)

  it('turns back the reply over the limit with 429 and Retry-After, storing nothing more', async () => {
    await loadSampleContentIfEmpty(app().db)
    const report = await submit(app(), complaint())
    const device = newDeviceId()
    const send = (): Promise<LightMyRequestResponse> =>
      app().inject(fromDevice(json('POST', `/api/v1/tips/${report.trackingCode}/messages`, reply(REPLY), { 'x-tip-verifier': MOBILE.slice(-4) }), device))
    for (let i = 0; i < RATE_RULES.replies.limit; i += 1) expect((await send()).statusCode).toBe(201)
    const over = await send()
    expect(over.statusCode).toBe(429)
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0)
    expect(over.json().error.message).toMatch(/^发送回复太频繁了，请 .+后再试$/)
    const stored = await app().db.selectFrom('tip_messages').select('id').execute()
    expect(stored).toHaveLength(RATE_RULES.replies.limit)
  })
})

describe.each(storages())('the server log at LOG_LEVEL=trace on $name', (storage) => {
  const { config } = useStorage(storage)
  jest.setTimeout(120_000)

  it('holds no words of the conversation, whatever the answer was', async () => {
    const server = await startServerProcess(serverEnvironment(config(), { RATE_LIMITS: 'false', LOG_LEVEL: 'trace' }))
    const api = `${server.url}api/v1`
    const statuses: number[] = []
    try {
      const created = await postJson(`${api}/tips`, complaint(), { 'idempotency-key': `conversation-log-${Date.now()}` })
      expect(created.status).toBe(201)
      const { trackingCode } = JSON.parse(created.body) as { trackingCode: string }
      const { token } = await createStaffToken(config(), '市劳动保障监察支队')
      const staff = { authorization: `Bearer ${token}` }
      const list = (await (await fetch(`${api}/admin/tips`, { headers: staff })).json()) as { items: { id: string }[] }
      const tipId = list.items[0].id
      const reporter = { 'x-tip-verifier': MOBILE.slice(-4) }
      statuses.push((await postJson(`${api}/admin/tips/${tipId}/messages`, { kind: 'question', body: QUESTION }, staff)).status)
      const body = reply(REPLY)
      statuses.push((await postJson(`${api}/tips/${trackingCode}/messages`, body, reporter)).status)
      statuses.push((await postJson(`${api}/tips/${trackingCode}/messages`, body, reporter)).status)
      statuses.push((await postJson(`${api}/tips/${trackingCode}/messages`, { ...body, clientId: 'x', [REPLY]: QUESTION }, reporter)).status)
      statuses.push((await postJson(`${api}/tips/${trackingCode}/messages`, reply(REPLY), { 'x-tip-verifier': '0000' })).status)
      statuses.push((await fetch(`${api}/tips/${trackingCode}/messages`, { headers: reporter })).status)
      statuses.push((await fetch(`${api}/admin/tips/${tipId}/messages`, { headers: staff })).status)
    } finally {
      server.kill('SIGTERM')
    }
    expect(await server.exited).toEqual({ code: 0, signal: null })
    expect(statuses).toEqual([201, 201, 201, 400, 404, 200, 200])
    const output = server.output()
    expect(output).toContain('/messages","statusCode":201')
    for (const words of [QUESTION, REPLY, QUESTION.slice(0, 8), REPLY.slice(0, 8)]) expect(output).not.toContain(words)
  })
})
