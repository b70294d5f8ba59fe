// The annual figures (GET /api/v1/admin/figures): the request and the answer, as the console reads them.
import { Type, type Static } from '@sinclair/typebox'

import { CLOSE_METHODS } from '../../src/core/tips/outcome'
import { TIP_RATINGS } from '../../src/core/tips/rating'
import { Nullable, StringEnum } from '../schemas'

const ChinaDate = (title: string) =>
  Type.String({ title, pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD（中国日期）', errorMessages: { pattern: `${title}应写成 2026-01-31 这样的格式` } })

export const FiguresQuery = Type.Object(
  {
    from: ChinaDate('开始日期'),
    to: ChinaDate('结束日期'),
    district: Type.Optional(Type.String({ title: '区县代码', pattern: '^\\d{6}$', errorMessages: { pattern: '区县代码应为 6 位数字' } })),
  },
  { additionalProperties: false },
)
export type FiguresQuery = Static<typeof FiguresQuery>

const Share = Nullable(Type.Number({ description: '0 到 1 之间的比例；没有可比的数据时为 null' }))

const ReportsRow = Type.Object({
  code: Nullable(Type.String({ description: '区县代码；合计行为 null' })),
  name: Type.String(),
  complaints: Type.Integer({ description: '收到的投诉' }),
  tips: Type.Integer({ description: '收到的举报' }),
  received: Type.Integer({ description: '收到的反映（投诉和举报）' }),
  acceptanceDue: Type.Integer({ description: '受理期限已结束的投诉：已决定受理或不予受理，或已过受理期限仍未决定' }),
  acceptedInTime: Type.Integer({ description: '其中在受理期限内作出决定的' }),
  acceptedInTimeShare: Share,
  closed: Type.Integer({ description: '本期办结的反映' }),
  medianWorkingDaysToClose: Nullable(Type.Number({ description: '本期办结的反映从收到到办结的工作日数的中位数' })),
})

const MethodCount = Type.Object({ method: StringEnum(CLOSE_METHODS), name: Type.String(), count: Type.Integer() })

const OutcomesRow = Type.Object({
  code: Nullable(Type.String()),
  name: Type.String(),
  closed: Type.Integer(),
  methods: Type.Array(MethodCount, { description: '各处理方式的件数，顺序固定' }),
  recoveredFen: Type.Integer({ description: '追回欠薪（分）' }),
  recoveredInWords: Type.String({ description: '如 1.53亿元' }),
  workersPaid: Type.Integer({ description: '拿到欠薪的劳动者人数' }),
})

const RatingCount = Type.Object({ rating: StringEnum(TIP_RATINGS), name: Type.String(), count: Type.Integer() })

const RatingsRow = Type.Object({
  code: Nullable(Type.String()),
  name: Type.String(),
  ratings: Type.Array(RatingCount),
  total: Type.Integer(),
  satisfiedShare: Share,
})

const ContestRow = Type.Object({
  code: Nullable(Type.String()),
  name: Type.String(),
  participants: Type.Integer({ description: '本期交卷的参赛人数（每人只计一次）' }),
  population: Nullable(Type.Integer({ description: '常住人口，站点设置给出时' })),
  per10000: Nullable(Type.Number({ description: '每万名常住人口中的参赛人数' })),
})

const CategoryReads = Type.Object({ category: Type.String(), reads: Type.Integer() })
const CategoryPractice = Type.Object({ category: Type.String(), answered: Type.Integer(), right: Type.Integer(), rightShare: Share })

export const Figures = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    district: Nullable(Type.String({ description: '只统计这个区县；全市为 null' })),
    districtName: Type.String({ description: '区县名称，全市时为城市名' }),
    bureauName: Type.String(),
    cityName: Type.String(),
    headline: Type.String({ description: '如“为1.72万名劳动者追回欠薪1.53亿元”' }),
    definitions: Type.Array(Type.String(), { description: '各项比例和用时的算法' }),
    reports: Type.Object({ districts: Type.Array(ReportsRow), total: ReportsRow }),
    outcomes: Type.Object({ districts: Type.Array(OutcomesRow), total: OutcomesRow }),
    ratings: Type.Object({ districts: Type.Array(RatingsRow), total: RatingsRow }),
    contest: Type.Object({ districts: Type.Array(ContestRow), total: ContestRow }),
    explainerReads: Type.Array(CategoryReads, { description: '政策解读阅读次数，按类别，全市合计（计数不记录区县）' }),
    practice: Type.Array(CategoryPractice, { description: '练习答题，按类别，答对比例低的在前；全市合计' }),
  },
  { title: '年度数据' },
)
export type Figures = Static<typeof Figures>

export const FiguresExportQuery = FiguresQuery
