import { createHash } from 'node:crypto'

import type { LightMyRequestResponse } from 'fastify'
import { sql } from 'kysely'

import { chinaDateOf } from '../../src/core/calendar/working-days'
import { csvCell, csvDocument } from '../../server/admin/csv'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { RATE_RULES } from '../../server/rate-limit'
import { jpegWithGps } from '../support/image-samples'
import {
  act,
  anonymousTip,
  asStaff,
  auditEntries,
  cliEnvironment,
  complaint,
  createStaffToken,
  MOBILE,
  NAME,
  RESIDENT_ID,
  runCli,
  staffGet,
  submit,
  transition,
  type Submitted,
} from './staff-helpers'
import { SQLITE, storages, useApp } from './storage'

const CHINESE = /[\u4e00-\u9fff]/
const LIWAN = '440103'
const YUEXIU = '440104'
const PERSONAL = [NAME, MOBILE, RESIDENT_ID]

/** A minimal CSV reader (RFC 4180), to check that what the export writes reads back as written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"'
        index += 1
      } else if (char === '"') {
        quoted = false
      } else {
        cell += char
      }
    } else if (char === '"') {
      quoted = true
    } else if (char === ',') {
      row.push(cell)
      cell = ''
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      index += 1
    } else {
      cell += char
    }
  }
  if (cell !== '' || row.length > 0) throw new Error('CSV does not end with CRLF')
  return rows
}

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","点我")', `"'=HYPERLINK(""http://evil.example"",""点我"")"`],
    ['+8613800138000', "'+8613800138000"],
    ['-1', "'-1"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1', "'\t=1"],
    ['广州市某某公司', '广州市某某公司'],
    ['甲,乙', '"甲,乙"'],
    ['说"明"', '"说""明"""'],
    ['第一行\n第二行', '"第一行\n第二行"'],
    [12, '12'],
    [null, ''],
  ])('writes %j as %j', (value, written) => {
    expect(csvCell(value)).toBe(written)
  })

  it('starts the document with a byte-order mark and ends every line with CRLF', () => {
    expect(csvDocument(['甲', '乙'], [['1', null]])).toBe('\uFEFF甲,乙\r\n1,\r\n')
  })
})

describe.each(storages())('the staff API on $name', (storage) => {
  const { app, config } = useApp(storage, { RATE_LIMITS: 'false' })
  let city: string
  let liwan: string
  let yuexiu: string
  let liwanId: string
  let liwanReport: Submitted
  let yuexiuReport: Submitted
  let anonymousReport: Submitted

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
    city = (await createStaffToken(config(), '市劳动保障监察支队')).token
    const liwanToken = await createStaffToken(config(), '荔湾区劳动监察大队', LIWAN)
    liwan = liwanToken.token
    liwanId = liwanToken.id
    yuexiu = (await createStaffToken(config(), '越秀区劳动监察大队', YUEXIU)).token
    liwanReport = await submit(app(), complaint({ districtCode: LIWAN }))
    yuexiuReport = await submit(app(), complaint({ districtCode: YUEXIU, reporter: { name: '欧阳娜娜', mobile: '13912345678' } }))
    anonymousReport = await submit(app(), anonymousTip({ districtCode: LIWAN }))
  })

  const ids = (response: LightMyRequestResponse) => response.json().items.map((item: { id: string }) => item.id)

  describe('pufa staff', () => {
    it('prints a new token once and stores only its SHA-256', async () => {
      const { token, id, output } = await createStaffToken(config(), '海珠区劳动监察大队', '440105')
      expect(output).toContain('范围：海珠区（440105）')
      expect(output).toContain('令牌只显示这一次')
      expect(output.split(token)).toHaveLength(2)
      const row = await app().db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      expect(row).toMatchObject({ kind: 'token', name: '海珠区劳动监察大队', role: 'inspector', district_code: '440105', revoked_at: null })
      expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'))
      const everything = JSON.stringify(await app().db.selectFrom('staff').selectAll().execute())
      expect(everything).not.toContain(token)
      expect(everything).not.toContain(token.slice('pufa_st_'.length))

      const list = await runCli(['staff', 'list'], cliEnvironment(config()))
      expect(list.code).toBe(0)
      expect(list.stdout).toContain(id)
      expect(list.stdout).toContain('海珠区劳动监察大队')
      expect(list.stdout).not.toContain(token)
      expect(list.stdout).not.toContain('pufa_st_')
    })

    it('refuses a district outside the city, listing the valid codes', async () => {
      const result = await runCli(['staff', 'create', '--name', '杭州', '--district', '330102'], cliEnvironment(config()))
      expect(result.code).toBe(2)
      expect(result.stderr).toContain('区县代码“330102”不是广州的区县')
      expect(result.stderr).toContain('440103 荔湾区')
      expect(result.stderr).toContain('440104 越秀区')
      expect(result.stdout).not.toContain('pufa_st_')
    })

    it.each([
      [['staff', 'create', '--name', '某人'], '请在 --district 区县代码 和 --city（全市）之中选一个'],
      [['staff', 'create', '--name', '某人', '--city', '--district', LIWAN], '请在 --district 区县代码 和 --city（全市）之中选一个'],
      [['staff', 'create', '--city'], '请用 --name'],
      [['staff', 'revoke'], '请用 --id'],
      [['staff', 'remove'], 'pufa staff 没有“remove”这个操作'],
      [['staff', 'list', '--all'], '不认识参数“--all”'],
    ])('explains the usage mistake in %j', async (args, message) => {
      const result = await runCli(args, cliEnvironment(config()))
      expect(result.code).toBe(2)
      expect(result.stderr).toContain(message)
    })

    it('revokes a token: its requests get 401 from then on', async () => {
      const { token, id } = await createStaffToken(config(), '临时令牌', LIWAN)
      expect((await staffGet(app(), token, '/api/v1/admin/tips')).statusCode).toBe(200)
      const revoked = await runCli(['staff', 'revoke', '--id', id], cliEnvironment(config()))
      expect(revoked.code).toBe(0)
      expect(revoked.stdout).toContain(`已吊销令牌 ${id}`)
      const response = await staffGet(app(), token, '/api/v1/admin/tips')
      expect(response.statusCode).toBe(401)
      expect(response.json().error.code).toBe('unauthorized')
      expect((await runCli(['staff', 'revoke', '--id', id], cliEnvironment(config()))).stdout).toContain('早已吊销')
      expect((await runCli(['staff', 'list'], cliEnvironment(config()))).stdout).toMatch(new RegExp(`${id}.*已于 .* 吊销`))
      const unknown = await runCli(['staff', 'revoke', '--id', 'no-such-token'], cliEnvironment(config()))
      expect(unknown.code).toBe(1)
      expect(unknown.stderr).toContain('没有编号为“no-such-token”的令牌')
    })
  })

  describe('authentication', () => {
    it.each([
      ['no Authorization header', undefined],
      ['another scheme', 'Basic dXNlcjpwYXNz'],
      ['a malformed token', 'Bearer not-a-token'],
      ['an unknown token', `Bearer pufa_st_${'A'.repeat(43)}`],
    ])('answers 401 unauthorized for %s, before looking at the query', async (_name, authorization) => {
      const response = await app().inject({
        method: 'GET',
        url: '/api/v1/admin/tips?limit=abc',
        headers: authorization === undefined ? {} : { authorization },
      })
      expect(response.statusCode).toBe(401)
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/)
      expect(response.json().error).toEqual({ code: 'unauthorized', message: expect.stringMatching(CHINESE) })
    })
  })

  describe('listing', () => {
    it('shows a city token every district, masked, without ID numbers', async () => {
      const response = await staffGet(app(), city, '/api/v1/admin/tips?pageSize=100')
      expect(response.statusCode).toBe(200)
      expect(response.headers['cache-control']).toBe('no-store')
      expect(ids(response)).toEqual(expect.arrayContaining([liwanReport.id, yuexiuReport.id, anonymousReport.id]))
      const items = response.json().items as Array<Record<string, unknown>>
      expect(items.find((item) => item.id === liwanReport.id)).toMatchObject({
        trackingCode: liwanReport.trackingCode,
        status: 'submitted',
        statusName: '已提交',
        districtCode: LIWAN,
        reporter: { name: '张*三', mobile: '138****8000' },
        employerName: '某某建筑劳务有限公司',
        amountYuan: '86400.00',
      })
      expect(items.find((item) => item.id === yuexiuReport.id)?.reporter).toEqual({ name: '欧**娜', mobile: '139****5678' })
      expect(items.find((item) => item.id === anonymousReport.id)?.reporter).toBeNull()
      for (const secret of [...PERSONAL, '欧阳娜娜', '13912345678']) expect(response.body).not.toContain(secret)
    })

    it('shows an estimated amount as an estimate, a missing one as none, and a landline masked', async () => {
      const landline = await submit(app(), complaint({ districtCode: LIWAN, reporter: { name: '王小五', mobile: '0757 8123 4567' }, amountYuan: '5万多' }))
      const noAmount = await submit(app(), anonymousTip({ districtCode: LIWAN, amountYuan: null }))
      const items = (await staffGet(app(), liwan, '/api/v1/admin/tips?pageSize=100')).json().items as Array<Record<string, unknown>>
      expect(items.find((item) => item.id === landline.id)).toMatchObject({ reporter: { name: '王*五', mobile: '075*****4567' }, amountYuan: '50000.00', amountApproximate: true })
      expect(items.find((item) => item.id === noAmount.id)).toMatchObject({ reporter: null, amountYuan: null, amountApproximate: false })
      expect(items.find((item) => item.id === liwanReport.id)).toMatchObject({ amountYuan: '86400.00', amountApproximate: false })

      const detail = (await staffGet(app(), liwan, `/api/v1/admin/tips/${landline.id}`)).json()
      expect(detail).toMatchObject({ reporter: { name: '王*五', mobile: '075*****4567', residentId: null }, amountYuan: '50000.00', amountApproximate: true })
      expect((await staffGet(app(), liwan, `/api/v1/admin/tips/${noAmount.id}`)).json()).toMatchObject({ amountYuan: null, amountApproximate: false })
    })

    it('shows a district token its own district only, and refuses another district as a filter', async () => {
      const response = await staffGet(app(), liwan, '/api/v1/admin/tips?pageSize=100')
      expect(response.statusCode).toBe(200)
      expect(ids(response)).toEqual(expect.arrayContaining([liwanReport.id, anonymousReport.id]))
      expect(ids(response)).not.toContain(yuexiuReport.id)
      expect(response.json().items.every((item: { districtCode: string }) => item.districtCode === LIWAN)).toBe(true)

      const own = await staffGet(app(), liwan, `/api/v1/admin/tips?district=${LIWAN}`)
      expect(own.statusCode).toBe(200)
      const other = await staffGet(app(), liwan, `/api/v1/admin/tips?district=${YUEXIU}`)
      expect(other.statusCode).toBe(403)
      expect(other.json().error).toEqual({ code: 'forbidden', message: expect.stringMatching(CHINESE) })
    })

    it('filters by status, district and dates, and pages with a cursor', async () => {
      const byDistrict = await staffGet(app(), city, `/api/v1/admin/tips?district=${YUEXIU}`)
      expect(ids(byDistrict)).toContain(yuexiuReport.id)
      expect(ids(byDistrict)).not.toContain(liwanReport.id)

      const rejected = await staffGet(app(), city, '/api/v1/admin/tips?statuses=rejected')
      expect(ids(rejected)).not.toContain(liwanReport.id)

      const today = chinaDateOf(new Date())
      const todays = await staffGet(app(), city, `/api/v1/admin/tips?from=${today}&to=${today}&pageSize=100`)
      expect(ids(todays)).toEqual(expect.arrayContaining([liwanReport.id, yuexiuReport.id, anonymousReport.id]))
      const tomorrow = chinaDateOf(new Date(Date.now() + 24 * 60 * 60 * 1000))
      expect(ids(await staffGet(app(), city, `/api/v1/admin/tips?from=${tomorrow}`))).toEqual([])

      const everything = await staffGet(app(), city, '/api/v1/admin/tips?pageSize=100')
      const all = ids(everything)
      expect(everything.json().total).toBe(all.length)
      const paged: string[] = []
      for (let page = 1; page <= Math.ceil(all.length / 10); page += 1) {
        const response: LightMyRequestResponse = await staffGet(app(), city, `/api/v1/admin/tips?pageSize=10&page=${page}`)
        expect(response.statusCode).toBe(200)
        expect(response.json()).toMatchObject({ total: all.length, page, pageSize: 10 })
        paged.push(...ids(response))
      }
      expect(paged).toEqual(all)
    })

    it.each([
      ['page zero', 'page=0', 'page'],
      ['a district outside the city', 'district=330102', 'district'],
      ['an impossible date', 'from=2026-02-30', 'from'],
      ['dates in the wrong order', 'from=2026-03-02&to=2026-03-01', 'to'],
      ['a bad status', 'statuses=submitted,lost', 'statuses'],
      ['a page size too large', 'pageSize=1000', 'pageSize'],
      ['amounts in the wrong order', 'amountMin=500&amountMax=100', 'amountMax'],
    ])('answers 400 naming the field for %s', async (_name, query, field) => {
      const response = await staffGet(app(), city, `/api/v1/admin/tips?${query}`)
      expect(response.statusCode).toBe(400)
      expect(response.json().error.code).toBe('validation_failed')
      expect(response.json().error.fields[field]).toMatch(CHINESE)
    })
  })

  describe('reading one report', () => {
    it('shows the personal data masked, records the read, and reveals it only with a reason', async () => {
      const response = await staffGet(app(), liwan, `/api/v1/admin/tips/${liwanReport.id}`)
      expect(response.statusCode).toBe(200)
      expect(response.headers['cache-control']).toBe('no-store')
      const body = response.json()
      expect(body).toMatchObject({
        id: liwanReport.id,
        trackingCode: liwanReport.trackingCode,
        status: 'submitted',
        reporter: { name: '张*三', mobile: '138****8000', residentId: expect.stringMatching(/^\d{4}\*+\w{4}$/) },
        hasPersonalData: true,
        employer: { name: '某某建筑劳务有限公司', uscc: '91440300708461136T' },
        amountYuan: '86400.00',
        owedPeriod: { from: '2025-10', to: '2026-01' },
        evidence: [],
        allowedActions: ['accept', 'reject', 'transfer', 'link_duplicate'],
      })
      expect(body.timeline).toEqual([expect.objectContaining({ action: 'submit', status: 'submitted', statusName: '已提交' })])
      for (const secret of PERSONAL) expect(response.body).not.toContain(secret)
      const reads = (await auditEntries(app())).filter((entry) => entry.action === 'read' && entry.tip_id === liwanReport.id)
      expect(reads).toHaveLength(1)
      expect(reads[0].staff_id).toBe(liwanId)

      const reveal = (body: unknown) =>
        app().inject(asStaff(liwan, { method: 'POST', url: `/api/v1/admin/tips/${liwanReport.id}/reveal`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) }))
      for (const body of [{}, { reason: '看' }, { reason: '  ' }]) {
        const refused = await reveal(body)
        expect(refused.statusCode).toBe(400)
        expect(refused.json().error.fields.reason).toMatch(CHINESE)
      }
      const revealed = await reveal({ reason: '电话核实欠薪人数' })
      expect(revealed.statusCode).toBe(200)
      expect(revealed.json()).toEqual({ reporter: { name: NAME, mobile: MOBILE, residentId: RESIDENT_ID } })
      const personal = (await auditEntries(app())).filter((entry) => entry.action === 'read_personal' && entry.tip_id === liwanReport.id)
      expect(personal.map((entry) => [entry.staff_id, JSON.parse(entry.detail)])).toEqual([[liwanId, { reason: '电话核实欠薪人数', fields: ['name', 'mobile', 'residentId'] }]])
      for (const secret of PERSONAL) expect(personal[0].detail).not.toContain(secret)
      const anonymous = await app().inject(
        asStaff(liwan, { method: 'POST', url: `/api/v1/admin/tips/${anonymousReport.id}/reveal`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ reason: '电话核实欠薪人数' }) }),
      )
      expect(anonymous.statusCode).toBe(409)
    })

    it('lists the evidence photos attached to the report', async () => {
      const sample = jpegWithGps()
      const jpeg = Buffer.from(sample.file)
      const boundary = 'pufaAdminTestBoundary'
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
        jpeg,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ])
      const upload = await app().inject({ method: 'POST', url: '/api/v1/uploads', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload })
      expect(upload.statusCode).toBe(201)
      const { uploadId } = upload.json()
      const report = await submit(app(), complaint({ evidenceIds: [uploadId] }))
      const response = await staffGet(app(), city, `/api/v1/admin/tips/${report.id}`)
      expect(response.json().evidence).toEqual([{ uploadId, mediaType: 'image/jpeg', messageId: null }])

      const photo = await staffGet(app(), liwan, `/api/v1/admin/tips/${report.id}/evidence/${uploadId}`)
      expect(photo.statusCode).toBe(200)
      expect(photo.headers['content-type']).toBe('image/jpeg')
      expect(photo.headers['cache-control']).toBe('no-store')
      // Served without the Exif (GPS), XMP and IPTC segments.
      expect(photo.rawPayload).toEqual(Buffer.from(sample.cleaned))
      const reads = (await auditEntries(app())).filter((entry) => entry.action === 'read_evidence' && entry.tip_id === report.id)
      expect(reads.map((entry) => [entry.staff_id, JSON.parse(entry.detail)])).toEqual([[liwanId, { uploadId }]])

      const otherDistrict = await staffGet(app(), yuexiu, `/api/v1/admin/tips/${report.id}/evidence/${uploadId}`)
      expect(otherDistrict.statusCode).toBe(404)
      expect(otherDistrict.json().error.code).toBe('tip_not_found')
      const notItsPhoto = await staffGet(app(), city, `/api/v1/admin/tips/${liwanReport.id}/evidence/${uploadId}`)
      expect(notItsPhoto.statusCode).toBe(404)
      expect(notItsPhoto.json().error.code).toBe('evidence_not_found')
    })

    it("answers another district's report exactly like an unknown one, and records nothing", async () => {
      const before = (await auditEntries(app())).length
      const other = await staffGet(app(), liwan, `/api/v1/admin/tips/${yuexiuReport.id}`)
      const unknown = await staffGet(app(), liwan, '/api/v1/admin/tips/00000000-0000-4000-8000-000000000000')
      expect(other.statusCode).toBe(404)
      expect(other.body).toBe(unknown.body)
      expect(other.json().error.code).toBe('tip_not_found')
      for (const secret of ['欧阳娜娜', '13912345678']) expect(other.body).not.toContain(secret)
      expect((await auditEntries(app())).length).toBe(before)
    })
  })

  describe('actions', () => {
    it('moves a report through its statuses, recording each action with the event and audit entry', async () => {
      const report = await submit(app(), complaint())
      const accepted = await transition(app(), liwan, report.id, { to: 'accepted', internalNote: '材料齐全' })
      expect(accepted.statusCode).toBe(200)
      expect(accepted.json()).toMatchObject({ id: report.id, status: 'accepted', statusName: '已受理', acceptedOn: chinaDateOf(new Date()), handlerName: '荔湾区劳动监察大队' })
      expect(accepted.json().notes).toEqual([expect.objectContaining({ body: '材料齐全', staffName: '荔湾区劳动监察大队' })])
      const row = await app().db.selectFrom('tips').select(['status', 'accepted_on', 'due_on', 'handler_id']).where('id', '=', report.id).executeTakeFirstOrThrow()
      expect(row).toMatchObject({ status: 'accepted', accepted_on: chinaDateOf(new Date()), due_on: accepted.json().clock.date, handler_id: liwanId })

      expect((await transition(app(), liwan, report.id, { to: 'investigating' })).statusCode).toBe(200)
      const closed = await transition(app(), liwan, report.id, { to: 'closed', noteToReporter: '已责令用人单位支付。' })
      expect(closed.statusCode).toBe(200)
      expect(closed.json().timeline.map((entry: { action: string; status: string }) => [entry.action, entry.status])).toEqual([
        ['submit', 'submitted'],
        ['accept', 'accepted'],
        ['investigate', 'investigating'],
        ['close', 'closed'],
      ])
      expect(closed.json().allowedActions).not.toEqual(expect.arrayContaining(['accept']))
      expect(closed.json().allowedActions.filter((action: string) => !action.includes('duplicate'))).toEqual([])
      expect(closed.json()).toMatchObject({ clock: null, outcome: { method: 'ordered_payment', methodName: '责令用人单位支付', recoveredYuan: null, workersPaid: null } })

      const events = await app().db.selectFrom('tip_events').selectAll().where('tip_id', '=', report.id).orderBy('at').execute()
      expect(events.map((event) => [event.action, event.from_status, event.to_status])).toEqual([
        ['accept', 'submitted', 'accepted'],
        ['investigate', 'accepted', 'investigating'],
        ['close', 'investigating', 'closed'],
      ])
      expect(events.every((event) => event.staff_id === liwanId && event.internal_note === null)).toBe(true)
      const audits = (await auditEntries(app())).filter((entry) => entry.action === 'action' && entry.tip_id === report.id)
      expect(audits.map((entry) => JSON.parse(entry.detail))).toEqual([
        { action: 'accept', from: 'submitted', to: 'accepted' },
        { action: 'investigate', from: 'accepted', to: 'investigating' },
        { action: 'close', from: 'investigating', to: 'closed' },
      ])
      // Notes can hold anything: they stay out of the audit log and are stored encrypted.
      expect(audits.some((entry) => entry.detail.includes('材料齐全'))).toBe(false)
      const notes = await app().db.selectFrom('tip_notes').select('body').where('tip_id', '=', report.id).execute()
      expect(notes).toHaveLength(1)
      expect(notes[0].body).not.toContain('材料齐全')
    })

    it.each([
      ['close', { action: 'close', outcome: { method: 'other', recoveredYuan: null, workersPaid: null }, noteToReporter: '说明' }, '这份反映目前是“已提交”，不能改为“已办结”，只能改为“已受理”或“不予受理”'],
      ['investigate', { action: 'investigate' }, '这份反映目前是“已提交”，不能改为“调查中”'],
      ['extend', { action: 'extend', approver: '王局长', note: '涉及人数多' }, '只有已受理或调查中的反映才能延长调查期限'],
      ['unlink_duplicate', { action: 'unlink_duplicate' }, '这份反映没有标为重复反映'],
    ])('refuses %s on a submitted report with 409 in words', async (_action, body, message) => {
      // Another reporter: the same phone about the same employer would be marked a duplicate on arrival.
      const report = await submit(app(), complaint({ reporter: { name: '赵六', mobile: '13700137000' }, employer: { name: `某某公司${Math.random()}` } }))
      const response = await act(app(), liwan, report.id, body)
      expect(response.statusCode).toBe(409)
      expect(response.json().error.code).toBe('invalid_transition')
      expect(response.json().error.message).toContain(message)
      const row = await app().db.selectFrom('tips').select('status').where('id', '=', report.id).executeTakeFirstOrThrow()
      expect(row.status).toBe('submitted')
    })

    it('requires a reason when rejecting, and nothing moves on from a rejected report', async () => {
      const report = await submit(app(), complaint())
      for (const body of [{ action: 'reject' }, { action: 'reject', reason: '   ' }]) {
        const response = await act(app(), liwan, report.id, body)
        expect(response.statusCode).toBe(400)
        expect(response.json().error.fields.reason).toMatch(/不予受理的理由/)
      }
      const rejected = await transition(app(), liwan, report.id, { to: 'rejected', noteToReporter: '不属于劳动保障监察的受理范围，请向劳动人事争议仲裁委员会申请仲裁。' })
      expect(rejected.statusCode).toBe(200)
      expect(rejected.json()).toMatchObject({ status: 'rejected', clock: null })
      const again = await transition(app(), liwan, report.id, { to: 'accepted' })
      expect(again.statusCode).toBe(409)
      expect(again.json().error.message).toContain('“不予受理”')
    })

    it('rejects unknown actions and unknown fields with 400 naming them', async () => {
      const report = await submit(app(), complaint())
      const unknown = await act(app(), liwan, report.id, { action: 'done' })
      expect(unknown.statusCode).toBe(400)
      expect(unknown.json().error.message).toMatch(CHINESE)
      const extra = await act(app(), liwan, report.id, { action: 'accept', filedOn: chinaDateOf(new Date()), staffId: 'me' })
      expect(extra.statusCode).toBe(400)
      expect(extra.json().error.fields.staffId).toMatch(CHINESE)
      const noDate = await act(app(), liwan, report.id, { action: 'accept' })
      expect(noDate.statusCode).toBe(400)
      expect(Object.keys(noDate.json().error.fields)).toEqual(['filedOn'])
    })

    it("answers 404 to a district token acting on another district's report, and leaves it as it was", async () => {
      const report = await submit(app(), complaint({ districtCode: YUEXIU }))
      const response = await transition(app(), liwan, report.id, { to: 'accepted' })
      expect(response.statusCode).toBe(404)
      expect(response.json().error.code).toBe('tip_not_found')
      const row = await app().db.selectFrom('tips').select('status').where('id', '=', report.id).executeTakeFirstOrThrow()
      expect(row.status).toBe('submitted')
      expect((await transition(app(), yuexiu, report.id, { to: 'accepted' })).statusCode).toBe(200)
    })

    it('lets exactly one of several concurrent actions win; the others get 409', async () => {
      const report = await submit(app(), complaint())
      const responses = await Promise.all([
        ...Array.from({ length: 5 }, () => transition(app(), liwan, report.id, { to: 'accepted' })),
        ...Array.from({ length: 5 }, () => transition(app(), city, report.id, { to: 'rejected', noteToReporter: '重复反映' })),
      ])
      const winners = responses.filter((response) => response.statusCode === 200)
      expect(winners).toHaveLength(1)
      for (const response of responses) {
        if (response.statusCode !== 200) {
          expect(response.statusCode).toBe(409)
          expect(response.json().error.code).toBe('invalid_transition')
        }
      }
      const events = await app().db.selectFrom('tip_events').selectAll().where('tip_id', '=', report.id).execute()
      expect(events).toHaveLength(1)
      const row = await app().db.selectFrom('tips').select('status').where('id', '=', report.id).executeTakeFirstOrThrow()
      expect(row.status).toBe(winners[0].json().status)
      const audits = (await auditEntries(app())).filter((entry) => entry.action === 'action' && entry.tip_id === report.id)
      expect(audits).toHaveLength(1)
    })
  })

  describe('CSV export', () => {
    it('exports the scope with masked personal data, UTF-8 with BOM, formulas defused', async () => {
      const hostile = await submit(
        app(),
        complaint({
          districtCode: LIWAN,
          employer: { name: '=HYPERLINK("http://evil.example","点我")有限公司' },
          description: '@SUM(1+1) 第一行，有逗号, 还有"引号"\n第二行：-5 天没发工资了',
        }),
      )
      const response = await staffGet(app(), liwan, '/api/v1/admin/tips/export?format=csv')
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="tips-\d{8}\.csv"$/)
      expect(response.headers['cache-control']).toBe('no-store')
      expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))

      const rows = parseCsv(response.body.slice(1))
      const [header, ...records] = rows
      expect(header.slice(0, 8)).toEqual(['编号', '查询码', '类型', '状态', '区县', '提交时间', '反映人', '联系电话'])
      expect(records.every((record) => record.length === header.length)).toBe(true)
      const exportedIds = records.map((record) => record[0])
      expect(exportedIds).toEqual(expect.arrayContaining([liwanReport.id, anonymousReport.id, hostile.id]))
      expect(exportedIds).not.toContain(yuexiuReport.id)
      expect(records.every((record) => record[4] === '荔湾区')).toBe(true)

      const column = (name: string) => header.indexOf(name)
      const hostileRow = records.find((record) => record[0] === hostile.id)!
      expect(hostileRow[column('用人单位')]).toBe(`'=HYPERLINK("http://evil.example","点我")有限公司`)
      expect(hostileRow[column('情况说明')]).toBe(`'@SUM(1+1) 第一行，有逗号, 还有"引号"\n第二行：-5 天没发工资了`)
      expect(hostileRow[column('反映人')]).toBe('张*三')
      expect(hostileRow[column('联系电话')]).toBe('138****8000')
      expect(records.find((record) => record[0] === anonymousReport.id)![column('反映人')]).toBe('匿名')
      for (const secret of PERSONAL) expect(response.body).not.toContain(secret)

      const exports = (await auditEntries(app())).filter((entry) => entry.action === 'export' && entry.staff_id === liwanId)
      expect(exports.length).toBeGreaterThanOrEqual(1)
      expect(JSON.parse(exports[exports.length - 1].detail)).toMatchObject({ format: 'csv', filters: { district: LIWAN, statuses: null }, count: records.length, revealed: false, reason: null })
    })

    it('writes an estimate with 约, leaves a missing amount empty, and masks a landline like a mobile', async () => {
      const landline = await submit(app(), complaint({ districtCode: LIWAN, reporter: { name: '王小五', mobile: '（020）8321-2345' }, amountYuan: '约5万' }))
      const noAmount = await submit(app(), anonymousTip({ districtCode: LIWAN, amountYuan: '' }))
      const rows = parseCsv((await staffGet(app(), liwan, '/api/v1/admin/tips/export?format=csv')).body.slice(1))
      const [header, ...records] = rows
      const cell = (id: string, name: string) => records.find((record) => record[0] === id)![header.indexOf(name)]
      expect(cell(landline.id, '欠薪金额（元）')).toBe('约50000.00')
      expect(cell(landline.id, '联系电话')).toBe('020****2345')
      expect(cell(noAmount.id, '欠薪金额（元）')).toBe('')
      expect(cell(liwanReport.id, '欠薪金额（元）')).toBe('86400.00')
    })

    it('gives a city token every district, with the same filters as the list', async () => {
      const response = await staffGet(app(), city, `/api/v1/admin/tips/export?format=csv&district=${YUEXIU}`)
      expect(response.statusCode).toBe(200)
      const exportedIds = parseCsv(response.body.slice(1)).slice(1).map((record) => record[0])
      expect(exportedIds).toContain(yuexiuReport.id)
      expect(exportedIds).not.toContain(liwanReport.id)
      expect((await staffGet(app(), liwan, `/api/v1/admin/tips/export?format=csv&district=${YUEXIU}`)).statusCode).toBe(403)
    })
  })

  describe('audit log', () => {
    it('is for city tokens only', async () => {
      const response = await staffGet(app(), liwan, '/api/v1/admin/audit')
      expect(response.statusCode).toBe(403)
      expect(response.json().error).toEqual({ code: 'forbidden', message: expect.stringMatching(CHINESE) })
    })

    it('lists every read of personal data and every change, newest first, in pages, without personal data', async () => {
      const report = await submit(app(), complaint())
      await staffGet(app(), city, `/api/v1/admin/tips/${report.id}`)
      await transition(app(), city, report.id, { to: 'accepted', internalNote: `联系人 ${NAME}` })

      const first = await staffGet(app(), city, '/api/v1/admin/audit?pageSize=10')
      expect(first.statusCode).toBe(200)
      const [latest, previous] = first.json().items
      expect(latest).toMatchObject({
        action: 'action',
        actionName: '办理反映',
        tipId: report.id,
        trackingCode: report.trackingCode,
        staffName: '市劳动保障监察支队',
        detail: { action: 'accept', from: 'submitted', to: 'accepted' },
      })
      expect(previous).toMatchObject({ action: 'read', actionName: '查看反映详情', tipId: report.id })
      const total = first.json().total
      expect(total).toBe((await auditEntries(app())).length)

      const entries = [...first.json().items]
      for (let page = 2; page <= Math.ceil(total / 10); page += 1) {
        const response: LightMyRequestResponse = await staffGet(app(), city, `/api/v1/admin/audit?pageSize=10&page=${page}`)
        entries.push(...response.json().items)
      }
      expect(entries).toHaveLength(total)
      const times = entries.map((entry: { at: string }) => Date.parse(entry.at))
      expect([...times].sort((a, b) => b - a)).toEqual(times)
      expect(new Set(entries.map((entry: { action: string }) => entry.action))).toEqual(
        new Set(['staff_create', 'staff_revoke', 'list', 'read', 'read_personal', 'read_evidence', 'action', 'export']),
      )
      const text = JSON.stringify(entries)
      for (const secret of [...PERSONAL, '欧阳娜娜', '13912345678']) expect(text).not.toContain(secret)
    })

    it('cannot be changed or deleted, even with SQL', async () => {
      // The message, not `rejects.toThrow`: better-sqlite3 makes its errors with the Error of the first
      // test file that loaded it, which `toThrow` does not recognise as an error in later files.
      const refusal = async (statement: Promise<unknown>) => {
        try {
          await statement
        } catch (error) {
          return String((error as { message?: unknown }).message)
        }
        return 'no error'
      }
      const before = await auditEntries(app())
      expect(before.length).toBeGreaterThan(0)
      expect(await refusal(sql`update audit_log set action = 'nothing'`.execute(app().db))).toMatch(/append-only/)
      expect(await refusal(sql`delete from audit_log`.execute(app().db))).toMatch(/append-only/)
      expect(await refusal(app().db.deleteFrom('audit_log').where('id', '=', before[0].id).execute())).toMatch(/append-only/)
      if (storage.dialect === 'postgres') expect(await refusal(sql`truncate audit_log`.execute(app().db))).toMatch(/append-only/)
      expect(await auditEntries(app())).toEqual(before)
    })
  })
})

describe('staff API failed-login limit', () => {
  const { app } = useApp(SQLITE)

  it('answers 429 once a client has failed too often, while a valid token still works', async () => {
    await loadSampleContentIfEmpty(app().db)
    const { token } = await createStaffToken(app().config, '市劳动保障监察支队')
    const { limit } = RATE_RULES.staffLogins
    const wrong = asStaff(`pufa_st_${'B'.repeat(43)}`, { method: 'GET', url: '/api/v1/admin/tips' })
    for (let index = 0; index < limit; index += 1) expect((await app().inject(wrong)).statusCode).toBe(401)
    const limited = await app().inject(wrong)
    expect(limited.statusCode).toBe(429)
    expect(limited.headers['retry-after']).toMatch(/^\d+$/)
    expect(limited.json().error).toEqual({ code: 'rate_limited', message: expect.stringMatching(/^登录失败太多次了，请 \d+ (秒|分钟)后再试$/) })
    expect((await staffGet(app(), token, '/api/v1/admin/tips')).statusCode).toBe(200)
  })
})
