// The staff side of 投诉建议 and 纠错 and the question bank, over HTTP with signed-in accounts:
// the inbox (filters, newest first, the question's stem), handling with a note (encrypted, audited),
// the contact shown in full to a supervisor only, exports; the bank's search, answer rates and 纠错 counts.
import ExcelJS from 'exceljs'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'

import type { QuizQuestion } from '../../src/core/content/model'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { asSession, auditEntries, createStaffAccount, enrol } from './staff-helpers'
import { storages, useApp } from './storage'

const PHONE = '13812345678'
const MASKED = '138****5678'
const DAY = 24 * 60 * 60 * 1000

type Json = Record<string, unknown>

interface Item {
  id: string
  kind: string
  kindName: string
  content: string
  questionId: string | null
  questionStem: string | null
  status: string
  statusName: string
  hasContact: boolean
  contact: string | null
  contactRevealed: boolean
  note: string | null
  handledBy: string | null
  handledAt: string | null
}

interface BankItem {
  id: string
  category: string
  stem: string
  answered: number
  answeredRight: number
  rightRate: number | null
  reports: number
  openReports: number
  options: { id: string; correct: boolean }[]
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  const rows: string[][] = []
  workbook.worksheets[0].eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value))))
  })
  return rows
}

describe.each(storages())('the feedback inbox and the question bank on $name', (storage) => {
  const { app, config } = useApp(storage, { RATE_LIMITS: 'false' })
  const cookies = new Map<string, string>()
  const staffIds = new Map<string, string>()
  let contest: [string, QuizQuestion][] = []
  let practice: [string, QuizQuestion][] = []

  const as = (login: string, options: InjectOptions): Promise<LightMyRequestResponse> => {
    const cookie = cookies.get(login)
    if (cookie === undefined) throw new Error(`no session for ${login}`)
    return app().inject(asSession(cookie, options))
  }
  const get = (login: string, url: string) => as(login, { method: 'GET', url })
  const post = (login: string, url: string, body: unknown) => as(login, { method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) })
  const publicPost = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    app().inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) })

  let lastSentAt = 0
  async function sendFeedback(body: Json): Promise<string> {
    // Each one received in a later millisecond than the one before, so "newest first" is one order.
    while (Date.now() <= lastSentAt) await new Promise((resolve) => setImmediate(resolve))
    const response = await publicPost('/api/v1/feedback', body)
    lastSentAt = Date.now()
    expect(response.statusCode).toBe(201)
    return response.json().id
  }

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
    for (const account of [
      { name: '刘组织', login: 'organiser', role: 'organiser' },
      { name: '王督导', login: 'supervisor', role: 'supervisor' },
      { name: '孙审计', login: 'auditor', role: 'auditor' },
      { name: '陈小明', login: 'inspector', role: 'inspector', district: '440103' },
    ] as const) {
      const created = await createStaffAccount(config(), account)
      cookies.set(account.login, (await enrol(app(), created.enrolmentCode)).cookie)
      staffIds.set(account.login, created.id)
    }
    const rows = await app().db.selectFrom('content_items').select(['id', 'data']).where('type', '=', 'quiz_question').where('deleted', '=', 0).orderBy('id').execute()
    const questions = rows.map((row) => [row.id, JSON.parse(row.data) as QuizQuestion] as [string, QuizQuestion])
    contest = questions.filter(([, question]) => question.bank === 'contest')
    practice = questions.filter(([, question]) => question.bank === 'practice')
    expect(contest.length).toBeGreaterThan(2)
    expect(practice.length).toBeGreaterThan(0)
  })

  describe('the inbox', () => {
    let suggestion: string
    let complaint: string
    let report: string

    beforeAll(async () => {
      suggestion = await sendFeedback({ kind: 'suggestion', content: '希望增加更多关于工伤认定的解读' })
      complaint = await sendFeedback({ kind: 'complaint', content: '=HYPERLINK("http://evil")投诉窗口态度不好', contact: PHONE })
      report = await sendFeedback({ kind: 'question_report', content: '这道题的答案好像不对', questionId: practice[0][0] })
    })

    it('lists 投诉建议 and 纠错 together, newest first, with the question of a 纠错 and counts by state', async () => {
      const response = await get('organiser', '/api/v1/admin/feedback')
      expect(response.statusCode).toBe(200)
      const body = response.json()
      const items = body.items as Item[]
      expect(items.map((item) => item.id)).toEqual([report, complaint, suggestion])
      expect(body.total).toBe(3)
      expect(body.counts).toEqual({ open: 3, handled: 0, declined: 0 })
      expect(items[0]).toMatchObject({ kind: 'question_report', kindName: '题目纠错', questionId: practice[0][0], questionStem: practice[0][1].stem, questionBank: 'practice', status: 'open', statusName: '待处理' })
      expect(items[2]).toMatchObject({ kindName: '意见建议', questionStem: null, hasContact: false, contact: null })
      const kinds = await get('organiser', '/api/v1/admin/feedback?kind=question_report')
      expect((kinds.json().items as Item[]).map((item) => item.id)).toEqual([report])
      const ofQuestion = await get('organiser', `/api/v1/admin/feedback?questionId=${encodeURIComponent(practice[0][0])}&status=handled`)
      expect(ofQuestion.json()).toMatchObject({ items: [], total: 0, counts: { open: 1, handled: 0, declined: 0 } })
    })

    it('shows the contact in full to a supervisor (audited), masked to an organiser', async () => {
      const organiser = (await get('organiser', '/api/v1/admin/feedback?kind=complaint')).json().items[0] as Item
      expect(organiser).toMatchObject({ hasContact: true, contact: MASKED, contactRevealed: false })
      expect(JSON.stringify((await get('organiser', '/api/v1/admin/feedback')).json())).not.toContain(PHONE)
      const before = (await auditEntries(app())).length
      const supervisor = (await get('supervisor', '/api/v1/admin/feedback?kind=complaint')).json().items[0] as Item
      expect(supervisor).toMatchObject({ hasContact: true, contact: PHONE, contactRevealed: true })
      const entries = (await auditEntries(app())).slice(before)
      expect(entries.map((entry) => [entry.action, entry.staff_id])).toEqual([['feedback_list', staffIds.get('supervisor')]])
      expect(entries[0].detail).not.toContain(PHONE)
    })

    it('keeps other roles out', async () => {
      for (const login of ['auditor', 'inspector']) {
        expect((await get(login, '/api/v1/admin/feedback')).statusCode).toBe(403)
        expect((await get(login, '/api/v1/admin/feedback/export?format=csv')).statusCode).toBe(403)
        expect((await post(login, `/api/v1/admin/feedback/${report}/status`, { status: 'handled' })).statusCode).toBe(403)
      }
      expect((await app().inject({ method: 'GET', url: '/api/v1/admin/feedback' })).statusCode).toBe(401)
    })

    it('sets a state with an internal note, stored encrypted and audited; back to open clears who handled it', async () => {
      const before = (await auditEntries(app())).length
      const response = await post('organiser', `/api/v1/admin/feedback/${report}/status`, { status: 'handled', note: '已更正答案，联系人 13900001111' })
      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({ id: report, status: 'handled', statusName: '已处理', note: '已更正答案，联系人 13900001111', handledBy: '刘组织' })
      expect(response.json().handledAt).toEqual(expect.any(String))
      const stored = await app().db.selectFrom('feedback').select(['staff_note', 'status']).where('id', '=', report).executeTakeFirstOrThrow()
      expect(stored.status).toBe('handled')
      expect(stored.staff_note).not.toContain('13900001111')
      expect(stored.staff_note).not.toContain('已更正')
      const entries = (await auditEntries(app())).slice(before)
      expect(entries.map((entry) => entry.action)).toEqual(['feedback_status'])
      expect(JSON.parse(entries[0].detail)).toEqual({ feedbackId: report, kind: 'question_report', from: 'open', to: 'handled', note: true })

      const list = (await get('organiser', '/api/v1/admin/feedback?status=handled')).json()
      expect((list.items as Item[]).map((item) => [item.id, item.statusName, item.note])).toEqual([[report, '已处理', '已更正答案，联系人 13900001111']])
      expect(list.counts).toEqual({ open: 2, handled: 1, declined: 0 })

      const declined = await post('supervisor', `/api/v1/admin/feedback/${suggestion}/status`, { status: 'declined', note: '暂不考虑' })
      expect(declined.json()).toMatchObject({ statusName: '不采纳', handledBy: '王督导' })
      const reopened = await post('supervisor', `/api/v1/admin/feedback/${suggestion}/status`, { status: 'open' })
      expect(reopened.json()).toMatchObject({ status: 'open', note: null, handledBy: null, handledAt: null })
    })

    it('masks the contact in the answer to a state change, whatever the role', async () => {
      const response = await post('supervisor', `/api/v1/admin/feedback/${complaint}/status`, { status: 'open' })
      expect(response.json()).toMatchObject({ contact: MASKED, contactRevealed: false })
    })

    it('refuses an unknown item, an unknown state and a note too long, in Chinese', async () => {
      const missing = await post('organiser', '/api/v1/admin/feedback/00000000-0000-4000-8000-000000000000/status', { status: 'handled' })
      expect(missing.statusCode).toBe(404)
      expect(missing.json().error.message).toBe('没有找到这条投诉建议或纠错')
      expect((await post('organiser', `/api/v1/admin/feedback/${report}/status`, { status: 'done' })).statusCode).toBe(400)
      expect((await post('organiser', `/api/v1/admin/feedback/${report}/status`, { status: 'handled', note: '长'.repeat(501) })).statusCode).toBe(400)
      expect((await get('organiser', '/api/v1/admin/feedback?status=finished')).statusCode).toBe(400)
    })

    it('exports CSV and xlsx with formulas neutralised, the contact as the role may see it, audited', async () => {
      const csv = await get('organiser', '/api/v1/admin/feedback/export?format=csv')
      expect(csv.statusCode).toBe(200)
      expect(csv.headers['content-type']).toContain('text/csv')
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="feedback-\d{8}\.csv"$/)
      expect(csv.body).toContain('收到时间,类型,内容,题目编号,题目,联系电话,状态,处理备注,处理人,处理时间')
      expect(csv.body).toContain(`"'=HYPERLINK(""http://evil"")投诉窗口态度不好"`)
      expect(csv.body).toContain(MASKED)
      expect(csv.body).not.toContain(PHONE)
      expect(csv.body).toContain(practice[0][1].stem)

      const xlsx = await get('supervisor', '/api/v1/admin/feedback/export?format=xlsx&kind=complaint')
      expect(xlsx.statusCode).toBe(200)
      const [header, ...rows] = await readXlsx(xlsx.rawPayload)
      expect(header[5]).toBe('联系电话')
      expect(rows).toHaveLength(1)
      expect(rows[0][2]).toBe(`'=HYPERLINK("http://evil")投诉窗口态度不好`)
      expect(rows[0][5]).toBe(PHONE)
      const exports = (await auditEntries(app())).filter((entry) => entry.action === 'feedback_export')
      expect(exports.map((entry) => JSON.parse(entry.detail))).toEqual([
        { format: 'csv', filters: { kind: null, status: null, questionId: null }, count: 3, contacts: 1, revealed: false },
        { format: 'xlsx', filters: { kind: 'complaint', status: null, questionId: null }, count: 1, contacts: 1, revealed: true },
      ])
    })
  })

  describe('the question bank', () => {
    it('lists the contest bank with each question\'s answer rate in finished attempts and its 纠错 count', async () => {
      const now = Date.now()
      const created = await post('organiser', '/api/v1/admin/contests', {
        title: '题库测试竞赛',
        startsAt: new Date(now - DAY).toISOString(),
        endsAt: new Date(now + DAY).toISOString(),
        questionCount: contest.length,
        timeLimitSeconds: 3600,
        attemptsPerDay: 1,
        minSecondsPerQuestion: 0,
        drawRule: { kind: 'mixed' },
      })
      expect(created.statusCode).toBe(201)
      const contestId = created.json().id as string
      const questions = new Map(contest)
      // Three people: one answers every question right, one every question wrong, one answers right but never hands in.
      for (const [index, right] of [true, false, true].entries()) {
        const registered = await publicPost('/api/v1/quiz/participants', { districtCode: '440103' })
        const token = registered.json().participantToken as string
        const auth = { authorization: `Bearer ${token}` }
        const started = await app().inject({ method: 'POST', url: `/api/v1/quiz/contests/${contestId}/attempts`, headers: auth })
        expect(started.statusCode).toBe(201)
        const { attemptId, questions: drawn } = started.json() as { attemptId: string; questions: { id: string }[] }
        for (const { id } of drawn) {
          const question = questions.get(id)!
          const wrong = question.options.find((option) => !question.answer.includes(option.id))!.id
          const answered = await publicPost(`/api/v1/quiz/attempts/${attemptId}/answers`, { questionId: id, optionIds: right ? question.answer : [wrong] }, auth)
          expect(answered.statusCode).toBe(201)
        }
        if (index < 2) expect((await app().inject({ method: 'POST', url: `/api/v1/quiz/attempts/${attemptId}/finish`, headers: auth })).statusCode).toBe(200)
      }
      const [reported] = contest[0]
      await sendFeedback({ kind: 'question_report', content: '选项 B 的说法有歧义', questionId: reported })
      await sendFeedback({ kind: 'question_report', content: '题干中的年份写错了', questionId: reported })

      const response = await get('organiser', '/api/v1/admin/question-bank?pageSize=100')
      expect(response.statusCode).toBe(200)
      const body = response.json()
      expect(body.total).toBe(contest.length)
      const items = body.items as BankItem[]
      expect(new Set(items.map((item) => item.id))).toEqual(new Set(contest.map(([id]) => id)))
      for (const item of items) expect(item).toMatchObject({ answered: 2, answeredRight: 1, rightRate: 0.5 })
      expect(items.find((item) => item.id === reported)).toMatchObject({ reports: 2, openReports: 2 })
      expect(items.filter((item) => item.id !== reported).every((item) => item.reports === 0)).toBe(true)
      const first = items.find((item) => item.id === reported)!
      expect(first.options.filter((option) => option.correct).map((option) => option.id)).toEqual(questions.get(reported)!.answer)
      expect(body.categories.reduce((sum: number, entry: { count: number }) => sum + entry.count, 0)).toBe(contest.length)
    })

    it('searches by words in the stem and filters by category, a page at a time', async () => {
      const [id, question] = contest[1]
      const word = Array.from(question.stem).slice(0, 4).join('')
      const found = (await get('supervisor', `/api/v1/admin/question-bank?q=${encodeURIComponent(word)}`)).json()
      expect((found.items as BankItem[]).map((item) => item.id)).toContain(id)
      expect((found.items as BankItem[]).every((item) => item.stem.includes(word))).toBe(true)
      const byId = (await get('supervisor', `/api/v1/admin/question-bank?q=${encodeURIComponent(id)}`)).json()
      expect((byId.items as BankItem[]).map((item) => item.id)).toEqual([id])
      const category = (await get('supervisor', `/api/v1/admin/question-bank?category=${encodeURIComponent(question.category)}`)).json()
      expect(category.total).toBe(contest.filter(([, other]) => other.category === question.category).length)
      expect((category.items as BankItem[]).every((item) => item.category === question.category)).toBe(true)
      const nothing = (await get('supervisor', `/api/v1/admin/question-bank?q=${encodeURIComponent('没有这样的题目词语')}`)).json()
      expect(nothing).toMatchObject({ items: [], total: 0 })
      const pageOne = (await get('supervisor', '/api/v1/admin/question-bank?pageSize=10')).json()
      expect(pageOne.items.length).toBe(Math.min(10, contest.length))
    })

    it('puts the questions with the most 纠错 first when asked', async () => {
      const [reported] = contest[0]
      const [second] = contest[contest.length - 1]
      await sendFeedback({ kind: 'question_report', content: '这道题的选项有两个都对', questionId: second })
      const body = (await get('organiser', '/api/v1/admin/question-bank?sort=reports&pageSize=10')).json()
      expect((body.items as BankItem[]).slice(0, 2).map((item) => [item.id, item.reports])).toEqual([
        [reported, 2],
        [second, 1],
      ])
      expect(body.total).toBe(contest.length)
      const page = (await get('organiser', `/api/v1/admin/question-bank?sort=reports&pageSize=10&page=${Math.ceil(contest.length / 10)}`)).json()
      expect((page.items as BankItem[]).every((item) => item.reports === 0 || contest.length <= 10)).toBe(true)
    })

    it('lists the practice questions too, with their 纠错 and no answer rate', async () => {
      const body = (await get('organiser', '/api/v1/admin/question-bank?bank=practice&pageSize=100')).json()
      expect(body.total).toBe(practice.length)
      const reported = (body.items as BankItem[]).find((item) => item.id === practice[0][0])
      expect(reported).toMatchObject({ reports: 1, openReports: 0, answered: 0, rightRate: null })
    })

    it('is for roles that run contests only', async () => {
      for (const login of ['auditor', 'inspector']) expect((await get(login, '/api/v1/admin/question-bank')).statusCode).toBe(403)
      expect((await get('organiser', '/api/v1/admin/question-bank?category=不存在')).statusCode).toBe(400)
    })
  })
})
