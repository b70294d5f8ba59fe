import { Text, View } from '@tarojs/components'
import { a11y } from '../../../../components/a11y'
import { useSite } from '../../../../components/use-content'
import type { OutboxReport } from '../../../../core/tips/outbox'
import { monthInWords } from '../../../../core/tips/draft'
import { checkAmountYuan, formatYuan } from '../../../../core/validators/amount'
import './index.scss'

/** The amount as the service read it (约 for an estimate), or as typed if it cannot be read. */
function amountInWords(typed: string): string {
  if (typed.trim() === '') return '未填写'
  const amount = checkAmountYuan(typed)
  return amount.ok ? `${amount.value.approximate ? '约' : ''}${formatYuan(amount.value.fen)}元` : typed
}

/** What the report said, as the device keeps it: for the reporter to check what went to the bureau. */
export default function ReportSummary({ report }: { report: OutboxReport }) {
  const site = useSite()
  const { payload } = report
  const district = site.districts.find((candidate) => candidate.code === payload.districtCode)?.name
  const amount = amountInWords(String(payload.amountYuan ?? ''))
  const kind = payload.kind === 'tip' ? (payload.reporter ? '举报（留名）' : '举报（匿名）') : '投诉（实名）'
  const rows: [string, string][] = [
    ['反映类型', kind],
    ['用人单位', payload.employer.name],
    ['所在区县', district ?? payload.districtCode],
    ['欠薪金额', amount],
    ['欠薪时间', `${monthInWords(payload.owedPeriod.from)}至${monthInWords(payload.owedPeriod.to)}`],
    ['证据照片', report.photos.length === 0 ? '没有照片' : `${report.photos.length}张`],
  ]
  return (
    <View className='pufa-card report-summary'>
      <Text className='report-summary__heading' {...a11y({ role: 'heading', level: 2 })}>
        {report.state === 'sent' ? '您提交的内容' : '等待发送的内容'}
      </Text>
      {rows.map(([label, value]) => (
        <View key={label} className='report-summary__row'>
          <Text className='report-summary__label'>{label}</Text>
          <Text className='report-summary__value'>{value}</Text>
        </View>
      ))}
    </View>
  )
}
