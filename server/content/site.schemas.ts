import { Type, type Static } from '@sinclair/typebox'

export const SiteSummary = Type.Object(
  {
    cityName: Type.String(),
    bureauName: Type.String({ description: '主管部门名称，如 广州市人力资源和社会保障局' }),
    hotline: Type.String(),
    districts: Type.Array(Type.Object({ code: Type.String(), name: Type.String() }), {
      description: '区县（代码和名称），内容订阅源的站点设置载入之前为空',
    }),
  },
  { title: '站点设置摘要' },
)
export type SiteSummary = Static<typeof SiteSummary>
