// The annual figures (GET /api/v1/admin/figures and its xlsx export): reports, attempts and counters
// seeded with known dates and outcomes, and every figure checked against the sums worked out by hand.
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'

import { addUsageCounts } from '../../server/counters/counters.repository'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { anonymousTip, complaint, createStaffToken, staffGet, submit } from './staff-helpers'
import { storages, useApp } from './storage'

const LIWAN = '440103'
const YUEXIU = '440104'
const HAIZHU = '440105'
const PERIOD = 'from=2025-01-01&to=2025-12-31'

/** 10:00 China time on a China date, as epoch ms. */
const at = (date: string, time = '10:00'): number => Date.parse(`${date}T${time}:00+08:00`)

interface Seed {
  kind: 'complaint' | 'tip'
  district: string
  receivedOn: string
  acceptedOn?: string
  rejectedOn?: string
  closedOn?: string
  outcome?: { method: string; recoveredFen: number | null; workersPaid: number | null }
  rating?: { value: string; on: string }
}

let eventCounter = 0

/** A report submitted through the public API, then moved back in time to the seed's dates. */
async function seedReport(app: FastifyInstance, seed: Seed): Promise<void> {
  const body = seed.kind === 'complaint' ? complaint({ districtCode: seed.district }) : anonymousTip({ districtCode: seed.district })
  const { id } = await submit(app, body)
  const status = seed.closedOn ? 'closed' : seed.rejectedOn ? 'rejected' : seed.acceptedOn ? 'accepted' : 'submitted'
  await app.db
    .updateTable('tips')
    .set({
      created_at: at(seed.receivedOn, '09:00'),
      status,
      accepted_on: seed.acceptedOn ?? null,
      outcome: seed.outcome ? JSON.stringify(seed.outcome) : null,
      rating: seed.rating?.value ?? null,
      rated_at: seed.rating ? at(seed.rating.on) : null,
    })
    .where('id', '=', id)
    .execute()
  const events: [string, string, string, string][] = []
  if (seed.acceptedOn) events.push(['submitted', 'accepted', 'accept', seed.acceptedOn])
  if (seed.rejectedOn) events.push(['submitted', 'rejected', 'reject', seed.rejectedOn])
  if (seed.closedOn) events.push(['accepted', 'investigating', 'investigate', seed.closedOn], ['investigating', 'closed', 'close', seed.closedOn])
  for (const [from, to, action, on] of events) {
    eventCounter += 1
    await app.db
      .insertInto('tip_events')
      .values({ id: `figures-event-${eventCounter}`, tip_id: id, from_status: from, to_status: to, note_to_reporter: null, internal_note: null, staff_id: null, at: at(on, '15:00'), action, detail: '{}' })
      .execute()
  }
}

const REPORTS: Seed[] = [
  // Liwan. Received Monday 3 March 2025: the last day for acceptance is Monday 10 March.
  {
    kind: 'complaint',
    district: LIWAN,
    receivedOn: '2025-03-03',
    acceptedOn: '2025-03-10',
    closedOn: '2025-04-01', // 21 working days
    outcome: { method: 'ordered_payment', recoveredFen: 1_000_000, workersPaid: 3 },
    rating: { value: 'satisfied', on: '2025-04-02' },
  },
  {
    kind: 'complaint',
    district: LIWAN,
    receivedOn: '2025-03-03',
    acceptedOn: '2025-03-11', // a day late
    closedOn: '2025-03-31', // 20 working days
    outcome: { method: 'paid_voluntarily', recoveredFen: 530_000, workersPaid: 2 },
    rating: { value: 'dissatisfied', on: '2025-04-03' },
  },
  { kind: 'complaint', district: LIWAN, receivedOn: '2025-03-03', rejectedOn: '2025-03-05' },
  // Still undecided long after its last day: late.
  { kind: 'complaint', district: LIWAN, receivedOn: '2025-03-03' },
  // A 举报 has no acceptance term.
  { kind: 'tip', district: LIWAN, receivedOn: '2025-05-06' },
  // Received in 2024, closed in 2025 (3 working days: 1 January is a holiday): counts as closed only.
  { kind: 'complaint', district: LIWAN, receivedOn: '2024-12-31', acceptedOn: '2024-12-31', closedOn: '2025-01-06', outcome: { method: 'no_violation_found', recoveredFen: null, workersPaid: null } },
  // After the period.
  { kind: 'complaint', district: LIWAN, receivedOn: '2026-01-05', rating: { value: 'satisfied', on: '2026-01-06' } },
  // Yuexiu. Received Monday 29 September 2025: with the National Day holiday and the make-up
  // Saturday 11 October, the last day for acceptance is Monday 13 October.
  {
    kind: 'complaint',
    district: YUEXIU,
    receivedOn: '2025-09-29',
    acceptedOn: '2025-10-13',
    closedOn: '2025-12-01', // 40 working days
    outcome: { method: 'administrative_penalty', recoveredFen: 15_300_000_000, workersPaid: 17_200 },
    rating: { value: 'basically_satisfied', on: '2025-12-02' },
  },
]

async function seedContest(app: FastifyInstance): Promise<void> {
  const contest = await app.db.selectFrom('contests').select('id').executeTakeFirstOrThrow()
  const participants: [string, string][] = [
    ['p-liwan-1', LIWAN],
    ['p-liwan-2', LIWAN],
    ['p-yuexiu-unfinished', YUEXIU],
    ['p-yuexiu-2024', YUEXIU],
    ['p-haizhu', HAIZHU],
  ]
  for (const [id, district] of participants) {
    await app.db.insertInto('quiz_participants').values({ id, token_hash: `hash-${id}`, district_code: district, nickname: null, show_on_board: 0, created_at: at('2024-06-01') }).execute()
  }
  const attempts: [string, string, number | null][] = [
    ['p-liwan-1', '2025-06-01', at('2025-06-01', '10:10')],
    ['p-liwan-1', '2025-06-01', at('2025-06-01', '11:10')],
    ['p-liwan-2', '2025-06-02', at('2025-06-02', '10:10')],
    ['p-yuexiu-unfinished', '2025-06-03', null],
    ['p-yuexiu-2024', '2024-12-30', at('2024-12-30', '10:10')],
    ['p-haizhu', '2025-07-01', at('2025-07-01', '10:10')],
  ]
  for (const [index, [participant, day, finishedAt]] of attempts.entries()) {
    await app.db
      .insertInto('quiz_attempts')
      .values({
        id: `attempt-${index}`,
        contest_id: contest.id,
        participant_id: participant,
        china_date: day,
        ordinal: index === 1 ? 2 : 1,
        questions: '[]',
        started_at: at(day),
        deadline_at: at(day, '10:30'),
        last_answer_at: at(day),
        finished_at: finishedAt,
        score: finishedAt === null ? null : 80,
        time_used_ms: finishedAt === null ? null : 600_000,
      })
      .execute()
  }
}

describe.each(storages())('the annual figures on $name', (storage) => {
  const { app, config } = useApp(storage, { RATE_LIMITS: 'false' })
  let supervisor: string
  let liwanInspector: string
  const categories: string[] = []

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
    // Resident population for two districts; Haizhu gives none.
    const site = await app().db.selectFrom('content_items').select(['id', 'data']).where('type', '=', 'site').executeTakeFirstOrThrow()
    const data = JSON.parse(site.data) as { districts: { code: string; population?: number }[] }
    for (const district of data.districts) {
      if (district.code === LIWAN) district.population = 1_000_000
      if (district.code === YUEXIU) district.population = 1_250_000
    }
    await app().db.updateTable('content_items').set({ data: JSON.stringify(data) }).where('id', '=', site.id).execute()

    supervisor = (await createStaffToken(config(), '王督导')).token
    liwanInspector = (await createStaffToken(config(), '陈监察', LIWAN)).token
    for (const seed of REPORTS) await seedReport(app(), seed)
    await seedContest(app())

    // Two explainers of different categories, and one since removed from the feed.
    const policies = await app().db.selectFrom('content_items').select(['id', 'data']).where('type', '=', 'policy').execute()
    const byCategory = new Map<string, string>()
    for (const policy of policies) byCategory.set((JSON.parse(policy.data) as { category: string }).category, policy.id)
    const [[firstCategory, first], [secondCategory, second]] = [...byCategory.entries()].sort(([a], [b]) => a.localeCompare(b))
    categories.push(firstCategory, secondCategory)
    const counters: [string, string, string, number][] = [
      ['policy_read', first, '2025-03-01', 10],
      ['policy_read', first, '2025-12-31', 5],
      ['policy_read', first, '2026-01-01', 7],
      ['policy_read', second, '2025-06-01', 30],
      ['policy_read', 'an-explainer-since-removed', '2025-06-01', 4],
      ['practice_answered', '工资支付', '2025-03-01', 20],
      ['practice_right', '工资支付', '2025-03-01', 15],
      ['practice_answered', '社会保险', '2025-03-01', 6],
      ['practice_answered', '社会保险', '2025-04-01', 4],
      ['practice_right', '社会保险', '2025-04-01', 4],
      ['practice_answered', '社会保险', '2024-12-31', 100],
    ]
    await app()
      .db.insertInto('usage_counters')
      .values(counters.map(([metric, subject, day, count]) => ({ metric, subject, day, count })))
      .execute()
  })

  const methods = (counts: Record<string, number>) =>
    ['ordered_payment', 'paid_voluntarily', 'administrative_penalty', 'guided_to_arbitration', 'no_violation_found', 'other'].map((method) => ({
      method,
      name: expect.any(String),
      count: counts[method] ?? 0,
    }))
  const ratings = (satisfied: number, basically: number, dissatisfied: number) => [
    { rating: 'satisfied', name: '满意', count: satisfied },
    { rating: 'basically_satisfied', name: '基本满意', count: basically },
    { rating: 'dissatisfied', name: '不满意', count: dissatisfied },
  ]

  it('gives a supervisor the whole city, by district and in total, each figure as seeded', async () => {
    const response = await staffGet(app(), supervisor, `/api/v1/admin/figures?${PERIOD}`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('no-store')
    const figures = response.json()
    expect(figures).toMatchObject({ from: '2025-01-01', to: '2025-12-31', district: null, districtName: '广州', bureauName: '广州市人力资源和社会保障局', cityName: '广州' })
    expect(figures.headline).toBe('为1.72万名劳动者追回欠薪1.53亿元')
    expect(figures.reports.districts).toHaveLength(11)
    const row = (table: { districts: { code: string }[] }, code: string) => table.districts.find((item) => item.code === code)

    expect(row(figures.reports, LIWAN)).toEqual({
      code: LIWAN,
      name: '荔湾区',
      complaints: 4,
      tips: 1,
      received: 5,
      acceptanceDue: 4,
      acceptedInTime: 2,
      acceptedInTimeShare: 0.5,
      closed: 3,
      medianWorkingDaysToClose: 20,
    })
    expect(row(figures.reports, YUEXIU)).toEqual({
      code: YUEXIU,
      name: '越秀区',
      complaints: 1,
      tips: 0,
      received: 1,
      acceptanceDue: 1,
      acceptedInTime: 1,
      acceptedInTimeShare: 1,
      closed: 1,
      medianWorkingDaysToClose: 40,
    })
    expect(row(figures.reports, HAIZHU)).toMatchObject({ received: 0, acceptanceDue: 0, acceptedInTimeShare: null, closed: 0, medianWorkingDaysToClose: null })
    expect(figures.reports.total).toEqual({
      code: null,
      name: '全市合计',
      complaints: 5,
      tips: 1,
      received: 6,
      acceptanceDue: 5,
      acceptedInTime: 3,
      acceptedInTimeShare: 0.6,
      closed: 4,
      medianWorkingDaysToClose: 20.5,
    })

    expect(row(figures.outcomes, LIWAN)).toEqual({
      code: LIWAN,
      name: '荔湾区',
      closed: 3,
      methods: methods({ ordered_payment: 1, paid_voluntarily: 1, no_violation_found: 1 }),
      recoveredFen: 1_530_000,
      recoveredInWords: '1.53万元',
      workersPaid: 5,
    })
    expect(figures.outcomes.total).toEqual({
      code: null,
      name: '全市合计',
      closed: 4,
      methods: methods({ ordered_payment: 1, paid_voluntarily: 1, no_violation_found: 1, administrative_penalty: 1 }),
      recoveredFen: 15_301_530_000,
      recoveredInWords: '1.53亿元',
      workersPaid: 17_205,
    })

    expect(row(figures.ratings, LIWAN)).toEqual({ code: LIWAN, name: '荔湾区', ratings: ratings(1, 0, 1), total: 2, satisfiedShare: 0.5 })
    expect(row(figures.ratings, YUEXIU)).toEqual({ code: YUEXIU, name: '越秀区', ratings: ratings(0, 1, 0), total: 1, satisfiedShare: 1 })
    expect(figures.ratings.total).toEqual({ code: null, name: '全市合计', ratings: ratings(1, 1, 1), total: 3, satisfiedShare: 2 / 3 })

    expect(row(figures.contest, LIWAN)).toEqual({ code: LIWAN, name: '荔湾区', participants: 2, population: 1_000_000, per10000: 0.02 })
    expect(row(figures.contest, YUEXIU)).toEqual({ code: YUEXIU, name: '越秀区', participants: 0, population: 1_250_000, per10000: 0 })
    expect(row(figures.contest, HAIZHU)).toEqual({ code: HAIZHU, name: '海珠区', participants: 1, population: null, per10000: null })
    // Not every district gives its population: no rate for the city.
    expect(figures.contest.total).toEqual({ code: null, name: '全市合计', participants: 3, population: null, per10000: null })

    const [first, second] = categories
    expect(figures.explainerReads).toEqual(
      [
        { category: second, reads: 30 },
        { category: first, reads: 15 },
        { category: '其他（已删除的解读）', reads: 4 },
      ].sort((a, b) => b.reads - a.reads),
    )
    expect(figures.practice).toEqual([
      { category: '社会保险', answered: 10, right: 4, rightShare: 0.4 },
      { category: '工资支付', answered: 20, right: 15, rightShare: 0.75 },
    ])
    expect(figures.definitions.join('')).toContain('受理及时率')
  })

  it("gives a supervisor one district's figures, and an inspector only their own", async () => {
    const yuexiu = (await staffGet(app(), supervisor, `/api/v1/admin/figures?${PERIOD}&district=${YUEXIU}`)).json()
    expect(yuexiu).toMatchObject({ district: YUEXIU, districtName: '越秀区', headline: '为1.72万名劳动者追回欠薪1.53亿元' })
    expect(yuexiu.reports.districts.map((item: { code: string }) => item.code)).toEqual([YUEXIU])
    expect(yuexiu.reports.total).toMatchObject({ name: '合计', received: 1, acceptedInTimeShare: 1, medianWorkingDaysToClose: 40 })
    expect(yuexiu.contest.total).toMatchObject({ participants: 0, population: 1_250_000, per10000: 0 })

    const liwan = await staffGet(app(), liwanInspector, `/api/v1/admin/figures?${PERIOD}`)
    expect(liwan.statusCode).toBe(200)
    expect(liwan.json()).toMatchObject({ district: LIWAN, headline: '为5名劳动者追回欠薪1.53万元' })
    expect(liwan.json().reports.total).toMatchObject({ received: 5, acceptedInTime: 2, acceptanceDue: 4 })
    expect(liwan.json().contest.total).toEqual({ code: null, name: '合计', participants: 2, population: 1_000_000, per10000: 0.02 })
    expect((await staffGet(app(), liwanInspector, `/api/v1/admin/figures?${PERIOD}&district=${LIWAN}`)).statusCode).toBe(200)

    for (const url of [`/api/v1/admin/figures?${PERIOD}&district=${YUEXIU}`, `/api/v1/admin/figures/export?${PERIOD}&district=${YUEXIU}`]) {
      const refused = await staffGet(app(), liwanInspector, url)
      expect(refused.statusCode).toBe(403)
      expect(refused.json().error).toEqual({ code: 'forbidden', message: '您只能查看本区县（440103）的数据' })
    }
  })

  it('refuses a period it cannot count, saying what is wrong', async () => {
    const cases: [string, string][] = [
      ['from=2025-12-31&to=2025-01-01', '结束日期不能早于开始日期'],
      ['from=2022-01-01&to=2025-01-01', '统计期间最长3年，请缩短期间'],
      ['from=2025-02-30&to=2025-03-01', '开始日期 2025-02-30 不是有效的日期'],
      ['from=2025/01/01&to=2025-03-01', '开始日期应写成 2026-01-31 这样的格式'],
      [`${PERIOD}&district=999999`, '区县代码 999999 不是本市的区县'],
    ]
    for (const [query, message] of cases) {
      const response = await staffGet(app(), supervisor, `/api/v1/admin/figures?${query}`)
      expect(response.statusCode).toBe(400)
      expect(response.json().error.message).toContain(message)
    }
    expect((await staffGet(app(), supervisor, '/api/v1/admin/figures?from=2022-01-01&to=2024-12-31')).statusCode).toBe(200)
    expect((await staffGet(app(), supervisor, '/api/v1/admin/figures?to=2024-12-31')).statusCode).toBe(400)
  })

  it('exports the figures as xlsx, one sheet per table', async () => {
    const response = await staffGet(app(), supervisor, `/api/v1/admin/figures/export?${PERIOD}`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(response.headers['content-disposition']).toBe('attachment; filename="figures-20250101-20251231.xlsx"')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer)
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['反映受理', '办理结果', '满意度', '知识竞赛', '政策解读阅读', '练习答题', '说明'])
    const values = (name: string, row: number) => (workbook.getWorksheet(name)?.getRow(row).values as unknown[]).slice(1)
    expect(values('反映受理', 2)).toEqual(['荔湾区', 4, 1, 5, 4, 2, '50%', 3, 20])
    expect(values('反映受理', 13)).toEqual(['全市合计', 5, 1, 6, 5, 3, '60%', 4, 20.5])
    expect(values('办理结果', 13)).toEqual(['全市合计', 4, 1, 1, 1, 0, 1, 0, 153_015_300, 17_205])
    expect(values('练习答题', 2)).toEqual(['社会保险', 10, 4, '40%'])
    expect(values('说明', 3)).toEqual(['为1.72万名劳动者追回欠薪1.53亿元'])
  })
  it('sums the counters of whole months and of the days around them alike, as counters are added, changed and removed', async () => {
    const db = app().db
    const on = (day: string, count: number) => ({ metric: 'practice_answered' as const, subject: '劳动关系', day, count })
    await addUsageCounts(db, [on('2025-05-31', 3), on('2025-06-01', 2), on('2025-06-30', 1), on('2025-07-01', 8)])
    await addUsageCounts(db, [on('2025-06-01', 5)])
    await db.deleteFrom('usage_counters').where('subject', '=', '劳动关系').where('day', '=', '2025-06-30').execute()
    await db.updateTable('usage_counters').set({ day: '2025-08-01' }).where('subject', '=', '劳动关系').where('day', '=', '2025-07-01').execute()
    const answered = async (from: string, to: string) => {
      const figures = (await staffGet(app(), supervisor, `/api/v1/admin/figures?from=${from}&to=${to}`)).json() as { practice: { category: string; answered: number }[] }
      return figures.practice.find((row) => row.category === '劳动关系')?.answered
    }
    expect(await answered('2025-05-31', '2025-07-31')).toBe(10)
    expect(await answered('2025-06-01', '2025-06-30')).toBe(7)
    expect(await answered('2025-05-01', '2025-05-31')).toBe(3)
    expect(await answered('2025-06-02', '2025-09-30')).toBe(8)
    expect(await answered('2025-07-01', '2025-07-31')).toBeUndefined()
    expect(await answered('2025-06-01', '2025-08-01')).toBe(15)
  })
})
