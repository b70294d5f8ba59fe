// The one character rule and normalisation of core/text-rules on the service: what the adversarial
// run found in feedback and nicknames (bidi overrides, C1 controls, zero-width-only text, lone
// surrogates, a phone number in full-width digits) is refused with the field named; what is kept
// is stored in NFC. On SQLite and PostgreSQL.
import type { InjectOptions } from 'fastify'

import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { storages, useApp } from './storage'

function postJson(url: string, body: unknown): InjectOptions {
  return { method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) }
}

// JSON can carry a lone surrogate as an escape; JSON.stringify writes it that way.
const UNREADABLE: Array<[string, string]> = [
  ['a bidi override', '希望增加\u202e更多工伤保险的题目'],
  ['a C1 control', '希望增加\u0085更多工伤保险的题目'],
  ['a lone surrogate', '希望增加更多工伤保险的题目\ud83d'],
  ['a NUL byte', '希望增加\u0000更多工伤保险的题目'],
]

describe.each(storages())('free text on $name', (storage) => {
  const { app } = useApp(storage, { RATE_LIMITS: 'false' })

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
  })

  async function feedbackCount(): Promise<number> {
    const row = await app().db.selectFrom('feedback').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()
    return Number(row.count)
  }

  it.each(UNREADABLE)('refuses feedback with %s, naming the field, and stores nothing', async (_name, content) => {
    const before = await feedbackCount()
    const response = await app().inject(postJson('/api/v1/feedback', { kind: 'suggestion', content }))
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'validation_failed', fields: { content: '内容中有无法识别的字符，请删除后再提交' } })
    expect(await feedbackCount()).toBe(before)
  })

  it('refuses feedback of zero-width characters only as empty', async () => {
    const response = await app().inject(postJson('/api/v1/feedback', { kind: 'suggestion', content: '\u200b\u200c\u200d\u2060\ufeff\u200b' }))
    expect(response.statusCode).toBe(400)
    expect(response.json().error.fields).toEqual({ content: '请填写您的意见或建议' })
  })

  it('stores feedback in NFC, with Windows line breaks as \\n', async () => {
    const response = await app().inject(postJson('/api/v1/feedback', { kind: 'suggestion', content: 'Cafe\u0301 窗口\r\n排队太久' }))
    expect(response.statusCode).toBe(201)
    const row = await app().db.selectFrom('feedback').select('content').where('id', '=', response.json().id).executeTakeFirstOrThrow()
    expect(row.content).toBe('Caf\u00e9 窗口\n排队太久')
  })

  it.each([
    ['a phone number in full-width digits', '阿明１３８１２３４５', '昵称里请不要填写电话号码、证件号码等个人信息'],
    ['a phone number with spaces', '138 1234 567', '昵称里请不要填写电话号码、证件号码等个人信息'],
    ['a bidi override', '阿\u202e明', '昵称中有无法识别的字符，请删除后再提交'],
    ['a C1 control', '阿\u0085明', '昵称中有无法识别的字符，请删除后再提交'],
    ['a lone surrogate', '阿明\ud83d', '昵称中有无法识别的字符，请删除后再提交'],
    ['zero-width characters only', '\u200b\u200b\u200b', '昵称不能只有空格'],
  ])('refuses a nickname with %s', async (_name, nickname, message) => {
    const response = await app().inject(postJson('/api/v1/quiz/participants', { districtCode: '440103', nickname, showOnBoard: true }))
    expect(response.statusCode).toBe(400)
    expect(response.json().error.fields).toEqual({ nickname: message })
  })

  it('keeps a nickname of letters and a few digits, trimmed, in NFC', async () => {
    const response = await app().inject(postJson('/api/v1/quiz/participants', { districtCode: '440103', nickname: ' Rene\u0301 2024 ', showOnBoard: true }))
    expect(response.statusCode).toBe(201)
    const row = await app().db.selectFrom('quiz_participants').select('nickname').where('nickname', 'like', 'Ren%').executeTakeFirstOrThrow()
    expect(row.nickname).toBe('Ren\u00e9 2024')
  })
})
