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

/**
 * H5: a native select of the months a report may name, newest first. Taro's H5 Picker is not used:
 * its wheel and its 确定 / 取消 are plain divs that a keyboard cannot reach and a screen reader
 * does not announce. Phones show a native select as their own accessible list or wheel.
 * WeChat: index.weapp.tsx.
 */
export default function MonthPicker({ label, value, onChange, invalid = false, describedBy }: Props) {
  const months = reportableMonths(chinaDateOf(new Date()).slice(0, 7))
  return (
    <select
      className='pufa-tap month-picker month-picker--select'
      aria-label={label}
      aria-invalid={invalid}
      aria-describedby={describedBy}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value=''>请选择月份</option>
      {months.map((month) => (
        <option key={month} value={month}>
          {monthInWords(month)}
        </option>
      ))}
    </select>
  )
}
