// Words and times of the contest pages.
import type { AdminContestView } from '../../api/contests'

export const STATUS_NAMES: Readonly<Record<AdminContestView['status'], string>> = { upcoming: '未开始', open: '进行中', closed: '已结束' }

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

/** An instant as the value of a datetime-local field in China time: 2026-12-01T09:00. */
export function chinaLocalOf(instant: string): string {
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) return ''
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16)
}

/** A datetime-local value read as China time, as the service takes it: 2026-12-01T09:00:00+08:00. */
export function instantOfChinaLocal(local: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00+08:00` : local
}

/** The draw rule in words: 混合抽取 10 题 / 劳动关系 2 题、工资支付 1 题. */
export function drawRuleWords(contest: Pick<AdminContestView, 'drawRule' | 'questionCount'>): string {
  const { drawRule } = contest
  if (drawRule.kind === 'mixed' || !drawRule.counts) return `从竞赛题库混合抽取 ${contest.questionCount} 题`
  return `按分类抽取：${drawRule.counts.map(({ category, count }) => `${category} ${count} 题`).join('、')}`
}

/** Seconds as 10 分钟 / 1 分 30 秒 / 45 秒. */
export function durationWords(seconds: number): string {
  const minutes = Math.floor(seconds / 60)
  const rest = Math.round(seconds % 60)
  if (minutes === 0) return `${rest} 秒`
  return rest === 0 ? `${minutes} 分钟` : `${minutes} 分 ${rest} 秒`
}

/** A share 0…1 as a percentage with one decimal: 66.7%. */
export function percentWords(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`
}

const CLOCK = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })

/** An instant's time of day in China: 14:05:09. */
export function clockTime(instant: string): string {
  return CLOCK.format(new Date(instant))
}
