import { randomUUID } from 'node:crypto'

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { chinaDateOf } from '../../src/core/calendar/working-days'
import { visibleText } from '../../src/core/text-rules'
import { appendAudit } from '../admin/audit.repository'
import { requirePermission } from '../admin/permissions'
import { xlsxDocument, XLSX_MEDIA_TYPE } from '../admin/spreadsheet'
import { staffOf } from '../admin/staff-auth'
import { ExportFile } from '../admin/workspace.schemas'
import { AppError, ErrorResponse, validationFailed, type FieldProblem } from '../errors'
import { readSite } from '../content/content.repository'
import {
  closeRunningContest,
  countContestEntries,
  countEntriesByDistrict,
  findContest,
  findParticipant,
  insertContest,
  listAllContests,
  listFinishedAttempts,
  readContestBank,
  setBoardHidden,
  updateUpcomingContest,
  type Contest,
  type ContestCounts,
} from './contests.repository'
import { pickQuestions, shortfalls, type DrawRule } from './draw'
import { bestAttempts, boardOf, contestViewOf, districtsOf } from './quiz-views'
import { ContestIdParams, ContestView, CreateContestBody } from './quiz.schemas'
import {
  AdminBoard,
  AdminContestList,
  AdminContestView,
  BoardParams,
  BoardVisibilityBody,
  ContestExportQuery,
  ContestParticipation,
  ContestPreview,
} from './admin-contests.schemas'

const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }
const ALL_CATEGORIES = '全部'

const contestNotFound = () => new AppError(404, 'contest_not_found', '没有找到这场竞赛')

/** The rule as stored, or the problems with it. */
function drawRuleOf(body: CreateContestBody, problems: FieldProblem[]): DrawRule | undefined {
  const { kind, counts } = body.drawRule
  if (kind === 'mixed') {
    if (counts !== undefined) problems.push({ path: 'drawRule.counts', label: '各分类题数', message: '混合抽题不需要填写各分类题数' })
    return { kind: 'mixed' }
  }
  if (counts === undefined) {
    problems.push({ path: 'drawRule.counts', label: '各分类题数', message: '按分类抽题时请填写各分类的题数' })
    return undefined
  }
  const seen = new Set<string>()
  for (const [index, { category }] of counts.entries()) {
    if (seen.has(category)) problems.push({ path: `drawRule.counts.${index}.category`, label: '题目分类', message: `题目分类“${category}”重复了` })
    seen.add(category)
  }
  const total = counts.reduce((sum, entry) => sum + entry.count, 0)
  if (total !== body.questionCount) {
    problems.push({ path: 'drawRule.counts', label: '各分类题数', message: `各分类题数之和（${total}）应等于题目数量（${body.questionCount}）` })
  }
  return { kind: 'categories', counts: counts.map(({ category, count }) => ({ category, count })) }
}

/** The checks of a new or changed contest (the same for both); throws 400 with every problem. */
async function checkedContest(db: Parameters<typeof readContestBank>[0], body: CreateContestBody, now: number): Promise<Omit<Contest, 'id' | 'closedAt'>> {
  const problems: FieldProblem[] = []
  const title = visibleText(body.title)
  if (title === '') problems.push({ path: 'title', label: '竞赛名称', message: '请填写竞赛名称' })
  const startsAt = Date.parse(body.startsAt)
  const endsAt = Date.parse(body.endsAt)
  if (Number.isNaN(startsAt)) problems.push({ path: 'startsAt', label: '开始时间', message: '开始时间不是有效的时间' })
  if (Number.isNaN(endsAt)) problems.push({ path: 'endsAt', label: '结束时间', message: '结束时间不是有效的时间' })
  else if (endsAt <= now) problems.push({ path: 'endsAt', label: '结束时间', message: '结束时间已经过去了' })
  else if (!Number.isNaN(startsAt) && endsAt <= startsAt) problems.push({ path: 'endsAt', label: '结束时间', message: '结束时间应晚于开始时间' })
  if (body.minSecondsPerQuestion * body.questionCount > body.timeLimitSeconds) {
    problems.push({
      path: 'minSecondsPerQuestion',
      label: '每题最少用时（秒）',
      message: `每题最少用时 ${body.minSecondsPerQuestion} 秒 × ${body.questionCount} 题超过了答题时限 ${body.timeLimitSeconds} 秒`,
    })
  }
  const drawRule = drawRuleOf(body, problems)
  if (drawRule && problems.length === 0) {
    for (const message of shortfalls(drawRule, body.questionCount, await readContestBank(db))) {
      problems.push({ path: drawRule.kind === 'mixed' ? 'questionCount' : 'drawRule.counts', label: '抽题规则', message })
    }
  }
  if (problems.length > 0 || !drawRule) throw validationFailed(problems)
  return {
    title,
    startsAt,
    endsAt,
    questionCount: body.questionCount,
    timeLimitSeconds: body.timeLimitSeconds,
    attemptsPerDay: body.attemptsPerDay,
    minSecondsPerQuestion: body.minSecondsPerQuestion,
    drawRule,
  }
}

function adminViewOf(contest: Contest, counts: ContestCounts | undefined, now: number): AdminContestView {
  return {
    ...contestViewOf(contest, now),
    participants: counts?.participants ?? 0,
    attempts: counts?.attempts ?? 0,
    closedAt: contest.closedAt === null ? null : new Date(contest.closedAt).toISOString(),
    editable: now < contest.startsAt,
  }
}

/**
 * Contests for the staff console: supervisors and organisers (a city token acts as a supervisor),
 * since a contest is for the whole city. Registered inside the admin plugin (sign-in, no-store).
 */
export const adminContestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Every route here needs it; checked once the request is valid, as a handler would.
  app.addHook('preHandler', async (request) => {
    requirePermission(staffOf(request), 'contests.manage')
  })

  async function contestOrNotFound(id: string): Promise<Contest> {
    const contest = await findContest(app.db, id)
    if (!contest) throw contestNotFound()
    return contest
  }

  async function participationOf(contest: Contest, now: number): Promise<ContestParticipation> {
    const [site, entries] = await Promise.all([readSite(app.db), countEntriesByDistrict(app.db, contest.id)])
    const byCode = new Map(entries.map((entry) => [entry.districtCode, entry]))
    const participants = entries.reduce((sum, entry) => sum + entry.participants, 0)
    const attempts = entries.reduce((sum, entry) => sum + entry.attempts, 0)
    return {
      contestId: contest.id,
      status: contestViewOf(contest, now).status,
      updatedAt: new Date(now).toISOString(),
      participants,
      attempts,
      districts: districtsOf(site, byCode.keys()).map(({ code, name, population }) => {
        const entry = byCode.get(code)
        const people = entry?.participants ?? 0
        return {
          code,
          name,
          participants: people,
          attempts: entry?.attempts ?? 0,
          finished: entry?.finished ?? 0,
          share: participants === 0 ? 0 : people / participants,
          population: population ?? null,
          ratePer10k: population === undefined || population <= 0 ? null : (people / population) * 10_000,
        }
      }),
    }
  }

  async function boardItemsOf(contest: Contest): Promise<AdminBoard['items']> {
    const [site, finished] = await Promise.all([readSite(app.db), listFinishedAttempts(app.db, contest.id)])
    const names = new Map(districtsOf(site, finished.map((row) => row.districtCode)).map((district) => [district.code, district.name]))
    return boardOf(finished).map((row) => ({
      participantId: row.participantId,
      rank: row.rank,
      nickname: row.nickname,
      districtName: names.get(row.districtCode) ?? row.districtCode,
      score: row.score,
      timeUsedSeconds: row.timeUsedMs / 1000,
      hidden: row.hidden,
    }))
  }

  app.get(
    '/contests',
    { schema: { summary: '竞赛列表（未开始、进行中和已结束，开始时间晚的在前），含参与人数和答题次数', response: { 200: AdminContestList, ...ERRORS } } },
    async () => {
      const now = Date.now()
      const [contests, counts] = await Promise.all([listAllContests(app.db), countContestEntries(app.db)])
      return { items: contests.map((contest) => adminViewOf(contest, counts.get(contest.id), now)) }
    },
  )

  app.post(
    '/contests',
    { schema: { summary: '创建竞赛（监察督导、竞赛和内容管理员，或全市范围的工作人员令牌）', body: CreateContestBody, response: { 201: ContestView, ...ERRORS } } },
    async (request, reply) => {
      const staff = staffOf(request)
      const now = Date.now()
      const checked = await checkedContest(app.db, request.body, now)
      const contest = { id: randomUUID(), ...checked }
      await app.db.transaction().execute(async (trx) => {
        await insertContest(trx, { ...contest, createdBy: staff.id, createdAt: now })
        await appendAudit(trx, { staffId: staff.id, action: 'contest_create', tipId: null, detail: { contestId: contest.id, contestTitle: contest.title, questionCount: contest.questionCount }, at: now })
      })
      return reply.code(201).send(contestViewOf(await contestOrNotFound(contest.id), now))
    },
  )

  app.get(
    '/contests/:id',
    { schema: { summary: '一场竞赛的规则和参与人数', params: ContestIdParams, response: { 200: AdminContestView, ...ERRORS } } },
    async (request) => {
      const contest = await contestOrNotFound(request.params.id)
      const counts = await countContestEntries(app.db)
      return adminViewOf(contest, counts.get(contest.id), Date.now())
    },
  )

  app.put(
    '/contests/:id',
    {
      schema: {
        summary: '修改还没有开始的竞赛（检查同创建；开始后返回 409）',
        params: ContestIdParams,
        body: CreateContestBody,
        response: { 200: AdminContestView, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      const existing = await contestOrNotFound(request.params.id)
      const now = Date.now()
      const started = () => new AppError(409, 'contest_started', '竞赛已经开始，不能再修改；如需调整，可以提前结束后复制一场新的竞赛')
      if (now >= existing.startsAt) throw started()
      const checked = await checkedContest(app.db, request.body, now)
      await app.db.transaction().execute(async (trx) => {
        if (!(await updateUpcomingContest(trx, { id: existing.id, ...checked }, staff.id, now))) throw started()
        await appendAudit(trx, { staffId: staff.id, action: 'contest_update', tipId: null, detail: { contestId: existing.id, contestTitle: checked.title }, at: now })
      })
      const counts = await countContestEntries(app.db)
      return adminViewOf(await contestOrNotFound(existing.id), counts.get(existing.id), now)
    },
  )

  app.post(
    '/contests/:id/close',
    {
      schema: {
        summary: '提前结束进行中的竞赛（结束时间改为现在；之后不能再开始答题）',
        params: ContestIdParams,
        response: { 200: AdminContestView, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      const existing = await contestOrNotFound(request.params.id)
      const now = Date.now()
      const closed = await app.db.transaction().execute(async (trx) => {
        if (!(await closeRunningContest(trx, existing.id, staff.id, now))) return false
        await appendAudit(trx, { staffId: staff.id, action: 'contest_close', tipId: null, detail: { contestId: existing.id, contestTitle: existing.title, plannedEnd: new Date(existing.endsAt).toISOString() }, at: now })
        return true
      })
      if (!closed) {
        if (now < existing.startsAt) throw new AppError(409, 'contest_not_started', '竞赛还没有开始，不需要提前结束；可以修改它的开始和结束时间')
        throw new AppError(409, 'contest_closed', '竞赛已经结束了')
      }
      const counts = await countContestEntries(app.db)
      return adminViewOf(await contestOrNotFound(existing.id), counts.get(existing.id), now)
    },
  )

  app.get(
    '/contests/:id/preview',
    { schema: { summary: '抽题预览：按规则每个分类可抽的题数，和抽一次的样例（含答案）', params: ContestIdParams, response: { 200: ContestPreview, ...ERRORS } } },
    async (request) => {
      const contest = await contestOrNotFound(request.params.id)
      const bank = await readContestBank(app.db)
      const rule = contest.drawRule
      const pools =
        rule.kind === 'mixed'
          ? [{ category: ALL_CATEGORIES, available: bank.length, needed: contest.questionCount }]
          : rule.counts.map(({ category, count }) => ({ category, available: bank.filter((entry) => entry.question.category === category).length, needed: count }))
      const sample = (pickQuestions(rule, contest.questionCount, bank) ?? []).map(({ id, question }) => ({
        id,
        category: question.category,
        questionType: question.questionType,
        stem: question.stem,
        options: question.options,
        answer: [...question.answer],
      }))
      return { pools, problems: shortfalls(rule, contest.questionCount, bank), sample }
    },
  )

  app.get(
    '/contests/:id/participation',
    { schema: { summary: '各区县实时参与情况：人数、答题次数、占比和每万人参与数', params: ContestIdParams, response: { 200: ContestParticipation, ...ERRORS } } },
    async (request) => {
      const contest = await contestOrNotFound(request.params.id)
      return participationOf(contest, Date.now())
    },
  )

  app.get(
    '/contests/:id/board',
    { schema: { summary: '积分榜（含已隐藏的昵称），用于管理上榜昵称', params: ContestIdParams, response: { 200: AdminBoard, ...ERRORS } } },
    async (request) => {
      return { items: await boardItemsOf(await contestOrNotFound(request.params.id)) }
    },
  )

  app.put(
    '/contests/:id/board/:participantId',
    {
      schema: {
        summary: '从公开积分榜隐藏一个昵称，或恢复显示（记入审计日志）',
        params: BoardParams,
        body: BoardVisibilityBody,
        response: { 200: AdminBoard, ...ERRORS },
      },
    },
    async (request) => {
      const staff = staffOf(request)
      const contest = await contestOrNotFound(request.params.id)
      const participant = await findParticipant(app.db, request.params.participantId)
      const onBoard = participant && (await boardItemsOf(contest)).some((row) => row.participantId === participant.id)
      if (!participant || !onBoard) throw new AppError(404, 'board_entry_not_found', '这场竞赛的积分榜上没有这位参与者')
      const now = Date.now()
      const hidden = request.body.hidden
      if (participant.boardHidden !== hidden) {
        await app.db.transaction().execute(async (trx) => {
          await setBoardHidden(trx, participant.id, hidden, staff.id, now)
          await appendAudit(trx, {
            staffId: staff.id,
            action: hidden ? 'contest_board_hide' : 'contest_board_unhide',
            tipId: null,
            detail: { contestId: contest.id, contestTitle: contest.title, participantId: participant.id, nickname: participant.nickname },
            at: now,
          })
        })
      }
      return { items: await boardItemsOf(contest) }
    },
  )

  app.get(
    '/contests/:id/export',
    {
      schema: {
        summary: '导出成绩或各区县参与情况（xlsx；只含上榜的昵称；记入审计日志）',
        params: ContestIdParams,
        querystring: ContestExportQuery,
        response: { 200: ExportFile, ...ERRORS },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request)
      const contest = await contestOrNotFound(request.params.id)
      const now = Date.now()
      const { table } = request.query
      let document: Buffer
      let count: number
      if (table === 'participation') {
        const participation = await participationOf(contest, now)
        const rows = participation.districts.map((district) => [
          district.name,
          district.code,
          district.participants,
          district.attempts,
          district.finished,
          Math.round(district.share * 1000) / 10,
          district.population,
          district.ratePer10k === null ? null : Math.round(district.ratePer10k * 100) / 100,
        ])
        rows.push(['合计', null, participation.participants, participation.attempts, participation.districts.reduce((sum, district) => sum + district.finished, 0), 100, null, null])
        count = participation.districts.length
        document = await xlsxDocument('参与情况', ['区县', '区县代码', '参与人数', '答题次数', '交卷次数', '占比（%）', '常住人口', '每万人参与人数'], rows)
      } else {
        // Every participant's best finished attempt; the nickname only where the public board shows it.
        const [site, finished] = await Promise.all([readSite(app.db), listFinishedAttempts(app.db, contest.id)])
        const names = new Map(districtsOf(site, finished.map((row) => row.districtCode)).map((district) => [district.code, district.name]))
        const shown = new Map(boardOf(finished).filter((row) => row.rank !== null).map((row) => [row.participantId, row]))
        const rows = bestAttempts(finished).map((row) => {
          const onBoard = shown.get(row.participantId)
          return [onBoard?.rank ?? null, onBoard?.nickname ?? '（未上榜）', names.get(row.districtCode) ?? row.districtCode, row.score, contest.questionCount, row.timeUsedMs / 1000]
        })
        count = rows.length
        document = await xlsxDocument('成绩', ['榜上名次', '昵称', '区县', '答对题数', '题目数量', '用时（秒）'], rows)
      }
      await appendAudit(app.db, { staffId: staff.id, action: 'contest_export', tipId: null, detail: { contestId: contest.id, contestTitle: contest.title, table, count }, at: now })
      const stamp = chinaDateOf(new Date(now)).replace(/-/g, '')
      reply.header('content-disposition', `attachment; filename="contest-${table}-${stamp}.xlsx"`)
      return reply.type(XLSX_MEDIA_TYPE).send(document)
    },
  )
}
