import { Type, type Static } from '@sinclair/typebox'

import { StringEnum } from '../schemas'

const NullableTime = (description: string) => Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description })

export const Health = Type.Object(
  {
    status: StringEnum(['ok', 'degraded', 'error'] as const, {
      description: 'ok 正常；degraded 能用但需要处理（如暂存照片的空间将满或已满）；error 数据库无法访问（此时状态码为 503）',
    }),
    version: Type.String({ description: '服务的版本号' }),
    database: Type.Object({
      dialect: StringEnum(['sqlite', 'postgres'] as const, { description: 'sqlite 内置数据库，postgres PostgreSQL' }),
      ok: Type.Boolean({ description: '数据库能否访问' }),
    }),
    uptimeSeconds: Type.Integer({ description: '服务已运行的秒数' }),
    uploads: Type.Optional(
      Type.Object(
        {
          usedBytes: Type.Integer({ description: '还没用于反映的照片合计字节数' }),
          limitBytes: Type.Integer({ description: '其上限（UPLOAD_QUOTA_MB）；用满后新照片答 503 upload_quota_full' }),
          storage: StringEnum(['database', 'files'] as const, { description: 'database 存在 PostgreSQL 中；files 存在 DATA_DIR/uploads' }),
          status: StringEnum(['ok', 'near_full', 'full'] as const, { description: 'near_full 已用 90% 以上；full 已满' }),
        },
        { description: '证据照片的暂存空间；数据库无法访问或读取失败时没有' },
      ),
    ),
    wechatOutbox: Type.Optional(
      Type.Object(
        {
          pending: Type.Integer({ description: '还没发出、也没有结果的微信提醒条数（含等待重试的）' }),
          oldestAgeSeconds: Type.Union([Type.Integer(), Type.Null()], { description: '其中最早一条已等了多少秒；没有时为 null' }),
        },
        { description: '微信订阅消息的待发队列；只在开通微信（WECHAT_APPID）时有，数据库无法访问或读取失败时没有' },
      ),
    ),
    content: Type.Optional(
      Type.Object(
        {
          seq: Type.Integer({ description: '最近一次内容写入的序号' }),
          items: Type.Integer({ description: '现有内容条数（不含已删除的）' }),
        },
        { description: '内容库概况；数据库无法访问或读取失败时没有' },
      ),
    ),
    sources: Type.Optional(
      Type.Array(
        Type.Object({
          name: Type.String({ description: '内容来源（订阅源的网址或文件）' }),
          lastSuccessAt: NullableTime('最近一次读取成功的时间；从未成功为 null'),
          lastFailureAt: NullableTime('最近一次读取失败的时间；从未失败为 null'),
          lastError: Type.Union([Type.String(), Type.Null()], { description: '最近一次读取失败的原因；成功后清空' }),
          itemCount: Type.Integer({ description: '来自该来源的现有内容条数（不含已删除的）' }),
          rejectedCount: Type.Integer({ description: '最近一次读取中未载入的条目数' }),
          rejected: Type.Array(Type.String(), { description: '未载入的条目及原因（最多前 50 条），数据库中已有的版本保持不变' }),
        }),
        { description: '每个内容来源最近一次读取的情况，含已配置但还没读取过的来源' },
      ),
    ),
  },
  { title: '服务状态' },
)
export type Health = Static<typeof Health>
