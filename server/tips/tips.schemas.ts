import { Type, type Static } from '@sinclair/typebox'

import { describeField, REPORT_LIMITS } from '../../src/core/tips/report-fields'
import { Nullable, StringEnum } from '../schemas'
import { Deadlines } from './tips.status.schemas'

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/

const { reporterName, employerName, workAddress, constructionProject, description, workersOwed, evidenceIds } = REPORT_LIMITS

/** A text field as the form sends it: the judge trims it and counts characters, not bytes. */
const Text = (path: string, { min, max }: { min: number; max: number }, note?: string) =>
  Type.String({ title: describeField(path), minLength: min, maxLength: max, ...(note ? { description: note } : {}) })

/** A coded value (phone, ID number, credit code, amount, month) that a validator of core reads. */
const Coded = (path: string, note: string, pattern?: string) =>
  Type.String({ title: describeField(path), description: note, maxLength: REPORT_LIMITS.codedValueMaxLength, ...(pattern ? { pattern } : {}) })

const Month = (path: string) => Coded(path, '月份，如 2025-03；不能晚于本月，开始月份不能早于 10 年前', '^\\d{4}-\\d{2}$')

/**
 * The body of POST /api/v1/tips, for the document and for the app's type. It is not given to
 * AJV: the judge is validateReport (src/core/tips/report.ts), the same rule the app runs while the
 * form is filled in, whose messages name each field in Chinese (see tips.routes.ts).
 */
export const TipReportBody = Type.Object(
  {
    kind: StringEnum(['complaint', 'tip'] as const, {
      title: describeField('kind'),
      description: 'complaint 投诉（本人被欠薪，须实名）；tip 举报（反映他人被欠薪，可以匿名）',
    }),
    reporter: Type.Optional(
      Nullable(
        Type.Object(
          {
            name: Text('reporter.name', reporterName),
            mobile: Coded('reporter.mobile', '联系电话：手机号码，或带区号的固定电话（如 020-83212345）'),
            residentId: Type.Optional(
              Nullable(
                Coded(
                  'reporter.residentId',
                  '选填，仅投诉：居民身份证、港澳台居民居住证或外国人永久居留身份证的号码。填写时须同意处理敏感个人信息（consentSensitive）',
                ),
              ),
            ),
          },
          { title: describeField('reporter'), description: '投诉必填；举报不填（或为 null、各项为空）即为匿名', additionalProperties: false },
        ),
      ),
    ),
    employer: Type.Object(
      {
        name: Text('employer.name', employerName, '拖欠工资的单位或老板的名称'),
        uscc: Type.Optional(Nullable(Coded('employer.uscc', '选填：18 位统一社会信用代码（校验位须正确）'))),
      },
      { title: describeField('employer'), additionalProperties: false },
    ),
    districtCode: Type.String({
      title: describeField('districtCode'),
      description: '干活的地方所在区县的 6 位代码，须是站点设置（内容同步中 type 为 site 的内容）列出的区县',
      pattern: '^\\d{6}$',
    }),
    workAddress: Text('workAddress', workAddress),
    isConstruction: Type.Optional(Nullable(Type.Boolean({ title: describeField('isConstruction'), description: '是否在工地上干活；不填视为否' }))),
    constructionProject: Type.Optional(Nullable(Text('constructionProject', constructionProject, 'isConstruction 为 true 时必填'))),
    workersOwed: Type.Union(
      [
        Type.Integer({ minimum: workersOwed.min, maximum: workersOwed.max }),
        Type.String({ description: '也可以写成文字，如 "3" 或 "3人"', maxLength: REPORT_LIMITS.codedValueMaxLength }),
      ],
      { title: describeField('workersOwed'), description: `被欠薪的人数，${workersOwed.min} 到 ${workersOwed.max}` },
    ),
    amountYuan: Type.Optional(
      Nullable(
        Coded(
          'amountYuan',
          '欠薪金额（元），按填写的样子提交，如 12800.50、5万、约5万、5000元左右；估计数按估计保存。投诉必填，举报可以不填',
        ),
      ),
    ),
    owedPeriod: Type.Object(
      { from: Month('owedPeriod.from'), to: Month('owedPeriod.to') },
      { title: describeField('owedPeriod'), description: '结束月份不能早于开始月份', additionalProperties: false },
    ),
    description: Text('description', description, '欠薪的情况，可以换行'),
    evidenceIds: Type.Optional(
      Nullable(
        Type.Array(Type.String({ pattern: REPORT_LIMITS.evidenceId.source }), {
          title: describeField('evidenceIds'),
          description: `POST /api/v1/uploads 返回的 uploadId，最多 ${evidenceIds.max} 张，不能重复。带照片时须同意处理敏感个人信息（consentSensitive）`,
          maxItems: evidenceIds.max,
          uniqueItems: true,
        }),
      ),
    ),
    consentSensitive: Type.Optional(
      Nullable(
        Type.Boolean({
          title: describeField('consentSensitive'),
          description:
            '个人信息保护法第二十九条要求的单独同意：只在填写了证件号码或带了证据照片时需要，此时须为 true；不同意的，去掉证件号码和照片再提交',
        }),
      ),
    ),
    truthful: Type.Boolean({ title: describeField('truthful'), description: '反映人承诺所反映的情况真实，须为 true' }),
  },
  {
    title: '欠薪线索反映',
    description:
      '服务按与应用相同的规则逐项检查，不合格时返回 400 validation_failed，fields 按字段路径（如 reporter.mobile、evidenceIds.2）给出中文说明。文字两端的空白会去掉，全角数字按半角读。',
    additionalProperties: false,
    examples: [
      {
        kind: 'complaint',
        reporter: { name: '张小三', mobile: '13800138000' },
        employer: { name: '某某建筑劳务有限公司', uscc: '91440300708461136T' },
        districtCode: '440103',
        workAddress: '荔湾区中山八路100号',
        isConstruction: true,
        constructionProject: '荔湾新城三期',
        workersOwed: 12,
        amountYuan: '约8万',
        owedPeriod: { from: '2025-10', to: '2026-01' },
        description: '从去年十月起一直没有发工资，老板说等工程款到了再发。',
        evidenceIds: [],
        truthful: true,
      },
    ],
  },
)
export type TipReportBody = Static<typeof TipReportBody>

/** Documented, but read by the route itself, whose answers say in Chinese what is wrong. */
export const TipReportHeaders = Type.Object({
  'Idempotency-Key': Type.String({
    pattern: IDEMPOTENCY_KEY_PATTERN.source,
    description:
      '每份反映生成一次、每次重发都带同一个（8 到 100 个字母、数字、_ 或 -）。同一个键重复提交相同内容时返回第一次的结果；内容不同返回 422；第一次还在处理时返回 409',
  }),
})

export const TipReceived = Type.Object(
  {
    trackingCode: Type.String({ description: '查询码，如 K7QF-3MZP-9XRD-2WT8' }),
    accessKey: Type.Optional(Type.String({ description: '匿名反映的查询密钥，只返回这一次' })),
    deadlines: Deadlines,
  },
  { title: '已收到欠薪线索' },
)
export type TipReceived = Static<typeof TipReceived>
