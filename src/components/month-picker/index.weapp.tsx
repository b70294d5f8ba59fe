import { Picker, Text, View } from '@tarojs/components'
import { a11y } from '../a11y'
import { chinaDateOf } from '../../core/calendar/working-days'
import { monthInWords, reportableMonths } from '../../core/tips/draft'
import './index.scss'

interface Props {
  label: string
  /** 'YYYY-MM', or '' when none is picked. */
  value: string
  onChange: (month: string) => void
  invalid?: boolean
  describedBy?: string
}

/** WeChat: the system's year-and-month wheel, limited to the months a report may name. */
export default function MonthPicker({ label, value, onChange }: Props) {
  const months = reportableMonths(chinaDateOf(new Date()).slice(0, 7))
  const newest = months[0]
  const shown = value === '' ? '请选择月份' : monthInWords(value)
  return (
    <Picker mode='date' fields='month' start={months[months.length - 1]} end={newest} value={value || newest} onChange={(event) => onChange(String(event.detail.value))}>
      <View className='pufa-tap month-picker' {...a11y({ role: 'button', label: `${label}：${shown}` })}>
        <Text className={value === '' ? 'pufa-muted month-picker__text' : 'month-picker__text'}>{shown}</Text>
        <Text className='month-picker__chevron' {...a11y({ hidden: true })}>
          ›
        </Text>
      </View>
    </Picker>
  )
}
