import { randomUUID } from 'node:crypto'

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

import { chinaDateOf } from '../../src/core/calendar/working-days'
import { checkNickname } from '../../src/core/quiz/nickname'
import { AppError, ErrorResponse, validationFailed } from '../errors'
import { describeRateRule, RATE_RULES } from '../rate-limit'
import { readSite } from '../content/content.repository'
import {
  countAttemptsOn,
  findAttempt,
  findContest,
  finishAttempt,
  insertAttempt,
  addParticipantToken,
  findParticipantOfWeChatUser,
  insertParticipant,
  listAnswers,
  listCurrentContests,
  listFinishedAttempts,
  readContestBank,
  recordAnswer,
  type Attempt,
  type Participant,
} from './contests.repository'
import { isUniqueViolation } from '../tips/record-tip'
import { drawQuestions } from './draw'
import { generateParticipantToken, participantTokenHashOf, requireParticipant } from './participant-token'
import { contestViewOf, resultOf, scoreOf, statsOf } from './quiz-views'
import {
  AnswerBody,
  AnswerRecorded,
  AttemptIdParams,
  AttemptResult,
  AttemptStarted,
  ContestIdParams,
  ContestList,
  ContestStats,
  ParticipantBody,
  ParticipantCreated,
} from './quiz.schemas'

const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }
/** The token from POST /quiz/participants, as `Authorization: Bearer …` (the document's security scheme). */
const PARTICIPANT = [{ participantToken: [] }]
const MINUTE = 60 * 1000
/** Starting, answering, handing in and reading results count together. */
const QUIZ_LIMIT_NOTE = `开始答题、作答、交卷和查看结果合计：${describeRateRule(RATE_RULES.quiz)}`


const contestNotFound = () => new AppError(404, 'contest_not_found', '没有找到这场竞赛')
// Someone else's attempt answers exactly like one that does not exist.
const attemptNotFound = () => new AppError(404, 'attempt_not_found', '没有找到这次答题')

function timeInChina(ms: number): string {
  const shifted = new Date(ms + 8 * 60 * MINUTE).toISOString()
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`
}

/** The public contest API: participants hold a token from registration; no sign-in. */
export const quizRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Per participant token; the address is only a flood guard (many participants share a NAT).
  const quizLimit = app.limits.guard('quiz')
  // Answers and results are per participant: never kept by a proxy.
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
  })

  async function ownAttempt(participant: Participant, attemptId: string): Promise<Attempt> {
    const attempt = await findAttempt(app.db, attemptId)
    if (!attempt || attempt.participantId !== participant.id) throw attemptNotFound()
    return attempt
  }

  /** Scores the attempt (once, whoever comes first) and returns the stored result. */
  async function finish(attempt: Attempt, now: number): Promise<AttemptResult> {
    const answers = await listAnswers(app.db, attempt.id)
    const stored =
      attempt.finishedAt !== null
        ? attempt
        : await finishAttempt(app.db, {
            attemptId: attempt.id,
            finishedAt: now,
            score: scoreOf(attempt, answers),
            timeUsedMs: Math.min(now, attempt.deadlineAt) - attempt.startedAt,
          })
    return resultOf(stored, answers)
  }

  /** A new participant; from WeChat, the person's one participant (made by whichever phone comes first). */
  async function registerParticipant(wechatUserId: string | null, choices: Omit<Participant, 'id'> & { tokenHash: string; createdAt: number }): Promise<void> {
    if (wechatUserId === null) {
      await insertParticipant(app.db, { id: randomUUID(), ...choices })
      return
    }
    const known = await findParticipantOfWeChatUser(app.db, wechatUserId)
    if (known) {
      await addParticipantToken(app.db, { ...choices, id: known.id })
      return
    }
    try {
      await insertParticipant(app.db, { id: randomUUID(), ...choices, wechatUserId })
    } catch (error) {
      // Two phones of one person registering at once: the other one made the participant.
      if (!isUniqueViolation(error)) throw error
      const made = await findParticipantOfWeChatUser(app.db, wechatUserId)
      if (!made) throw error
      await addParticipantToken(app.db, { ...choices, id: made.id })
    }
  }

  app.get(
    '/quiz/contests',
    { schema: { summary: '正在进行和即将开始的竞赛（不含题目）', response: { 200: ContestList, ...ERRORS } } },
    async () => {
      const now = Date.now()
      const contests = await listCurrentContests(app.db, now)
      return { items: contests.map((contest) => contestViewOf(contest, now)) }
    },
  )

  app.post(
    '/quiz/participants',
    {
      schema: {
        summary: '登记参赛（所在区县、可选的昵称），得到参赛令牌',
        description:
          '不需要登录。区县须是站点设置列出的区县；昵称只用于积分榜，不能含电话号码等个人信息。' +
          '在微信小程序中带 X-Pufa-Session 请求头时，同一微信在任何手机上登记都是同一位参赛者（每部手机得到自己的令牌，区县和昵称以最近一次登记为准），每天的答题次数按人计算。' +
          describeRateRule(RATE_RULES.participants),
        body: ParticipantBody,
        response: { 201: ParticipantCreated, ...ERRORS },
      },
      onRequest: app.limits.guard('participants'),
    },
    async (request, reply) => {
      const { districtCode, showOnBoard = false } = request.body
      const nickname = checkNickname(request.body.nickname)
      const site = (await app.contentCache.facts()).site
      if (!site) throw new AppError(503, 'site_not_ready', '区县列表还没有同步到服务器，暂时无法登记，请稍后再试')
      if (!site.districts.some((district) => district.code === districtCode)) {
        throw validationFailed([{ path: 'districtCode', label: '区县代码', message: `区县代码 ${districtCode} 不是${site.cityName}的区县` }])
      }
      if (!nickname.ok) throw validationFailed([{ path: 'nickname', label: '昵称', message: nickname.message }])
      const token = generateParticipantToken()
      const choices = { districtCode, nickname: nickname.value, showOnBoard, tokenHash: participantTokenHashOf(token), createdAt: Date.now() }
      await registerParticipant(request.wechatUserId, choices)
      return reply.code(201).send({ participantToken: token })
    },
  )

  app.post(
    '/quiz/contests/:id/attempts',
    {
      onRequest: quizLimit,
      schema: {
        summary: '开始一次竞赛答题：服务器抽题，题目不含答案和解析',
        description: `竞赛未开始或已结束、今天的次数已用完时返回 409；时限从服务器收到请求时算起。${QUIZ_LIMIT_NOTE}`,
        security: PARTICIPANT,
        params: ContestIdParams,
        response: { 201: AttemptStarted, ...ERRORS },
      },
    },
    async (request, reply) => {
      const participant = await requireParticipant(app.db, request)
      const contest = await findContest(app.db, request.params.id)
      if (!contest) throw contestNotFound()
      const now = Date.now()
      if (now < contest.startsAt) throw new AppError(409, 'contest_not_started', `竞赛还没有开始，开始时间是 ${timeInChina(contest.startsAt)}（北京时间）`)
      if (now >= contest.endsAt) throw new AppError(409, 'contest_closed', `竞赛已于 ${timeInChina(contest.endsAt)}（北京时间）结束`)
      const chinaDate = chinaDateOf(new Date(now))
      const used = await countAttemptsOn(app.db, contest.id, participant.id, chinaDate)
      const dailyUsedUp = () =>
        new AppError(409, 'daily_attempts_used', `今天的 ${contest.attemptsPerDay} 次答题机会已经用完了，请明天再来`)
      if (used >= contest.attemptsPerDay) throw dailyUsedUp()
      const questions = drawQuestions(contest.drawRule, contest.questionCount, await readContestBank(app.db))
      if (!questions) throw new AppError(503, 'contest_bank_short', '竞赛题库的题目暂时不够，请稍后再试或联系主办单位')
      const attemptId = randomUUID()
      // The time limit, but never past the contest's close.
      const deadlineAt = Math.min(now + contest.timeLimitSeconds * 1000, contest.endsAt)
      const inserted = await insertAttempt(app.db, {
        id: attemptId,
        contestId: contest.id,
        participantId: participant.id,
        chinaDate,
        ordinal: used + 1,
        questions,
        startedAt: now,
        deadlineAt,
      })
      // Another attempt started at the same moment took this place of the day.
      if (!inserted) throw dailyUsedUp()
      return reply.code(201).send({
        attemptId,
        startedAt: new Date(now).toISOString(),
        deadline: new Date(deadlineAt).toISOString(),
        minSecondsPerQuestion: contest.minSecondsPerQuestion,
        questions: questions.map(({ id, questionType, stem, options }) => ({ id, questionType, stem, options })),
      })
    },
  )

  app.post(
    '/quiz/attempts/:id/answers',
    {
      onRequest: quizLimit,
      schema: {
        summary: '提交一道题的答案（服务器记录时间，不告知对错）',
        description: `每道题只能答一次（再答 409）；答得比每题最少用时还快返回 422 answer_too_fast；超过时限或已交卷返回 409。${QUIZ_LIMIT_NOTE}`,
        security: PARTICIPANT,
        params: AttemptIdParams,
        body: AnswerBody,
        response: { 201: AnswerRecorded, ...ERRORS },
      },
    },
    async (request, reply) => {
      const participant = await requireParticipant(app.db, request)
      const attempt = await ownAttempt(participant, request.params.id)
      const now = Date.now()
      const { questionId, optionIds } = request.body
      const question = attempt.questions.find((candidate) => candidate.id === questionId)
      if (!question) throw new AppError(422, 'question_not_in_attempt', '这道题不在本次答题的题目中')
      const unknown = optionIds.filter((id) => !question.options.some((option) => option.id === id))
      if (unknown.length > 0) throw new AppError(422, 'unknown_option', `这道题没有编号为 ${unknown.join('、')} 的选项`)
      if (question.questionType !== 'multiple' && optionIds.length !== 1) {
        throw new AppError(422, 'one_option_only', question.questionType === 'judge' ? '判断题请选择“对”或“错”中的一项' : '单选题只能选择一个选项')
      }
      const contest = await findContest(app.db, attempt.contestId)
      if (!contest) throw contestNotFound()
      const outcome = await recordAnswer(app.db, { attemptId: attempt.id, questionId, optionIds, now, minGapMs: contest.minSecondsPerQuestion * 1000 })
      switch (outcome) {
        case 'already_answered':
          throw new AppError(409, 'already_answered', '这道题已经作答，不能修改')
        case 'finished':
          throw new AppError(409, 'attempt_finished', '这次答题已经交卷，不能再作答')
        case 'expired':
          throw new AppError(409, 'attempt_expired', '答题时间已到，不能再作答，请交卷查看成绩')
        case 'too_fast':
          throw new AppError(422, 'answer_too_fast', `答题太快了：每道题至少要用 ${contest.minSecondsPerQuestion} 秒，请看清题目再作答`)
        case 'recorded': {
          const answered = (await listAnswers(app.db, attempt.id)).length
          return reply.code(201).send({ questionId, answeredAt: new Date(now).toISOString(), answered })
        }
      }
    },
  )

  app.post(
    '/quiz/attempts/:id/finish',
    {
      onRequest: quizLimit,
      schema: {
        summary: '交卷：评分（只评一次），公布答案、解析和依据',
        description: `重复交卷返回同一个结果。${QUIZ_LIMIT_NOTE}`,
        security: PARTICIPANT,
        params: AttemptIdParams,
        response: { 200: AttemptResult, ...ERRORS },
      },
    },
    async (request) => {
      const participant = await requireParticipant(app.db, request)
      const attempt = await ownAttempt(participant, request.params.id)
      return finish(attempt, Date.now())
    },
  )

  app.get(
    '/quiz/attempts/:id',
    {
      onRequest: quizLimit,
      schema: {
        summary: '已交卷（或已超时）的答题结果',
        description: `还没交卷且未到时限时返回 409 attempt_in_progress；只有登记这次答题的参赛令牌能看。${QUIZ_LIMIT_NOTE}`,
        security: PARTICIPANT,
        params: AttemptIdParams,
        response: { 200: AttemptResult, ...ERRORS },
      },
    },
    async (request) => {
      const participant = await requireParticipant(app.db, request)
      const attempt = await ownAttempt(participant, request.params.id)
      const now = Date.now()
      // The time is up: the attempt is over whether or not the phone sent its finish.
      if (attempt.finishedAt === null && now <= attempt.deadlineAt) {
        throw new AppError(409, 'attempt_in_progress', '这次答题还没有交卷，交卷后才能查看答案和解析')
      }
      return finish(attempt, now)
    },
  )

  app.get(
    '/quiz/contests/:id/stats',
    {
      schema: {
        summary: '各区县参与人数和自愿上榜的积分榜',
        description: '只统计有完成记录的参与者；不需要参赛令牌。',
        params: ContestIdParams,
        response: { 200: ContestStats, ...ERRORS },
      },
    },
    async (request) => {
      const contest = await findContest(app.db, request.params.id)
      if (!contest) throw contestNotFound()
      const [site, finished] = await Promise.all([readSite(app.db), listFinishedAttempts(app.db, contest.id)])
      return statsOf(contest, site, finished)
    },
  )
}
