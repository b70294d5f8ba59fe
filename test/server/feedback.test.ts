import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

import type { FastifyInstance, InjectOptions } from 'fastify'
import { sql } from 'kysely'

import { migrate } from '../../server/db/migrations'
import { decryptField } from '../../server/privacy/field-crypto'
import { BODY_LIMIT_BYTES, createServer } from '../../server/server'
import { storages, useApp, useStorage } from './storage'

const URL = '/api/v1/feedback'
const CHINESE = /[\u4e00-\u9fff]/

function postJson(body: unknown): InjectOptions {
  return { method: 'POST', url: URL, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) }
}

interface BadInput {
  name: string
  request: InjectOptions
  status: number
  code: string
  /** The field the answer must name, with a fragment of its message. */
  field?: [string, string | RegExp]
  /** A fragment of the top-level message. */
  message: string | RegExp
}

const valid = { kind: 'suggestion', content: '希望增加更多关于工伤保险的题目' }

const BAD_INPUTS: BadInput[] = [
  {
    name: 'missing kind',
    request: postJson({ content: valid.content }),
    status: 400,
    code: 'validation_failed',
    field: ['kind', '请选择反馈类型'],
    message: '反馈类型',
  },
  {
    name: 'unknown kind',
    request: postJson({ ...valid, kind: 'praise' }),
    status: 400,
    code: 'validation_failed',
    field: ['kind', '请选择反馈类型：意见建议、投诉或题目纠错'],
    message: '反馈类型',
  },
  {
    name: 'content of the wrong type',
    request: postJson({ ...valid, content: 12345 }),
    status: 400,
    code: 'validation_failed',
    field: ['content', '内容应为文字'],
    message: '内容应为文字',
  },
  {
    name: 'missing content',
    request: postJson({ kind: 'complaint' }),
    status: 400,
    code: 'validation_failed',
    field: ['content', '请填写内容'],
    message: '请填写内容',
  },
  {
    name: 'content too short once trimmed',
    request: postJson({ ...valid, content: '   太短了  \n ' }),
    status: 400,
    code: 'validation_failed',
    field: ['content', '请至少写5个字'],
    message: '内容：请至少写5个字',
  },
  {
    name: 'content too long',
    request: postJson({ ...valid, content: '长'.repeat(1001) }),
    status: 400,
    code: 'validation_failed',
    field: ['content', '内容请不超过1000字'],
    message: '内容请不超过1000字',
  },
  {
    name: 'content with control characters',
    request: postJson({ ...valid, content: '正常的文字\u0007后面有响铃符' }),
    status: 400,
    code: 'validation_failed',
    field: ['content', /无法识别的字符/],
    message: /^内容中有无法识别的字符/,
  },
  {
    name: 'an unknown property',
    request: postJson({ ...valid, phone: '13812345678' }),
    status: 400,
    code: 'validation_failed',
    field: ['phone', '“phone”不是可以提交的项，请删除后再提交'],
    message: '“phone”不是可以提交的项',
  },
  {
    name: 'a contact that is not a phone number',
    request: postJson({ ...valid, contact: '1381234567' }),
    status: 400,
    code: 'validation_failed',
    field: ['contact', '手机号码应为11位，您填写了10位'],
    message: '联系电话：手机号码应为11位，您填写了10位',
  },
  {
    name: 'a contact with letters',
    request: postJson({ ...valid, contact: '138abc45678' }),
    status: 400,
    code: 'validation_failed',
    field: ['contact', '电话号码只能填写数字，可以用空格或短横线隔开'],
    message: '联系电话：电话号码只能填写数字，可以用空格或短横线隔开',
  },
  {
    name: 'a contact of the wrong type',
    request: postJson({ ...valid, contact: 13812345678 }),
    status: 400,
    code: 'validation_failed',
    field: ['contact', '联系电话应为文字'],
    message: '联系电话应为文字',
  },
  {
    name: 'a contact longer than 40 characters',
    request: postJson({ ...valid, contact: '1'.repeat(41) }),
    status: 400,
    code: 'validation_failed',
    field: ['contact', '联系电话请不超过40个字'],
    message: '联系电话请不超过40个字',
  },
  {
    name: 'question_report without questionId',
    request: postJson({ kind: 'question_report', content: '这道题的答案和法条不一致' }),
    status: 400,
    code: 'validation_failed',
    field: ['questionId', '请说明是哪一道题有问题'],
    message: '题目编号：请说明是哪一道题有问题',
  },
  {
    name: 'a questionId longer than 100 characters',
    request: postJson({ kind: 'question_report', content: '这道题的答案和法条不一致', questionId: 'q'.repeat(101) }),
    status: 400,
    code: 'validation_failed',
    field: ['questionId', '题目编号请不超过100个字'],
    message: '题目编号请不超过100个字',
  },
  {
    name: 'an Idempotency-Key that is too short',
    request: { ...postJson({ kind: 'question_report', content: '这道题的答案和法条不一致', questionId: 'quiz-0042' }), headers: { 'content-type': 'application/json', 'idempotency-key': 'short' } },
    status: 400,
    code: 'idempotency_key_invalid',
    message: 'Idempotency-Key 请求头的格式不对',
  },
  {
    name: 'an Idempotency-Key with characters outside letters, digits, _ and -',
    request: { ...postJson(valid), headers: { 'content-type': 'application/json', 'idempotency-key': 'key with spaces 1234' } },
    status: 400,
    code: 'idempotency_key_invalid',
    message: '应为 8 到 100 个字母、数字、下划线或连字符',
  },
  {
    name: 'a body that is not an object',
    request: postJson(['suggestion', valid.content]),
    status: 400,
    code: 'validation_failed',
    message: '提交的内容应为一组字段',
  },
  {
    name: 'malformed JSON',
    request: { method: 'POST', url: URL, headers: { 'content-type': 'application/json' }, payload: '{"kind": "suggestion", "content": ' },
    status: 400,
    code: 'invalid_json',
    message: '不是有效的 JSON',
  },
  {
    name: 'an empty JSON body',
    request: { method: 'POST', url: URL, headers: { 'content-type': 'application/json' }, payload: '' },
    status: 400,
    code: 'invalid_json',
    message: '提交的内容是空的',
  },
  {
    name: 'a form-encoded body',
    request: { method: 'POST', url: URL, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'kind=suggestion' },
    status: 415,
    code: 'unsupported_media_type',
    message: 'JSON',
  },
  {
    name: 'a plain-text body',
    request: { method: 'POST', url: URL, headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(valid) },
    status: 415,
    code: 'unsupported_media_type',
    message: '不支持这种提交格式',
  },
  {
    name: 'a body over 1 MiB',
    request: postJson({ ...valid, content: 'x'.repeat(BODY_LIMIT_BYTES) }),
    status: 413,
    code: 'payload_too_large',
    message: '提交的内容太大了',
  },
]

describe.each(storages())('POST /api/v1/feedback on $name', (storage) => {
  const { app, config } = useApp(storage)

  const countRows = async () => {
    const { count } = await app()
      .db.selectFrom('feedback')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow()
    return Number(count)
  }

  it('stores a suggestion and answers 201 with its id and time', async () => {
    const before = Date.now()
    const response = await app().inject(postJson({ kind: 'suggestion', content: '  希望增加更多关于工伤保险的题目\n谢谢！  ' }))
    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(Object.keys(body).sort()).toEqual(['id', 'receivedAt'])
    expect(body.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)

    const row = await app().db.selectFrom('feedback').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow()
    expect(row).toEqual({
      id: body.id,
      kind: 'suggestion',
      content: '希望增加更多关于工伤保险的题目\n谢谢！',
      question_id: null,
      client_id: null,
      contact: null,
      created_at: Date.parse(body.receivedAt),
      // Waiting for staff in the console's inbox (server/feedback/feedback-inbox.routes.ts).
      status: 'open',
      staff_note: null,
      handled_by: null,
      handled_at: null,
    })
    expect(row.created_at).toBeGreaterThanOrEqual(before)
  })

  it('stores a question report with its question id', async () => {
    const response = await app().inject(postJson({ kind: 'question_report', content: '这道题的答案和法条不一致', questionId: 'quiz-0042' }))
    expect(response.statusCode).toBe(201)
    const row = await app().db.selectFrom('feedback').selectAll().where('id', '=', response.json().id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ kind: 'question_report', question_id: 'quiz-0042', content: '这道题的答案和法条不一致' })
  })

  it('accepts exactly 5 and exactly 1000 characters, counting characters rather than bytes', async () => {
    expect((await app().inject(postJson({ kind: 'complaint', content: '工资没发放' }))).statusCode).toBe(201)
    expect((await app().inject(postJson({ kind: 'complaint', content: '欠'.repeat(1000) }))).statusCode).toBe(201)
  })

  it.each(BAD_INPUTS)('rejects $name', async ({ request, status, code, field, message }) => {
    const rowsBefore = await countRows()
    const response = await app().inject(request)

    expect(response.statusCode).toBe(status)
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    const body = response.json()
    expect(Object.keys(body)).toEqual(['error'])
    expect(body.error.code).toBe(code)
    expect(body.error.message).toMatch(CHINESE)
    expect(body.error.message).toEqual(expect.stringMatching(message))
    if (field) {
      const [path, fragment] = field
      expect(Object.keys(body.error.fields)).toEqual([path])
      expect(body.error.fields[path]).toEqual(expect.stringMatching(fragment))
    } else {
      expect(body.error.fields).toBeUndefined()
    }
    expect(response.body).not.toMatch(/FST_|at \/|\.ts:|stack/)
    expect(await countRows()).toBe(rowsBefore)
  })

  it('names every bad field of one request at once', async () => {
    const response = await app().inject(postJson({ kind: 'praise', content: 5, extra: true }))
    expect(response.statusCode).toBe(400)
    expect(Object.keys(response.json().error.fields).sort()).toEqual(['content', 'extra', 'kind'])
  })

  describe('with a contact (the phone number left for a reply)', () => {
    const CONTACT = '13612345678'
    const TYPED = ' 136-1234-5678 '
    const CONTENT = '办理失业登记时窗口说材料不全，希望公布完整的材料清单。'

    it('stores it only encrypted, bound to its row and column, and never answers with it', async () => {
      const response = await app().inject(postJson({ kind: 'complaint', content: CONTENT, contact: TYPED }))
      expect(response.statusCode).toBe(201)
      expect(Object.keys(response.json()).sort()).toEqual(['id', 'receivedAt'])
      expect(response.body).not.toContain(CONTACT)

      const row = await app().db.selectFrom('feedback').selectAll().where('id', '=', response.json().id).executeTakeFirstOrThrow()
      expect(row).toMatchObject({ kind: 'complaint', content: CONTENT })
      expect(row.contact).toMatch(/^v1\.[a-z0-9]+\./)
      const keyring = config().fieldKeys
      expect(decryptField(keyring, row.contact!, { table: 'feedback', rowId: row.id, column: 'contact' })).toBe(CONTACT)
      // Copied to another row or column, the value no longer decrypts.
      expect(() => decryptField(keyring, row.contact!, { table: 'feedback', rowId: 'another-row', column: 'contact' })).toThrow(/未通过校验/)
      expect(() => decryptField(keyring, row.contact!, { table: 'feedback', rowId: row.id, column: 'content' })).toThrow(/未通过校验/)

      // Nowhere in the database in plain text, as typed or as stored.
      const plainForms = [CONTACT, TYPED.trim(), '136 1234 5678']
      if (storage.dialect === 'sqlite') {
        await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(app().db)
        const bytes = readFileSync(config().sqliteFile)
        // The check would notice plain text: the content is stored as is.
        expect(bytes.includes(Buffer.from(CONTENT, 'utf8'))).toBe(true)
        for (const plain of plainForms) expect(bytes.includes(Buffer.from(plain, 'utf8'))).toBe(false)
      } else {
        const dump = spawnSync('pg_dump', ['--no-owner', '--dbname', config().databaseUrl!], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
        expect(dump.status).toBe(0)
        expect(dump.stderr).toBe('')
        expect(dump.stdout).toContain(CONTENT)
        for (const plain of plainForms) expect(dump.stdout).not.toContain(plain)
      }
    })

    it('takes a blank contact as none', async () => {
      const response = await app().inject(postJson({ kind: 'suggestion', content: '留空的联系电话不算联系电话', contact: '   ' }))
      expect(response.statusCode).toBe(201)
      const row = await app().db.selectFrom('feedback').selectAll().where('id', '=', response.json().id).executeTakeFirstOrThrow()
      expect(row.contact).toBeNull()
    })

    it('answers a resend with the same key and contact with the first receipt; another contact under that key is refused', async () => {
      const key = 'fb-contact-0001'
      const body = { kind: 'complaint', content: CONTENT, contact: CONTACT }
      const withKey = (payload: unknown): InjectOptions => ({ ...postJson(payload), headers: { 'content-type': 'application/json', 'idempotency-key': key } })
      const first = await app().inject(withKey(body))
      expect(first.statusCode).toBe(201)
      // Typed differently, the same number is the same feedback.
      const again = await app().inject(withKey({ ...body, contact: TYPED }))
      expect(again.statusCode).toBe(201)
      expect(again.json()).toEqual(first.json())

      for (const other of [{ ...body, contact: '13912345678' }, { kind: body.kind, content: body.content }]) {
        const refused = await app().inject(withKey(other))
        expect(refused.statusCode).toBe(422)
        expect(refused.json().error.code).toBe('idempotency_mismatch')
      }
      const rows = await app().db.selectFrom('feedback').selectAll().where('client_id', '=', key).execute()
      expect(rows).toHaveLength(1)
      expect(decryptField(config().fieldKeys, rows[0].contact!, { table: 'feedback', rowId: rows[0].id, column: 'contact' })).toBe(CONTACT)
    })
  })

  describe('with an Idempotency-Key (the app\'s outbox id)', () => {
    const report = { kind: 'question_report', content: '【答案有误】第二个选项才符合法条的规定', questionId: 'quiz-0042' }
    const postWithKey = (key: string, body: unknown = report): InjectOptions => ({ ...postJson(body), headers: { 'content-type': 'application/json', 'idempotency-key': key } })
    const rowsWithKey = async (key: string) => app().db.selectFrom('feedback').selectAll().where('client_id', '=', key).execute()

    it('answers a resend with the first receipt and stores the report once', async () => {
      const key = 'qr-resend-0001'
      const first = await app().inject(postWithKey(key))
      expect(first.statusCode).toBe(201)
      const again = await app().inject(postWithKey(key))
      expect(again.statusCode).toBe(201)
      expect(again.json()).toEqual(first.json())

      const rows = await rowsWithKey(key)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ id: first.json().id, kind: 'question_report', question_id: 'quiz-0042', client_id: key })
    })

    it('stores one report when resends arrive at the same time', async () => {
      const key = 'qr-concurrent-0001'
      const answers = await Promise.all(Array.from({ length: 6 }, () => app().inject(postWithKey(key))))
      expect(answers.map((answer) => answer.statusCode)).toEqual(Array(6).fill(201))
      expect(new Set(answers.map((answer) => answer.json().id)).size).toBe(1)
      expect(await rowsWithKey(key)).toHaveLength(1)
    })

    it('refuses the same key with different content (422) and keeps the first report as it was', async () => {
      const key = 'qr-mismatch-0001'
      const first = await app().inject(postWithKey(key))
      const rowsBefore = await countRows()
      const other = await app().inject(postWithKey(key, { ...report, content: '【解析有误】解析引用的条款不对' }))
      expect(other.statusCode).toBe(422)
      expect(other.json().error).toEqual({ code: 'idempotency_mismatch', message: expect.stringMatching(/已用于另一条内容不同的反馈/) })
      expect(await countRows()).toBe(rowsBefore)
      expect((await rowsWithKey(key)).map((row) => [row.id, row.content])).toEqual([[first.json().id, report.content]])
    })

    it('keeps feedback sent without a key apart: the same text twice is two rows', async () => {
      const rowsBefore = await countRows()
      const body = { kind: 'suggestion', content: '同样的建议发了两次' }
      const ids = [(await app().inject(postJson(body))).json().id, (await app().inject(postJson(body))).json().id]
      expect(new Set(ids).size).toBe(2)
      expect(await countRows()).toBe(rowsBefore + 2)
    })

    it('the database itself refuses a second row with the same client id', async () => {
      const row = { kind: 'question_report', content: '直接写入数据库', question_id: 'quiz-0001', client_id: 'qr-db-unique-0001', created_at: Date.now() }
      await app().db.insertInto('feedback').values({ ...row, id: 'db-unique-1' }).execute()
      // The driver's error code rather than toThrow: better-sqlite3's errors are not Error instances of Jest's realm.
      const second = await app()
        .db.insertInto('feedback')
        .values({ ...row, id: 'db-unique-2' })
        .execute()
        .then(
          () => 'stored',
          (error: { code?: unknown }) => error.code,
        )
      expect(second).toBe(storage.dialect === 'sqlite' ? 'SQLITE_CONSTRAINT_UNIQUE' : '23505')
      expect(await rowsWithKey('qr-db-unique-0001')).toHaveLength(1)
    })
  })

  it('has no other methods', async () => {
    const response = await app().inject({ method: 'GET', url: URL })
    expect(response.statusCode).toBe(404)
    expect(response.json().error.code).toBe('not_found')
  })
})

describe.each(storages())('the server log of feedback with a contact on $name', (storage) => {
  const { config } = useStorage(storage)
  const lines: string[] = []
  let app: FastifyInstance | undefined

  beforeAll(async () => {
    app = await createServer(config(), { logger: { level: 'trace', destination: { write: (line: string) => lines.push(line) } } })
    await app.ready()
    await migrate(app.db)
  })
  afterAll(() => app?.close())

  it('never holds the phone number, whatever the answer was', async () => {
    const contact = '15820261204'
    const body = { kind: 'complaint', content: '社保卡补办进度查不到，希望能在网上查询。', contact }
    const statuses: number[] = []
    const send = async (payload: unknown, key?: string) => {
      const headers = { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) }
      statuses.push((await app!.inject({ method: 'POST', url: '/api/v1/feedback', headers, payload: JSON.stringify(payload) })).statusCode)
    }
    await send(body, 'fb-log-0001')
    await send(body, 'fb-log-0001')
    await send({ ...body, contact: '13912345678' }, 'fb-log-0001')
    await send({ ...body, contact: `${contact}0` })
    await send({ ...body, content: '短', contact })
    expect(statuses).toEqual([201, 201, 422, 400, 400])
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) {
      expect(line).not.toContain(contact)
      expect(line).not.toContain('13912345678')
    }
  })
})
