import { randomBytes } from 'node:crypto'

import { loadConfig } from '../../server/config'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { decryptField, encryptField } from '../../server/privacy/field-crypto'
import { parseKeyring } from '../../server/privacy/keyring'
import { createServer } from '../../server/server'
import { totpAt } from '../../server/staff-auth/totp'
import {
  act,
  anonymousTip,
  asStaff,
  chinaToday,
  cliEnvironment,
  complaint,
  createStaffAccount,
  createStaffToken,
  enrol,
  MOBILE,
  NAME,
  RESIDENT_ID,
  runCli,
  signInRequest,
  STAFF_PASSWORD,
  staffGet,
  submit,
  type CreatedAccount,
} from './staff-helpers'
import { storages, useApp } from './storage'

const key = () => randomBytes(32).toString('base64')
const KEY_A = key()
const KEY_B = key()
const KEY_C = key()
const HASH_KEY = key()

const COLUMNS = ['reporter_name', 'reporter_mobile', 'reporter_id_number'] as const
const FEEDBACK_CONTACT = '13612345678'
const FEEDBACK_NOTE = '已电话答复，会增加工伤保险的题目'
const INTERNAL_NOTE = '老板电话 13912345678，周三约谈'
const EXTENSION_NOTE = '涉及 40 名工人，需要调取银行流水'
const QUESTION = '请问欠薪是从哪个月开始的？'
const REPLY = '从去年十月开始，一直拖到现在。'

describe.each(storages())('pufa keys rotate on $name', (storage) => {
  const { app, config } = useApp(storage, { RATE_LIMITS: 'false', PUFA_FIELD_KEYS: `a:${KEY_A}`, PUFA_HASH_KEY: HASH_KEY })
  const withKeys = (fieldKeys: string) => cliEnvironment(config(), { PUFA_FIELD_KEYS: fieldKeys, PUFA_HASH_KEY: HASH_KEY })

  const rows = () => app().db.selectFrom('tips').select(['id', ...COLUMNS]).orderBy('id').execute()
  const named = [
    { name: NAME, mobile: MOBILE, residentId: RESIDENT_ID },
    { name: '李四', mobile: '13900139000', residentId: null },
  ]

  let anonymous: Awaited<ReturnType<typeof submit>>
  // The report staff and its reporter talk about.
  let talkedAbout: Awaited<ReturnType<typeof submit>>
  // A staff account that has enrolled (its authenticator secret is stored) and one that has not yet (its enrolment's is).
  let enrolled: CreatedAccount & { secret: string }
  let pending: CreatedAccount
  beforeAll(async () => {
    const keys = { PUFA_FIELD_KEYS: `a:${KEY_A}`, PUFA_HASH_KEY: HASH_KEY }
    const account = await createStaffAccount(config(), { name: '赵敏', login: 'zhaomin', role: 'supervisor' }, keys)
    enrolled = { ...account, secret: (await enrol(app(), account.enrolmentCode)).secret }
    pending = await createStaffAccount(config(), { name: '钱进', login: 'qianjin', role: 'auditor' }, keys)
    await loadSampleContentIfEmpty(app().db)
    const submitted = []
    for (const reporter of named) submitted.push(await submit(app(), complaint({ reporter })))
    // An internal note and an extended investigation (its approver and reason) are encrypted too.
    const staff = (await createStaffToken(config(), '市劳动保障监察支队')).token
    for (const body of [
      { action: 'accept', filedOn: chinaToday() },
      { action: 'extend', approver: '王局长', note: EXTENSION_NOTE },
    ]) {
      expect((await act(app(), staff, submitted[0].id, body)).statusCode).toBe(200)
    }
    const note = await app().inject(asStaff(staff, { method: 'POST', url: `/api/v1/admin/tips/${submitted[0].id}/notes`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ body: INTERNAL_NOTE }) }))
    expect(note.statusCode).toBe(201)
    talkedAbout = submitted[0]
    anonymous = await submit(app(), anonymousTip())
    // The conversation about the first report: a staff question and the reporter's reply, each encrypted.
    const { token: asker } = await createStaffToken(config(), '荔湾区劳动保障监察大队', '440103')
    const asked = await app().inject({
      method: 'POST',
      url: `/api/v1/admin/tips/${talkedAbout.id}/messages`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${asker}` },
      payload: JSON.stringify({ kind: 'question', body: QUESTION }),
    })
    expect(asked.statusCode).toBe(201)
    const replied = await app().inject({
      method: 'POST',
      url: `/api/v1/tips/${talkedAbout.trackingCode}/messages`,
      headers: { 'content-type': 'application/json', 'x-tip-verifier': MOBILE.slice(-4) },
      payload: JSON.stringify({ clientId: '6f1c2b9e-4a57-4d0b-9f43-2c1d7e8a9b10', body: REPLY, uploadIds: [] }),
    })
    expect(replied.statusCode).toBe(201)
    // 投诉建议 with and without a contact: only the one with a contact holds an encrypted field.
    const feedbackIds: string[] = []
    for (const body of [{ kind: 'complaint', content: '窗口排队时间太长，希望增加人手。', contact: FEEDBACK_CONTACT }, { kind: 'suggestion', content: '希望增加更多工伤保险的题目。' }]) {
      const response = await app().inject({ method: 'POST', url: '/api/v1/feedback', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) })
      expect(response.statusCode).toBe(201)
      feedbackIds.push(response.json().id)
    }
    // Staff's note on the suggestion (no contact): encrypted too.
    const { token: city } = await createStaffToken(config(), '市局内容管理员')
    const handled = await app().inject({
      method: 'POST',
      url: `/api/v1/admin/feedback/${feedbackIds[1]}/status`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${city}` },
      payload: JSON.stringify({ status: 'handled', note: FEEDBACK_NOTE }),
    })
    expect(handled.statusCode).toBe(200)
  })

  const contacts = () => app().db.selectFrom('feedback').select(['id', 'contact']).where('contact', 'is not', null).execute()

  it('refuses, changing nothing, when a value decrypts with none of the keys, naming its row and column only', async () => {
    const [victim] = await rows()
    const foreign = encryptField(parseKeyring(`c:${KEY_C}`), NAME, { table: 'tips', rowId: victim.id, column: 'reporter_name' })
    const original = victim.reporter_name
    await app().db.updateTable('tips').set({ reporter_name: foreign }).where('id', '=', victim.id).execute()
    try {
      const before = await rows()
      const result = await runCli(['keys', 'rotate'], withKeys(`b:${KEY_B},a:${KEY_A}`))
      expect(result.code).toBe(1)
      expect(result.stderr).toContain('没有轮换密钥，数据库未做任何修改')
      expect(result.stderr).toContain(`tips.reporter_name（记录 ${victim.id}）`)
      expect(result.stderr).toContain('密钥 c')
      expect(result.stderr).not.toContain(NAME)
      expect(result.stderr).not.toContain(foreign)
      expect(await rows()).toEqual(before)
    } finally {
      await app().db.updateTable('tips').set({ reporter_name: original }).where('id', '=', victim.id).execute()
    }
  })

  it('re-encrypts every personal field under the new primary key, idempotently, so the old key can go', async () => {
    const before = await rows()
    const encrypted = before.flatMap((row) => COLUMNS.map((column) => row[column])).filter((value) => value !== null)
    expect(encrypted).toHaveLength(5)
    expect(encrypted.every((value) => value!.startsWith('v1.a.'))).toBe(true)
    expect((await contacts()).map((row) => row.contact!.slice(0, 5))).toEqual(['v1.a.'])

    const first = await runCli(['keys', 'rotate'], withKeys(`b:${KEY_B},a:${KEY_A}`))
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    // 5 personal fields and an extension, the 3 stored answers of the submissions (one holds an access key), two
    // messages, one feedback contact, one staff note on feedback, one internal note and two authenticator secrets (an account's, a pending enrolment's).
    expect(first.stdout).toContain('检查了 3 份反映及其提交记录、2 条留言、2 条留有联系电话或处理备注的投诉建议和纠错、1 条内部备注、2 个工作人员身份验证器密钥中的 16 个加密字段，重新加密 16 个，0 个原本就使用当前密钥')
    expect(first.stdout).toContain('现在可以从 PUFA_FIELD_KEYS 中移除旧密钥 a')

    const after = await rows()
    for (const [index, row] of after.entries()) {
      for (const column of COLUMNS) {
        if (before[index][column] === null) expect(row[column]).toBeNull()
        else expect(row[column]).toMatch(/^v1\.b\./)
      }
    }

    const again = await runCli(['keys', 'rotate'], withKeys(`b:${KEY_B},a:${KEY_A}`))
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('重新加密 0 个，16 个原本就使用当前密钥')
    expect(await rows()).toEqual(after)

    // With key a gone, everything still reads: directly, and through the staff API of a new instance.
    const onlyB = parseKeyring(`b:${KEY_B}`)
    const [contact] = await contacts()
    expect(contact.contact).toMatch(/^v1\.b\./)
    expect(decryptField(onlyB, contact.contact!, { table: 'feedback', rowId: contact.id, column: 'contact' })).toBe(FEEDBACK_CONTACT)
    const [noted] = await app().db.selectFrom('feedback').select(['id', 'staff_note']).where('staff_note', 'is not', null).execute()
    expect(noted.staff_note).toMatch(/^v1\.b\./)
    expect(decryptField(onlyB, noted.staff_note!, { table: 'feedback', rowId: noted.id, column: 'staff_note' })).toBe(FEEDBACK_NOTE)
    const plain = after.map((row) =>
      COLUMNS.map((column) => (row[column] === null ? null : decryptField(onlyB, row[column]!, { table: 'tips', rowId: row.id, column }))),
    )
    expect(plain).toEqual(
      expect.arrayContaining([
        [NAME, MOBILE, RESIDENT_ID],
        ['李四', '13900139000', null],
        [null, null, null],
      ]),
    )

    const { token } = await createStaffToken(config(), '市劳动保障监察支队')
    const server = await createServer(loadConfig(withKeys(`b:${KEY_B}`)), { logger: false })
    try {
      for (const row of after) {
        const response = await staffGet(server, token, `/api/v1/admin/tips/${row.id}`)
        expect(response.statusCode).toBe(200)
        if (row.reporter_name === null) continue
        const revealed = await server.inject(
          asStaff(token, { method: 'POST', url: `/api/v1/admin/tips/${row.id}/reveal`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ reason: '核对密钥轮换' }) }),
        )
        const reporter = revealed.json().reporter
        expect([reporter.name, reporter.mobile, reporter.residentId]).toEqual(plain[after.indexOf(row)])
        if (response.json().extension !== null) {
          expect(response.json().extension).toMatchObject({ approver: '王局长', note: EXTENSION_NOTE })
          expect(response.json().notes).toEqual([expect.objectContaining({ body: INTERNAL_NOTE })])
        }
      }
      expect(await server.db.selectFrom('tips').select('id').where('extension', 'is not', null).execute()).toHaveLength(1)
      // The conversation reads, on both sides.
      const reporterSide = await server.inject({ method: 'GET', url: `/api/v1/tips/${talkedAbout.trackingCode}/messages`, headers: { 'x-tip-verifier': MOBILE.slice(-4) } })
      expect(reporterSide.json().items.map((item: { body: string }) => item.body)).toEqual([QUESTION, REPLY])
      const messages = await app().db.selectFrom('tip_messages').select(['id', 'body']).execute()
      for (const message of messages) expect(message.body).toMatch(/^v1\.b\./)
      // A late retry of the anonymous submission still gets its access key back.
      const replay = await server.inject({
        method: 'POST',
        url: '/api/v1/tips',
        headers: { 'content-type': 'application/json', 'idempotency-key': anonymous.key },
        payload: JSON.stringify(anonymousTip()),
      })
      expect(replay.statusCode).toBe(201)
      expect(replay.json()).toMatchObject({ trackingCode: anonymous.trackingCode, accessKey: anonymous.accessKey })

      // The staff member signs in with the authenticator set up before the rotation (a minute on, for a fresh code)...
      const later = Date.now() + 60_000
      jest.spyOn(Date, 'now').mockReturnValue(later)
      try {
        const signedIn = await server.inject(signInRequest(enrolled.login, STAFF_PASSWORD, totpAt(enrolled.secret, later)))
        expect(signedIn.statusCode).toBe(200)
      } finally {
        jest.restoreAllMocks()
      }
      // ...and the one not yet enrolled still gets the secret of their enrolment link.
      const enrolment = await server.inject({ method: 'GET', url: `/api/v1/staff/enrolment/${pending.enrolmentCode}` })
      expect(enrolment.statusCode).toBe(200)
      expect(enrolment.json().secret).toMatch(/^[A-Z2-7]{32}$/)
    } finally {
      await server.close()
    }

    const audit = await app().db.selectFrom('audit_log').selectAll().where('action', '=', 'keys_rotate').execute()
    expect(audit.map((entry) => JSON.parse(entry.detail))).toEqual([
      { currentKeyId: 'b', tips: 3, feedback: 2, notes: 1, staffSecrets: 2, messages: 2, fields: 16, reencrypted: 16 },
      { currentKeyId: 'b', tips: 3, feedback: 2, notes: 1, staffSecrets: 2, messages: 2, fields: 16, reencrypted: 0 },
    ])
  })

  it('explains its usage', async () => {
    const result = await runCli(['keys', 'spin'], withKeys(`b:${KEY_B}`))
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('pufa keys 没有“spin”这个操作。用法：pufa keys rotate')
  })
})
