// What the app and the service say about a report's fields (names, limits, the consent message), apart
// from the rule that judges a report (report.ts), which only the form and the service need.

/** 'complaint' is a real-name 投诉 by the worker owed; 'tip' is a 举报/线索, which may be anonymous. */
export type ReportKind = 'complaint' | 'tip'

export const REPORT_KIND_NAMES: Readonly<Record<ReportKind, string>> = { complaint: '投诉', tip: '举报' }

export const REPORT_LIMITS = {
  reporterName: { min: 2, max: 30 },
  employerName: { min: 2, max: 100 },
  workAddress: { min: 5, max: 200 },
  constructionProject: { min: 2, max: 100 },
  description: { min: 10, max: 2000 },
  workersOwed: { min: 1, max: 10_000 },
  evidenceIds: { max: 9 },
  evidenceId: /^[A-Za-z0-9_-]{16,64}$/,
  owedPeriodYearsBack: 10,
  /** Raw length of a coded value (mobile, ID, code, amount, month) beyond which nothing is parsed. */
  codedValueMaxLength: 64,
} as const

const FIELD_NAMES = new Map<string, string>(Object.entries({
  report: '反映内容',
  kind: '反映类型',
  reporter: '反映人信息',
  'reporter.name': '姓名',
  'reporter.mobile': '联系电话',
  'reporter.residentId': '证件号码',
  employer: '用人单位',
  'employer.name': '用人单位名称',
  'employer.uscc': '统一社会信用代码',
  districtCode: '所在区县',
  workAddress: '工作地址',
  isConstruction: '是否为工地',
  constructionProject: '工程项目名称',
  workersOwed: '被欠薪人数',
  amountYuan: '欠薪金额',
  owedPeriod: '欠薪时间段',
  'owedPeriod.from': '欠薪开始月份',
  'owedPeriod.to': '欠薪结束月份',
  description: '情况说明',
  evidenceIds: '证据照片',
  consentSensitive: '敏感个人信息处理同意',
  truthful: '真实性承诺',
}))

/** The Chinese name of a field path, for messages and for the form's labels. */
export function describeField(path: string): string {
  const known = FIELD_NAMES.get(path)
  if (known !== undefined) return known
  const evidence = /^evidenceIds\.(\d+)$/.exec(path)
  if (evidence) return `第${Number(evidence[1]) + 1}张证据照片`
  return '此项'
}

/** What the service says when an ID number or photos arrive without the separate consent. */
export const SENSITIVE_CONSENT_MISSING =
  '您填写了证件号码或者添加了证据照片，请选择是否同意处理其中的敏感个人信息；不同意的，去掉证件号码和照片，反映照样可以提交'
