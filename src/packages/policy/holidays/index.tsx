import { Text, View } from '@tarojs/components'
import PageShell from '../../../components/page-shell'
import { a11y } from '../../../components/a11y'
import { useContent } from '../../../components/use-content'
import { weekdayOf } from '../../../core/calendar/day'
import { dateRuns, holidaySchedule, type HolidayPeriod, type HolidaySchedule } from '../../../core/calendar/holiday-schedule'
import { ESTIMATE_METHOD, FESTIVAL_NAMES, hasStatutoryDays } from '../../../core/calendar/holiday-rules'
import { chinaDateOf } from '../../../core/calendar/working-days'
import type { HolidayCalendar } from '../../../core/content/model'
import './index.scss'

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
const STATUTORY_PAY = '加班工资不低于工资的300%'
const REST_DAY_PAY = '可以安排补休；不能补休的，加班工资不低于工资的200%'

// Checked against the law texts: 放假办法 arts. 2, 6, 7 (2024 revision); 劳动法 art. 44 (二), (三).
const RULES = [
  {
    title: '法定节假日',
    text:
      '《全国年节及纪念日放假办法》第二条规定的节日放假日，每年13天：元旦1天（1月1日），春节4天（农历除夕、正月初一至初三），' +
      '清明节1天（农历清明当日），劳动节2天（5月1日、2日），端午节1天（农历端午当日），中秋节1天（农历中秋当日），国庆节3天（10月1日至3日）。' +
      '法定休假日安排劳动者工作的，支付不低于工资的300%的工资报酬（《中华人民共和国劳动法》第四十四条第三项）。',
  },
  {
    title: '休息日',
    text:
      '放假安排中的其他放假日，是周末，或者调休、补假形成的休息日。休息日安排劳动者工作又不能安排补休的，' +
      '支付不低于工资的200%的工资报酬（《中华人民共和国劳动法》第四十四条第二项）。',
  },
  {
    title: '补假和调休',
    text:
      '节日适逢周六、周日的，应当在工作日补假（《全国年节及纪念日放假办法》第六条）。' +
      '节日可以合理安排统一放假调休（同办法第七条），每年的安排以国务院办公厅公布的通知为准，通知中安排上班的周末是调休上班日。',
  },
]

/** '2月16日（周一）'; with the year when the date lies outside the schedule's own year. */
function dayText(date: string, year: number): string {
  const [dateYear, month, day] = date.split('-').map(Number)
  return `${dateYear === year ? '' : `${dateYear}年`}${month}月${day}日（${WEEKDAYS[weekdayOf(date)]}）`
}

function datesText(dates: string[], year: number): string {
  return dateRuns(dates)
    .map(([first, last]) => (first === last ? dayText(first, year) : `${dayText(first, year)}至${dayText(last, year)}`))
    .join('、')
}

/** Every year with a synced notice, and this year and next estimated while theirs is not out: this year first, earlier years last; only years whose statutory days are known. */
function schedulesToShow(notices: readonly HolidayCalendar[], today: string): HolidaySchedule[] {
  const thisYear = Number(today.slice(0, 4))
  const years = new Set(notices.map((notice) => notice.year))
  years.add(thisYear)
  years.add(thisYear + 1)
  const order = (year: number) => (year >= thisYear ? year - thisYear : thisYear - year + 10_000)
  return [...years]
    .filter(hasStatutoryDays)
    .sort((a, b) => order(a) - order(b))
    .map((year) => holidaySchedule(year, notices.find((notice) => notice.year === year) ?? null))
}

export default function HolidaysPage() {
  const notices = useContent('calendar').map((item) => item.data)
  const schedules = schedulesToShow(notices, chinaDateOf(new Date()))
  return (
    <PageShell title='节假日与加班工资' lead='每年哪些日子是法定节假日、哪些是休息日，这些日子上班的加班工资怎么算；法律依据在页面最后。'>
      {schedules.map((schedule) => (
        <YearCard key={schedule.year} schedule={schedule} />
      ))}
      <View className='pufa-card'>
        <Text className='holidays__heading' {...a11y({ role: 'heading', level: 2 })}>
          加班工资怎么算
        </Text>
        {RULES.map((rule) => (
          <View key={rule.title} className='holidays__rule'>
            <Text className='holidays__rule-title'>{rule.title}</Text>
            <Text className='holidays__paragraph'>{rule.text}</Text>
          </View>
        ))}
      </View>
    </PageShell>
  )
}

function YearCard({ schedule }: { schedule: HolidaySchedule }) {
  const { year, source } = schedule
  return (
    <View className='pufa-card'>
      <Text className='holidays__heading' {...a11y({ role: 'heading', level: 2 })}>
        {source === null ? `${year}年（估算）` : `${year}年`}
      </Text>
      {source === null ? (
        <Text className='holidays__paragraph holidays__estimate'>
          国务院办公厅还没有公布{year}年的放假安排，{ESTIMATE_METHOD}
        </Text>
      ) : (
        <Text className='pufa-muted'>依据：国务院办公厅放假安排通知（{source}）</Text>
      )}
      {schedule.periods.map((period) => (
        <Period key={period.days[0].date} period={period} year={year} estimated={source === null} />
      ))}
      <View className='holidays__period'>
        <Text className='holidays__festival' {...a11y({ role: 'heading', level: 3 })}>
          调休上班
        </Text>
        <Text className='holidays__paragraph'>
          {source === null ? '要等放假安排公布，这里不估算。' : schedule.workdays.length > 0 ? datesText(schedule.workdays, year) : '这一年没有调休上班日。'}
        </Text>
      </View>
    </View>
  )
}

function Period({ period, year, estimated }: { period: HolidayPeriod; year: number; estimated: boolean }) {
  const statutory = period.days.filter((day) => day.statutory).map((day) => day.date)
  const others = period.days.filter((day) => !day.statutory).map((day) => day.date)
  const name = period.festivals.length > 0 ? period.festivals.map((festival) => FESTIVAL_NAMES[festival]).join('、') : '放假'
  return (
    <View className='holidays__period'>
      <Text className='holidays__festival' {...a11y({ role: 'heading', level: 3 })}>
        {name}
      </Text>
      {statutory.length > 0 ? (
        <View className='holidays__days'>
          <Text className='holidays__kind'>法定节假日：{datesText(statutory, year)}</Text>
          <Text className='pufa-muted'>{STATUTORY_PAY}</Text>
        </View>
      ) : null}
      {others.length > 0 ? (
        <View className='holidays__days'>
          <Text className='holidays__kind'>
            {estimated ? '补假' : '休息日'}：{datesText(others, year)}
          </Text>
          <Text className='pufa-muted'>{estimated ? `补假日是休息日，${REST_DAY_PAY}` : REST_DAY_PAY}</Text>
        </View>
      ) : null}
    </View>
  )
}
