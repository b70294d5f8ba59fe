import { Text, View } from '@tarojs/components'
import { a11y } from '../../../../components/a11y'
import { ESTIMATE_NOTE } from '../../../../core/calendar/holiday-rules'
import { DEADLINE_RULES, TIP_DEADLINE_NOTE, type ApplicableDeadlines } from '../../../../core/tips/deadlines'
import { formatChineseDate } from '../../../../core/format-date'
import type { ReportKind } from '../../../../core/tips/report-fields'
import './index.scss'

const ROWS = DEADLINE_RULES

interface Props {
  kind: ReportKind
  deadlines: ApplicableDeadlines
  /** The China date the report was accepted (立案), once it was. */
  acceptedOn?: string | null
  /** Where each running deadline stands today, e.g. 「剩余3个工作日」. */
  standings?: Partial<Record<keyof ApplicableDeadlines, string>>
}

/**
 * The legal clock of a report still open: each deadline that applies, its date and the article
 * that sets it. A 举报 has no acceptance term; before it is accepted only the rule is shown.
 */
export default function DeadlineList({ kind, deadlines, acceptedOn = null, standings = {} }: Props) {
  const rows = ROWS.filter((row) => deadlines[row.key] !== null)
  const estimated = rows.some((row) => deadlines[row.key]?.covered === false)
  const accepted = acceptedOn !== null

  return (
    <View className='pufa-card deadline-list'>
      <Text className='deadline-list__heading' {...a11y({ role: 'heading', level: 2 })}>
        办理期限
      </Text>
      {rows.map((row) => {
        const deadline = deadlines[row.key]
        if (deadline === null) return null
        const acceptanceDone = row.key === 'acceptBy' && accepted
        const standing = acceptanceDone ? undefined : standings[row.key]
        return (
          <View key={row.key} className='deadline-list__row'>
            <View className='deadline-list__line'>
              <Text className='deadline-list__title'>{row.title}</Text>
              <Text className='deadline-list__date'>
                {acceptanceDone ? `已于${formatChineseDate(acceptedOn)}受理` : `最迟${formatChineseDate(deadline.date)}${deadline.covered ? '' : '（估算）'}`}
              </Text>
            </View>
            {standing ? <Text className='deadline-list__standing'>{standing}</Text> : null}
            <Text className='pufa-muted'>
              {row.rule}（{row.citation}）
            </Text>
          </View>
        )
      })}
      {kind === 'tip' && !accepted ? (
        <Text className='deadline-list__note'>{TIP_DEADLINE_NOTE}</Text>
      ) : null}
      {kind === 'complaint' && !accepted ? (
        <Text className='pufa-muted deadline-list__note'>受理前，调查期限按最迟受理日推算；受理后从受理之日起计算。</Text>
      ) : null}
      {estimated ? (
        <Text className='pufa-muted deadline-list__note'>{ESTIMATE_NOTE}</Text>
      ) : null}
    </View>
  )
}
