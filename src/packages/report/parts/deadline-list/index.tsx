import { Text, View } from '@tarojs/components'
import { a11y } from '../../../../components/a11y'
import { ESTIMATE_NOTE } from '../../../../core/calendar/holiday-rules'
import {
  ACCEPTANCE_CITATION,
  ACCEPTANCE_WORKING_DAYS,
  EXTENSION_WORKING_DAYS,
  INVESTIGATION_CITATION,
  INVESTIGATION_WORKING_DAYS,
  type ReportDeadlines,
} from '../../../../core/tips/deadlines'
import { formatChineseDate } from '../../../../core/format-date'
import './index.scss'

const ROWS: { key: keyof ReportDeadlines; title: string; rule: string; citation: string }[] = [
  { key: 'acceptBy', title: '受理', rule: `收到反映后${ACCEPTANCE_WORKING_DAYS}个工作日内`, citation: ACCEPTANCE_CITATION },
  { key: 'investigateBy', title: '调查', rule: `立案之日起${INVESTIGATION_WORKING_DAYS}个工作日内完成`, citation: INVESTIGATION_CITATION },
  {
    key: 'extendedBy',
    title: '延长调查',
    rule: `情况复杂的，经负责人批准可延长${EXTENSION_WORKING_DAYS}个工作日`,
    citation: INVESTIGATION_CITATION,
  },
]

interface Props {
  deadlines: ReportDeadlines
  /** Where each running deadline stands today, e.g. 「剩余3个工作日」. */
  standings?: Partial<Record<keyof ReportDeadlines, string>>
  /** Not yet accepted: the investigation dates count from the last day for acceptance. */
  fromLatestAcceptance: boolean
}

/** The legal clock: each deadline's rule, its date, and the article that sets it. */
export default function DeadlineList({ deadlines, standings = {}, fromLatestAcceptance }: Props) {
  const estimated = ROWS.some((row) => !deadlines[row.key].covered)
  return (
    <View className='pufa-card deadline-list'>
      <Text className='deadline-list__heading' {...a11y({ role: 'heading', level: 2 })}>
        办理期限
      </Text>
      {ROWS.map((row) => {
        const { date, covered } = deadlines[row.key]
        const standing = standings[row.key]
        return (
          <View key={row.key} className='deadline-list__row'>
            <View className='deadline-list__line'>
              <Text className='deadline-list__title'>{row.title}</Text>
              <Text className='deadline-list__date'>
                最迟{formatChineseDate(date)}
                {covered ? '' : '（估算）'}
              </Text>
            </View>
            {standing ? <Text className='deadline-list__standing'>{standing}</Text> : null}
            <Text className='pufa-muted'>
              {row.rule}（{row.citation}）
            </Text>
          </View>
        )
      })}
      {fromLatestAcceptance ? <Text className='pufa-muted deadline-list__note'>受理前，调查期限按最迟受理日推算。</Text> : null}
      {estimated ? (
        <Text className='pufa-muted deadline-list__note'>{ESTIMATE_NOTE}</Text>
      ) : null}
    </View>
  )
}
