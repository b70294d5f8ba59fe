import { Type, type Static } from '@sinclair/typebox'

import { POLICY_CATEGORIES } from '../../src/core/content/model'
import { NICKNAME_MAX } from '../../src/core/quiz/nickname'
import { IdString, NO_CONTROL_CHARACTERS, StringEnum } from '../schemas'

export const TITLE_MAX = 60
export const QUESTION_COUNT_MAX = 100
export const TIME_LIMIT_MIN = 30
export const TIME_LIMIT_MAX = 4 * 60 * 60
export const ATTEMPTS_PER_DAY_MAX = 20
export const MIN_SECONDS_MAX = 600

const Timestamp = Type.String({ format: 'date-time' })
const QuestionTypeValue = StringEnum(['single', 'multiple', 'judge'] as const, { description: 'single 单选，multiple 多选，judge 判断' })
const Option = Type.Object({ id: Type.String({ description: '选项编号，在题目内固定' }), text: Type.String() })
const Citation = Type.Object({
  law: Type.String({ description: '法律法规名称' }),
  article: Type.String({ description: '条款，如 第八十二条' }),
  effectiveDate: Type.Optional(Type.String({ description: '所引版本的施行日期，YYYY-MM-DD' })),
})

export const CategoryCount = Type.Object(
  {
    category: StringEnum(POLICY_CATEGORIES, { title: '题目分类', errorMessages: { enum: `题目分类应为${POLICY_CATEGORIES.join('、')}之一` } }),
    count: Type.Integer({ title: '该分类的题数', minimum: 1, maximum: QUESTION_COUNT_MAX }),
  },
  { additionalProperties: false },
)

export const DrawRuleSchema = Type.Object(
  {
    kind: StringEnum(['mixed', 'categories'] as const, {
      title: '抽题方式',
      description: 'mixed 从竞赛题库混合抽取；categories 按分类和题数抽取',
      errorMessages: { enum: '抽题方式应为 mixed（混合）或 categories（按分类）' },
    }),
    counts: Type.Optional(Type.Array(CategoryCount, { title: '各分类题数', minItems: 1, maxItems: POLICY_CATEGORIES.length })),
  },
  { title: '抽题规则', additionalProperties: false },
)
export type DrawRuleBody = Static<typeof DrawRuleSchema>

export const CreateContestBody = Type.Object(
  {
    title: Type.String({ title: '竞赛名称', minLength: 1, maxLength: TITLE_MAX, pattern: NO_CONTROL_CHARACTERS }),
    startsAt: Type.String({ title: '开始时间', format: 'date-time', errorMessages: { format: '开始时间应写成 2026-12-01T09:00:00+08:00 这样的格式' } }),
    endsAt: Type.String({ title: '结束时间', format: 'date-time', errorMessages: { format: '结束时间应写成 2026-12-31T18:00:00+08:00 这样的格式' } }),
    questionCount: Type.Integer({ title: '题目数量', minimum: 1, maximum: QUESTION_COUNT_MAX }),
    timeLimitSeconds: Type.Integer({ title: '答题时限（秒）', minimum: TIME_LIMIT_MIN, maximum: TIME_LIMIT_MAX }),
    attemptsPerDay: Type.Integer({ title: '每天可答次数', minimum: 1, maximum: ATTEMPTS_PER_DAY_MAX }),
    minSecondsPerQuestion: Type.Integer({ title: '每题最少用时（秒）', minimum: 0, maximum: MIN_SECONDS_MAX }),
    drawRule: DrawRuleSchema,
  },
  { additionalProperties: false },
)
export type CreateContestBody = Static<typeof CreateContestBody>

const DrawRuleView = Type.Object({
  kind: StringEnum(['mixed', 'categories'] as const),
  counts: Type.Optional(Type.Array(Type.Object({ category: Type.String(), count: Type.Integer() }))),
})

export const ContestView = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    startsAt: Timestamp,
    endsAt: Timestamp,
    status: StringEnum(['upcoming', 'open', 'closed'] as const, { description: 'upcoming 未开始，open 进行中，closed 已结束' }),
    questionCount: Type.Integer({ description: '每次答题的题数' }),
    timeLimitSeconds: Type.Integer({ description: '每次答题的时限（秒）' }),
    attemptsPerDay: Type.Integer({ description: '每人每天可答的次数（按北京时间的日期计）' }),
    minSecondsPerQuestion: Type.Integer({ description: '每道题至少用时（秒），答得更快的答案不予记录' }),
    drawRule: DrawRuleView,
  },
  { title: '竞赛' },
)
export type ContestView = Static<typeof ContestView>

export const ContestList = Type.Object({ items: Type.Array(ContestView) }, { title: '竞赛列表' })
export type ContestList = Static<typeof ContestList>

export const ContestIdParams = Type.Object({ id: IdString('contest', '竞赛编号') }, { additionalProperties: false })
export const AttemptIdParams = Type.Object(
  { id: IdString('uuid', '答题编号', { description: '开始答题时返回的 attemptId' }) },
  { additionalProperties: false },
)

export const ParticipantBody = Type.Object(
  {
    districtCode: Type.String({ title: '区县代码', pattern: '^\\d{6}$', errorMessages: { pattern: '区县代码应为 6 位数字' } }),
    nickname: Type.Optional(
      Type.String({
        title: '昵称',
        minLength: 1,
        // Room for spaces at either end; checkNickname (core) counts what is kept.
        maxLength: NICKNAME_MAX * 2,
        description: `选填，只用于积分榜，不超过 ${NICKNAME_MAX} 个字；请不要填写真实姓名、电话等个人信息`,
      }),
    ),
    showOnBoard: Type.Optional(Type.Boolean({ title: '是否上积分榜', default: false })),
  },
  { additionalProperties: false },
)
export type ParticipantBody = Static<typeof ParticipantBody>

export const ParticipantCreated = Type.Object(
  { participantToken: Type.String({ description: '参赛令牌，请妥善保存；服务器只保存它的摘要。答题时放在 Authorization: Bearer 请求头中' }) },
  { title: '已登记参赛' },
)
export type ParticipantCreated = Static<typeof ParticipantCreated>

/** A question as sent before finishing: no answer, explanation or citation. */
export const AttemptQuestion = Type.Object(
  {
    id: Type.String(),
    questionType: QuestionTypeValue,
    stem: Type.String({ description: '题干' }),
    options: Type.Array(Option),
  },
  { title: '竞赛题目（不含答案）' },
)
export type AttemptQuestion = Static<typeof AttemptQuestion>

export const AttemptStarted = Type.Object(
  {
    attemptId: Type.String(),
    startedAt: Timestamp,
    deadline: Type.String({ format: 'date-time', description: '交卷的最后时间：开始时间加时限，但不晚于竞赛结束' }),
    minSecondsPerQuestion: Type.Integer(),
    questions: Type.Array(AttemptQuestion),
  },
  { title: '已开始答题' },
)
export type AttemptStarted = Static<typeof AttemptStarted>

export const AnswerBody = Type.Object(
  {
    questionId: IdString('contentItem', '题目编号'),
    optionIds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { title: '所选选项', minItems: 1, maxItems: 20, uniqueItems: true }),
  },
  { additionalProperties: false },
)
export type AnswerBody = Static<typeof AnswerBody>

/** Only that the answer was recorded, never whether it was right. */
export const AnswerRecorded = Type.Object(
  { questionId: Type.String(), answeredAt: Timestamp, answered: Type.Integer({ description: '已作答题数' }) },
  { title: '答案已记录（不告知对错）' },
)
export type AnswerRecorded = Static<typeof AnswerRecorded>

export const AttemptResult = Type.Object(
  {
    attemptId: Type.String(),
    contestId: Type.String(),
    score: Type.Integer({ description: '答对的题数' }),
    questionCount: Type.Integer(),
    timeUsedSeconds: Type.Number({ description: '用时（秒），不超过时限' }),
    startedAt: Timestamp,
    finishedAt: Timestamp,
    questions: Type.Array(
      Type.Object({
        id: Type.String(),
        questionType: QuestionTypeValue,
        stem: Type.String({ description: '题干' }),
        options: Type.Array(Option),
        chosenOptionIds: Type.Array(Type.String(), { description: '所选选项的编号；没有作答为空' }),
        correct: Type.Boolean(),
        answer: Type.Array(Type.String(), { description: '正确选项的编号' }),
        explanation: Type.String({ description: '解析' }),
        citations: Type.Array(Citation, { description: '依据的法律条款' }),
      }),
    ),
  },
  { title: '答题结果（含答案、解析和依据）' },
)
export type AttemptResult = Static<typeof AttemptResult>

export const DistrictParticipation = Type.Object({
  code: Type.String({ description: '区县代码' }),
  name: Type.String(),
  participants: Type.Integer({ description: '该区县有完成记录的参与者人数' }),
  share: Type.Number({ description: '占全部参与者的比例（0～1）' }),
  rate: Type.Union([Type.Number(), Type.Null()], { description: '参与率：参与人数 ÷ 常住人口（区县列表给出人口数时），否则为 null' }),
})
export type DistrictParticipation = Static<typeof DistrictParticipation>

export const ContestStats = Type.Object(
  {
    contestId: Type.String(),
    title: Type.String(),
    participants: Type.Integer({ description: '有完成记录的参与者总数' }),
    districts: Type.Array(DistrictParticipation, { description: '按站点设置中区县的顺序' }),
    board: Type.Array(
      Type.Object({
        rank: Type.Integer(),
        nickname: Type.String(),
        score: Type.Integer(),
        timeUsedSeconds: Type.Number(),
      }),
      { description: '自愿上榜的参与者（每人最好的一次）：答对多的在前，同分时用时少的在前' },
    ),
  },
  { title: '竞赛参与情况' },
)
export type ContestStats = Static<typeof ContestStats>

