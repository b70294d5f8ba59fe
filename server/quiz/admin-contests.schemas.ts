// The staff console's contest pages: the list, one contest, the draw preview, live participation, the board.
import { Type, type Static } from '@sinclair/typebox'

import { IdString, StringEnum } from '../schemas'
import { ContestView } from './quiz.schemas'

const Timestamp = Type.String({ format: 'date-time' })

export const AdminContestView = Type.Object(
  {
    ...ContestView.properties,
    participants: Type.Integer({ description: '开始过答题的参与者人数' }),
    attempts: Type.Integer({ description: '开始的答题次数' }),
    closedAt: Type.Union([Timestamp, Type.Null()], { description: '提前结束的时间；没有提前结束为 null' }),
    editable: Type.Boolean({ description: '还没有开始，可以修改' }),
  },
  { title: '竞赛（工作人员）' },
)
export type AdminContestView = Static<typeof AdminContestView>

export const AdminContestList = Type.Object({ items: Type.Array(AdminContestView, { description: '开始时间晚的在前' }) }, { title: '竞赛列表（工作人员）' })
export type AdminContestList = Static<typeof AdminContestList>

const PreviewQuestion = Type.Object({
  id: Type.String(),
  category: Type.String({ description: '题目分类' }),
  questionType: StringEnum(['single', 'multiple', 'judge'] as const),
  stem: Type.String(),
  options: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
  answer: Type.Array(Type.String(), { description: '正确选项的编号' }),
})
export type PreviewQuestion = Static<typeof PreviewQuestion>

export const ContestPreview = Type.Object(
  {
    pools: Type.Array(
      Type.Object({
        category: Type.String({ description: '题目分类；混合抽题时为“全部”' }),
        available: Type.Integer({ description: '竞赛题库中可抽的题数' }),
        needed: Type.Integer({ description: '每次答题从中抽取的题数' }),
      }),
    ),
    problems: Type.Array(Type.String(), { description: '题库不够抽的说明；为空表示够抽' }),
    sample: Type.Array(PreviewQuestion, { description: '按规则抽一次的样例（含答案，只给工作人员看）' }),
  },
  { title: '抽题预览' },
)
export type ContestPreview = Static<typeof ContestPreview>

export const ContestParticipation = Type.Object(
  {
    contestId: Type.String(),
    status: StringEnum(['upcoming', 'open', 'closed'] as const),
    updatedAt: Timestamp,
    participants: Type.Integer({ description: '开始过答题的参与者总数' }),
    attempts: Type.Integer({ description: '开始的答题总次数' }),
    districts: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        participants: Type.Integer(),
        attempts: Type.Integer({ description: '开始的答题次数' }),
        finished: Type.Integer({ description: '交卷（或超时）的答题次数' }),
        share: Type.Number({ description: '占全部参与者的比例（0～1）' }),
        population: Type.Union([Type.Integer(), Type.Null()], { description: '常住人口（站点设置给出时）' }),
        ratePer10k: Type.Union([Type.Number(), Type.Null()], { description: '每万名常住人口中的参与人数；没有人口数时为 null' }),
      }),
      { description: '按站点设置中区县的顺序' },
    ),
  },
  { title: '各区县参与情况（实时）' },
)
export type ContestParticipation = Static<typeof ContestParticipation>

export const AdminBoard = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        participantId: Type.String(),
        rank: Type.Union([Type.Integer(), Type.Null()], { description: '公开积分榜上的名次；已隐藏为 null' }),
        nickname: Type.String(),
        districtName: Type.String(),
        score: Type.Integer(),
        timeUsedSeconds: Type.Number(),
        hidden: Type.Boolean({ description: '已从公开积分榜隐藏' }),
      }),
    ),
  },
  { title: '积分榜（含已隐藏的昵称）' },
)
export type AdminBoard = Static<typeof AdminBoard>

export const BoardParams = Type.Object(
  { id: IdString('contest', '竞赛编号'), participantId: IdString('uuid', '参与者编号') },
  { additionalProperties: false },
)

export const BoardVisibilityBody = Type.Object({ hidden: Type.Boolean({ title: '是否从积分榜隐藏' }) }, { additionalProperties: false })
export type BoardVisibilityBody = Static<typeof BoardVisibilityBody>

export const ContestExportQuery = Type.Object(
  {
    table: StringEnum(['results', 'participation'] as const, {
      title: '导出内容',
      description: 'results 成绩（每人最好的一次），participation 各区县参与情况',
      errorMessages: { enum: '导出内容应为 results（成绩）或 participation（参与情况）' },
    }),
  },
  { additionalProperties: false },
)
export type ContestExportQuery = Static<typeof ContestExportQuery>
