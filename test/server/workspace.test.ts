// The staff reports workspace over HTTP: inbox views, filters, search, paging and counts; the
// running deadline; each action and its refusals; duplicates; notes; exports (CSV and xlsx, masked
// or revealed with a reason, formulas defused); the audit log's filters and export.
import ExcelJS from 'exceljs'
import type { FastifyInstance } from 'fastify'

import { addWorkingDays, chinaDateOf } from '../../src/core/calendar/working-days'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { recomputeDueDates, workCalendarIn } from '../../server/tips/due-dates'
import { act, asStaff, auditEntries, chinaToday, complaint, anonymousTip, createStaffToken, MOBILE, NAME, staffGet, submit, type Submitted } from './staff-helpers'
import { storages, useApp } from './storage'

const CHINESE = /[\u4e00-\u9fff]/
const LIWAN = '440103'
const YUEXIU = '440104'
const DAY = 24 * 60 * 60 * 1000

let mobileCounter = 0
/** A complaint from a reporter of its own (the same phone and employer within 30 days is marked a duplicate on arrival). */
function own(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  mobileCounter += 1
  return complaint({ reporter: { name: '李小四', mobile: `1370013${String(7000 + mobileCounter).padStart(4, '0')}` }, ...overrides })
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  const rows: string[][] = []
  workbook.worksheets[0].eachRow((row) => {
    const values = (row.values as unknown[]).slice(1)
    rows.push(values.map((value) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value))))
  })
  return rows
}

describe.each(storages())('the reports workspace on $name', (storage) => {
  const { app, config } = useApp(storage, { RATE_LIMITS: 'false' })
  let city: string
  let cityId: string
  let liwan: string
  let liwanId: string

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
    const cityToken = await createStaffToken(config(), '市劳动保障监察支队')
    city = cityToken.token
    cityId = cityToken.id
    const liwanToken = await createStaffToken(config(), '荔湾区劳动监察大队', LIWAN)
    liwan = liwanToken.token
    liwanId = liwanToken.id
  })

  const list = async (token: string, query: string) => {
    const response = await staffGet(app(), token, `/api/v1/admin/tips?${query}`)
    expect(response.statusCode).toBe(200)
    return response.json() as { items: { id: string; status: string; clock: { date: string; overdue: boolean; workingDaysLeft: number; deadline: string } | null }[]; total: number; counts: Record<string, number>; views: Record<string, number> }
  }
  const ids = (answer: { items: { id: string }[] }) => answer.items.map((item) => item.id)
  const detail = async (token: string, id: string) => (await staffGet(app(), token, `/api/v1/admin/tips/${id}`)).json()
  const note = (server: FastifyInstance, token: string, id: string, body: unknown) =>
    server.inject(asStaff(token, { method: 'POST', url: `/api/v1/admin/tips/${id}/notes`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) }))

  describe('the running deadline', () => {
    it('runs acceptance for a complaint, none for a 举报 until accepted, the investigation from the filing date, then the extension, and stops when closed', async () => {
      const calendar = await workCalendarIn(app().db)
      const today = chinaToday()
      const report = await submit(app(), own())
      const tip = await submit(app(), anonymousTip({ employer: { name: '只是举报的公司' } }))
      const submitted = await detail(liwan, report.id)
      expect(submitted.clock).toMatchObject({ deadline: 'acceptBy', label: '受理期限', date: addWorkingDays(today, 5, calendar).date, overdue: false, workingDaysLeft: 5 })
      expect((await detail(liwan, tip.id)).clock).toBeNull()

      const accepted = await act(app(), liwan, tip.id, { action: 'accept', filedOn: today })
      expect(accepted.json().clock).toMatchObject({ deadline: 'investigateBy', label: '调查期限', date: addWorkingDays(today, 60, calendar).date })
      const row = async () => app().db.selectFrom('tips').select(['due_on', 'due_covered']).where('id', '=', tip.id).executeTakeFirstOrThrow()
      expect((await row()).due_on).toBe(addWorkingDays(today, 60, calendar).date)

      // 劳动保障监察条例 第十七条: once, with the approval of the head of the department.
      for (const [body, field] of [[{ approver: ' ', note: '涉及工人多' }, 'approver'], [{ approver: '王局长', note: '' }, 'note']] as const) {
        const problems = await act(app(), liwan, tip.id, { action: 'extend', ...body })
        expect(problems.statusCode).toBe(400)
        expect(Object.keys(problems.json().error.fields)).toEqual([field])
      }
      const extended = await act(app(), liwan, tip.id, { action: 'extend', approver: '王局长', note: '涉及工人多，需调取银行流水' })
      expect(extended.statusCode).toBe(200)
      expect(extended.json()).toMatchObject({
        clock: { deadline: 'extendedBy', label: '延长后的调查期限', date: addWorkingDays(today, 90, calendar).date },
        extension: { approver: '王局长', note: '涉及工人多，需调取银行流水' },
      })
      expect(extended.json().allowedActions).not.toContain('extend')
      expect((await row()).due_on).toBe(addWorkingDays(today, 90, calendar).date)
      const again = await act(app(), liwan, tip.id, { action: 'extend', approver: '王局长', note: '再延长' })
      expect(again.statusCode).toBe(409)
      expect(again.json().error.message).toBe('这份反映的调查期限已经延长过一次，不能再延长')
      // The approver's name and the reason are stored encrypted.
      const stored = await app().db.selectFrom('tips').select('extension').where('id', '=', tip.id).executeTakeFirstOrThrow()
      expect(stored.extension).not.toContain('王局长')

      expect((await act(app(), liwan, tip.id, { action: 'investigate' })).statusCode).toBe(200)
      const closed = await act(app(), liwan, tip.id, {
        action: 'close',
        outcome: { method: 'paid_voluntarily', recoveredYuan: '86400.5', workersPaid: 12 },
        noteToReporter: '用人单位已补发全部工资。',
      })
      expect(closed.statusCode).toBe(200)
      expect(closed.json()).toMatchObject({ status: 'closed', clock: null, outcome: { method: 'paid_voluntarily', methodName: '用人单位主动支付', recoveredYuan: '86400.50', workersPaid: 12 } })
      expect((await row()).due_on).toBeNull()

      // The reporter reads the outcome in words, and the note, on the status page.
      const status = await app().inject({ method: 'GET', url: `/api/v1/tips/${tip.trackingCode}`, headers: { 'x-tip-verifier': tip.accessKey! } })
      expect(status.json().outcome).toEqual({ methodName: '用人单位主动支付', recoveredYuan: '86400.50', workersPaid: 12 })
      expect(status.json().timeline.map((entry: { status: string }) => entry.status)).toEqual(['submitted', 'accepted', 'investigating', 'closed'])
      expect(status.body).not.toContain('王局长')
    })

    it('refuses a filing date in the future or before the submission, and a bad recovered amount, naming the field', async () => {
      const report = await submit(app(), own())
      const tomorrow = chinaDateOf(new Date(Date.now() + DAY))
      for (const filedOn of [tomorrow, '2020-01-01', '2026-02-30']) {
        const response = await act(app(), liwan, report.id, { action: 'accept', filedOn })
        expect(response.statusCode).toBe(400)
        expect(response.json().error.fields.filedOn).toMatch(CHINESE)
      }
      expect((await act(app(), liwan, report.id, { action: 'accept', filedOn: chinaToday() })).statusCode).toBe(200)
      expect((await act(app(), liwan, report.id, { action: 'investigate', note: '已约谈' })).statusCode).toBe(200)
      for (const recoveredYuan of [-1, '1.234', '五万', { yuan: 1 }]) {
        const response = await act(app(), liwan, report.id, { action: 'close', outcome: { method: 'ordered_payment', recoveredYuan, workersPaid: 3 }, noteToReporter: '已办结' })
        expect(response.statusCode).toBe(400)
        expect(response.json().error.fields['outcome.recoveredYuan']).toMatch(CHINESE)
      }
      const noNote = await act(app(), liwan, report.id, { action: 'close', outcome: { method: 'ordered_payment', recoveredYuan: 100, workersPaid: null } })
      expect(noNote.statusCode).toBe(400)
      expect(Object.keys(noNote.json().error.fields)).toEqual(['noteToReporter'])
      const status = await app().db.selectFrom('tips').select('status').where('id', '=', report.id).executeTakeFirstOrThrow()
      expect(status.status).toBe('investigating')
    })

    it('is recomputed when the holiday calendar changes', async () => {
      const report = await submit(app(), own())
      await app().db.updateTable('tips').set({ due_on: '2000-01-01' }).where('id', '=', report.id).execute()
      expect(await recomputeDueDates(app().db)).toBeGreaterThanOrEqual(1)
      const calendar = await workCalendarIn(app().db)
      const row = await app().db.selectFrom('tips').select(['due_on', 'created_at']).where('id', '=', report.id).executeTakeFirstOrThrow()
      expect(row.due_on).toBe(addWorkingDays(chinaDateOf(new Date(Number(row.created_at))), 5, calendar).date)
    })
  })

  describe('the inbox', () => {
    let old: Submitted
    let fresh: Submitted
    let mine: Submitted
    let yuexiu: Submitted
    let hostile: Submitted

    beforeAll(async () => {
      old = await submit(app(), own({ employer: { name: '拖欠很久的劳务公司' }, amountYuan: '5000', isConstruction: false, constructionProject: null }))
      fresh = await submit(app(), own({ employer: { name: '新来的餐饮公司', uscc: '91440300708461136T' }, amountYuan: '200000' }))
      mine = await submit(app(), own({ employer: { name: '我承办的物业公司' } }))
      yuexiu = await submit(app(), own({ districtCode: YUEXIU, employer: { name: '越秀的公司' } }))
      hostile = await submit(app(), own({ employer: { name: '=HYPERLINK("http://evil.example","点我")有限公司' }, description: '+1 第一行\n-5 天没发工资' }))
      // Submitted 20 days ago: its acceptance deadline has passed.
      await app().db.updateTable('tips').set({ created_at: Date.now() - 20 * DAY }).where('id', '=', old.id).execute()
      await recomputeDueDates(app().db)
      expect((await act(app(), liwan, mine.id, { action: 'accept', filedOn: chinaToday() })).statusCode).toBe(200)
    })

    it('sorts by urgency: overdue first, no clock last, then the oldest', async () => {
      const answer = await list(city, 'pageSize=100')
      const positions = (id: string) => ids(answer).indexOf(id)
      expect(positions(old.id)).toBe(0)
      expect(answer.items[0].clock).toMatchObject({ deadline: 'acceptBy', overdue: true })
      expect(answer.items[0].clock!.workingDaysLeft).toBeLessThan(0)
      const dates = answer.items.map((item) => item.clock?.date ?? null)
      const withClock = dates.filter((date) => date !== null)
      expect(withClock).toEqual([...withClock].sort())
      expect(dates.slice(withClock.length).every((date) => date === null)).toBe(true)
      expect(ids(await list(city, 'sort=newest&pageSize=100'))[0]).toBe(hostile.id)
      expect(ids(await list(city, 'sort=oldest&pageSize=100'))[0]).not.toBe(hostile.id)
    })

    it('has views: mine, due soon and overdue, with their counts in scope', async () => {
      const overdue = await list(liwan, 'view=overdue&pageSize=100')
      expect(ids(overdue)).toContain(old.id)
      expect(overdue.items.every((item) => item.clock?.overdue)).toBe(true)
      const dueSoon = await list(liwan, 'view=due_soon&pageSize=100')
      expect(ids(dueSoon)).toEqual(expect.arrayContaining([fresh.id]))
      expect(ids(dueSoon)).not.toContain(old.id)
      const mineView = await list(liwan, 'view=mine&pageSize=100')
      expect(ids(mineView)).toEqual(expect.arrayContaining([mine.id, fresh.id]))
      // A city supervisor did not accept it: not theirs, and not waiting for acceptance either.
      expect(ids(await list(city, 'view=mine&pageSize=100'))).not.toContain(mine.id)
      expect(mineView.views).toEqual({ mine: mineView.total, dueSoon: dueSoon.total, overdue: overdue.total })
      expect(ids(await list(liwan, 'pageSize=100'))).not.toContain(yuexiu.id)
    })

    it('filters by status, kind, construction, amount and dates, and counts by status under the other filters', async () => {
      const all = await list(liwan, 'pageSize=100')
      expect(Object.values(all.counts).reduce((sum, count) => sum + count, 0)).toBe(all.total)
      const accepted = await list(liwan, 'statuses=accepted&pageSize=100')
      expect(ids(accepted)).toContain(mine.id)
      expect(accepted.items.every((item) => item.status === 'accepted')).toBe(true)
      // The counts ignore the status filter itself: the tabs keep their numbers.
      expect(accepted.counts).toEqual(all.counts)
      expect(accepted.total).toBe(all.counts.accepted)
      const two = await list(liwan, 'statuses=submitted,accepted&pageSize=100')
      expect(two.total).toBe(all.counts.submitted + all.counts.accepted)

      expect(ids(await list(liwan, 'construction=false&pageSize=100'))).toEqual([old.id])
      const big = ids(await list(liwan, 'amountMin=100000&pageSize=100'))
      expect(big).toContain(fresh.id)
      expect(big).not.toContain(old.id)
      expect(ids(await list(liwan, 'amountMax=5000&pageSize=100'))).toEqual([old.id])
      expect(ids(await list(liwan, 'kind=tip&pageSize=100'))).not.toContain(old.id)
      const today = chinaToday()
      const todays = ids(await list(liwan, `from=${today}&to=${today}&pageSize=100`))
      expect(todays).toContain(fresh.id)
      expect(todays).not.toContain(old.id)
      expect((await list(liwan, 'unread=true')).total).toBe(0)
    })

    it('searches by tracking code with or without dashes in any case, by part of the employer, or by USCC', async () => {
      for (const q of [fresh.trackingCode, fresh.trackingCode.replace(/-/g, ''), fresh.trackingCode.toLowerCase()]) {
        expect(ids(await list(liwan, `q=${encodeURIComponent(q)}`))).toEqual([fresh.id])
      }
      expect(ids(await list(liwan, `q=${encodeURIComponent('餐饮')}`))).toEqual([fresh.id])
      expect(ids(await list(liwan, `q=${encodeURIComponent('100%')}`))).toEqual([])
      const byUscc = ids(await list(liwan, 'q=91440300708461136T&pageSize=100'))
      expect(byUscc).toContain(fresh.id)
      expect(byUscc).not.toContain(old.id)
      // Another district's code finds nothing for an inspector.
      expect((await list(liwan, `q=${yuexiu.trackingCode}`)).total).toBe(0)
      expect(ids(await list(city, `q=${yuexiu.trackingCode}`))).toEqual([yuexiu.id])
    })

    it('pages with totals', async () => {
      for (let index = 0; index < 12; index += 1) await submit(app(), own({ employer: { name: `分页测试公司${index}` } }))
      const first = await list(liwan, `q=${encodeURIComponent('分页测试')}&pageSize=10&sort=oldest`)
      const second = await list(liwan, `q=${encodeURIComponent('分页测试')}&pageSize=10&page=2&sort=oldest`)
      expect(first.total).toBe(12)
      expect(second.total).toBe(12)
      expect(first.items).toHaveLength(10)
      expect(second.items).toHaveLength(2)
      expect(new Set([...ids(first), ...ids(second)]).size).toBe(12)
      expect((await list(liwan, `q=${encodeURIComponent('分页测试')}&pageSize=10&page=9`)).items).toEqual([])
      const entry = (await auditEntries(app())).filter((row) => row.action === 'list').pop()!
      expect(JSON.parse(entry.detail)).toMatchObject({ filters: { search: 'text', district: LIWAN }, page: 9, count: 0 })
      expect(entry.detail).not.toContain('分页测试')
    })

    it('exports the filtered list as xlsx, masked, with formulas defused; revealed only with a reason and audited', async () => {
      const masked = await staffGet(app(), liwan, '/api/v1/admin/tips/export?format=xlsx&statuses=submitted')
      expect(masked.statusCode).toBe(200)
      expect(masked.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      expect(masked.headers['content-disposition']).toMatch(/^attachment; filename="tips-\d{8}\.xlsx"$/)
      const [header, ...rows] = await readXlsx(masked.rawPayload)
      expect(header.slice(0, 8)).toEqual(['编号', '查询码', '类型', '状态', '区县', '提交时间', '反映人', '联系电话'])
      const exported = rows.map((row) => row[0])
      expect(exported).toContain(hostile.id)
      expect(exported).not.toContain(mine.id)
      expect(exported).not.toContain(yuexiu.id)
      const cell = (row: string[], name: string) => row[header.indexOf(name)]
      const hostileRow = rows.find((row) => row[0] === hostile.id)!
      expect(cell(hostileRow, '用人单位')).toBe(`'=HYPERLINK("http://evil.example","点我")有限公司`)
      expect(cell(hostileRow, '情况说明')).toBe(`'+1 第一行\n-5 天没发工资`)
      expect(cell(hostileRow, '反映人')).toBe('李*四')
      expect(cell(hostileRow, '联系电话')).toMatch(/^137\*{4}\d{4}$/)

      const noReason = await staffGet(app(), liwan, '/api/v1/admin/tips/export?format=csv&reveal=true')
      expect(noReason.statusCode).toBe(400)
      expect(noReason.json().error.fields.reason).toMatch(CHINESE)
      const revealed = await staffGet(app(), liwan, `/api/v1/admin/tips/export?format=csv&reveal=true&reason=${encodeURIComponent('移交公安机关核查')}&q=${hostile.trackingCode}`)
      expect(revealed.statusCode).toBe(200)
      expect(revealed.body).toContain('李小四')
      const exports = (await auditEntries(app())).filter((row) => row.action === 'export' && row.staff_id === liwanId).map((row) => JSON.parse(row.detail))
      expect(exports.slice(-2)).toEqual([
        expect.objectContaining({ format: 'xlsx', revealed: false, reason: null, count: rows.length }),
        expect.objectContaining({ format: 'csv', revealed: true, reason: '移交公安机关核查', count: 1 }),
      ])
      expect(JSON.stringify(exports)).not.toContain('李小四')
    })
  })

  describe('transfers, duplicates and notes', () => {
    it('transfers an open report to another district: the inspector loses sight of it', async () => {
      const report = await submit(app(), own())
      const same = await act(app(), liwan, report.id, { action: 'transfer', toDistrict: LIWAN, note: '转交' })
      expect(same.statusCode).toBe(400)
      expect(same.json().error.fields.toDistrict).toMatch(CHINESE)
      expect((await act(app(), liwan, report.id, { action: 'transfer', toDistrict: '330102', note: '转交' })).json().error.fields.toDistrict).toMatch(CHINESE)
      const moved = await act(app(), liwan, report.id, { action: 'transfer', toDistrict: YUEXIU, note: '用工地点在越秀区' })
      expect(moved.statusCode).toBe(200)
      expect(moved.json()).toMatchObject({ districtCode: YUEXIU, districtName: '越秀区', handlerName: null })
      expect(moved.json().timeline.at(-1)).toMatchObject({ action: 'transfer', actionName: '转交其他区县', detail: { fromDistrict: LIWAN, toDistrict: YUEXIU } })
      expect((await staffGet(app(), liwan, `/api/v1/admin/tips/${report.id}`)).statusCode).toBe(404)
      expect((await detail(city, report.id)).districtCode).toBe(YUEXIU)
      const audit = (await auditEntries(app())).filter((row) => row.tip_id === report.id && row.action === 'action').pop()!
      expect(JSON.parse(audit.detail)).toEqual({ action: 'transfer', from: 'submitted', to: 'submitted', fromDistrict: LIWAN, toDistrict: YUEXIU })
    })

    it('suggests duplicates by USCC, employer and address, links one, refuses itself and cycles, and unlinks', async () => {
      const original = await submit(app(), own({ employer: { name: '重复测试公司', uscc: null }, workAddress: '荔湾区 芳村大道 1 号' }))
      const again = await submit(app(), own({ employer: { name: '重复测试公司', uscc: null }, workAddress: '荔湾区芳村大道1号' }))
      const suggestions = (await detail(liwan, again.id)).duplicates.suggestions
      expect(suggestions).toEqual(expect.arrayContaining([expect.objectContaining({ id: original.id, trackingCode: original.trackingCode, reasons: ['employer', 'address'] })]))

      expect((await act(app(), liwan, again.id, { action: 'link_duplicate', of: again.id })).json().error.fields.of).toMatch(CHINESE)
      const linked = await act(app(), liwan, again.id, { action: 'link_duplicate', of: original.id })
      expect(linked.statusCode).toBe(200)
      expect(linked.json()).toMatchObject({ duplicateOf: original.id, duplicates: { linkedTo: { id: original.id, trackingCode: original.trackingCode } } })
      expect(linked.json().allowedActions).toContain('unlink_duplicate')
      expect((await detail(liwan, original.id)).duplicates.linkedFrom).toEqual([{ id: again.id, trackingCode: again.trackingCode }])
      const cycle = await act(app(), liwan, original.id, { action: 'link_duplicate', of: again.id })
      expect(cycle.statusCode).toBe(400)
      expect(cycle.json().error.fields.of).toMatch(/互相/)
      const twice = await act(app(), liwan, again.id, { action: 'link_duplicate', of: original.id })
      expect(twice.statusCode).toBe(409)
      const unlinked = await act(app(), liwan, again.id, { action: 'unlink_duplicate' })
      expect(unlinked.json()).toMatchObject({ duplicateOf: null, duplicates: { linkedTo: null } })
      expect(unlinked.json().timeline.map((entry: { action: string }) => entry.action)).toEqual(['submit', 'link_duplicate', 'unlink_duplicate'])
    })

    it('keeps internal notes encrypted, audited without their words, and refuses an empty one', async () => {
      const report = await submit(app(), own())
      expect((await note(app(), liwan, report.id, { body: '   ' })).statusCode).toBe(400)
      expect((await note(app(), liwan, report.id, {})).json().error.fields.body).toMatch(CHINESE)
      const written = await note(app(), liwan, report.id, { body: `已电话联系 ${NAME} ${MOBILE}` })
      expect(written.statusCode).toBe(201)
      expect(written.json()).toMatchObject({ staffName: '荔湾区劳动监察大队', body: `已电话联系 ${NAME} ${MOBILE}` })
      expect((await detail(city, report.id)).notes).toEqual([expect.objectContaining({ body: `已电话联系 ${NAME} ${MOBILE}` })])
      const stored = await app().db.selectFrom('tip_notes').select('body').where('tip_id', '=', report.id).executeTakeFirstOrThrow()
      expect(stored.body).not.toContain(MOBILE)
      const audit = (await auditEntries(app())).filter((row) => row.tip_id === report.id && row.action === 'note')
      expect(audit).toHaveLength(1)
      expect(audit[0].detail).not.toContain(MOBILE)
    })
  })

  describe('the audit log', () => {
    it('filters by staff member, action, report and dates, names the actions, and exports what it shows', async () => {
      const report = await submit(app(), own())
      await detail(liwan, report.id)
      await act(app(), liwan, report.id, { action: 'accept', filedOn: chinaToday() })
      const page = (query: string) => staffGet(app(), city, `/api/v1/admin/audit?${query}`)
      const byTip = (await page(`tipId=${report.id}`)).json()
      expect(byTip.items.map((item: { action: string; actionName: string }) => [item.action, item.actionName])).toEqual([
        ['action', '办理反映'],
        ['read', '查看反映详情'],
      ])
      expect(byTip.items[0]).toMatchObject({ staffId: liwanId, staffName: '荔湾区劳动监察大队', trackingCode: report.trackingCode })
      expect(byTip.actions).toEqual(expect.arrayContaining([{ action: 'read_personal', actionName: '查看反映人个人信息' }]))
      const byAction = (await page(`action=action&staffId=${liwanId}&pageSize=200`)).json()
      expect(byAction.items.every((item: { action: string; staffId: string }) => item.action === 'action' && item.staffId === liwanId)).toBe(true)
      expect(byAction.total).toBeGreaterThan(1)
      expect((await page(`staffId=${cityId}&tipId=${report.id}`)).json().total).toBe(0)
      const tomorrow = chinaDateOf(new Date(Date.now() + DAY))
      expect((await page(`from=${tomorrow}`)).json().total).toBe(0)
      expect((await page(`tipId=${report.id}&from=${chinaToday()}&to=${chinaToday()}`)).json().total).toBe(2)
      const bad = await page('from=2026-03-02&to=2026-03-01')
      expect(bad.statusCode).toBe(400)
      expect(bad.json().error.fields.to).toMatch(CHINESE)
      expect((await page('action=nonsense')).json().error.fields.action).toMatch(CHINESE)

      // By the report's tracking code, as staff type it: lower case, dashes or none.
      const typed = report.trackingCode.toLowerCase().replace(/-/g, '')
      const byCode = (await page(`trackingCode=${typed}`)).json()
      expect(byCode.items.map((item: { id: string }) => item.id)).toEqual(byTip.items.map((item: { id: string }) => item.id))
      expect(byCode.items.every((item: { tipId: string; trackingCode: string }) => item.tipId === report.id && item.trackingCode === report.trackingCode)).toBe(true)
      expect((await page(`trackingCode=${encodeURIComponent(report.trackingCode.toLowerCase())}&action=read`)).json().total).toBe(1)
      const other = await submit(app(), own())
      expect(other.trackingCode).not.toBe(report.trackingCode)
      expect((await page(`trackingCode=${other.trackingCode}&action=read`)).json()).toMatchObject({ items: [], total: 0 })
      expect((await page('trackingCode=0000-0000-0000-0000')).json()).toMatchObject({ items: [], total: 0 })
      const badCode = await page(`trackingCode=${report.trackingCode.slice(0, -1)}${report.trackingCode.endsWith('Z') ? 'Y' : 'Z'}`)
      expect(badCode.statusCode).toBe(400)
      expect(Object.keys(badCode.json().error.fields)).toEqual(['trackingCode'])
      expect(badCode.json().error.fields.trackingCode).toMatch(/查询码/)
      expect((await staffGet(app(), city, '/api/v1/admin/audit/export?format=csv&trackingCode=KKKK')).statusCode).toBe(400)

      const exported = await staffGet(app(), city, `/api/v1/admin/audit/export?format=xlsx&tipId=${report.id}`)
      expect(exported.statusCode).toBe(200)
      const [header, ...rows] = await readXlsx(exported.rawPayload)
      expect(header).toEqual(['时间', '工作人员', '操作', '反映编号', '查询码', '详情'])
      expect(rows.map((row) => row[2])).toEqual(['办理反映', '查看反映详情'])
      const exportedByCode = await staffGet(app(), city, `/api/v1/admin/audit/export?format=csv&trackingCode=${typed}`)
      expect(exportedByCode.statusCode).toBe(200)
      expect(exportedByCode.body).toContain(report.trackingCode)
      expect(exportedByCode.body.trim().split('\n')).toHaveLength(3)
      const recorded = (await auditEntries(app())).filter((row) => row.action === 'audit_export').map((row) => JSON.parse(row.detail).filters)
      expect(recorded).toContainEqual(expect.objectContaining({ trackingCode: report.trackingCode, tipId: null }))
      const csv = await staffGet(app(), city, '/api/v1/admin/audit/export?format=csv&action=audit_export')
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
      expect(csv.body).toContain('导出审计日志')
      expect((await staffGet(app(), liwan, '/api/v1/admin/audit/export?format=csv')).statusCode).toBe(403)
    })

    it('lists the staff for the filters', async () => {
      const directory = await staffGet(app(), city, '/api/v1/admin/staff-directory')
      expect(directory.json()).toEqual(
        expect.arrayContaining([
          { id: cityId, name: '市劳动保障监察支队', role: 'supervisor' },
          { id: liwanId, name: '荔湾区劳动监察大队', role: 'inspector' },
        ]),
      )
    })
  })
})
