import { Tag, Typography } from 'antd'

import type { ReportDetail } from '../../api/reports'
import { formatDate } from '../../format'


export const KIND_NAMES: Record<string, string> = { complaint: '投诉', tip: '举报' }

/** The legal clock in words: working days left, due today, or overdue (red); 估算 when the holiday calendar does not reach the date yet. */
export function ClockText({ clock }: { clock: NonNullable<ReportDetail['clock']> }) {
  const left = clock.workingDaysLeft
  const standing = clock.overdue ? `已超期${-left}个工作日` : left === 0 ? '今天到期' : `剩余${left}个工作日`
  return (
    <span className={clock.overdue ? 'report-clock report-clock--overdue' : 'report-clock'}>
      {clock.label}：{formatDate(clock.date)}
      {clock.estimated && <span className="report-clock__estimate">（估算）</span>}，{standing}
    </span>
  )
}

/** Which report, where it stands, its clock and who handles it. */
export function ReportHeader({ report }: { report: ReportDetail }) {
  return (
    <section className="report-header" aria-label="反映概况">
      <div className="report-header__code">
        <span className="report-header__label">查询码</span>
        <Typography.Text copyable={{ tooltips: ['复制查询码', '已复制'] }} className="report-header__value">
          {report.trackingCode}
        </Typography.Text>
      </div>
      <Tag className={`report-header__status report-tag report-tag--${report.status}`}>
        {report.statusName}
      </Tag>
      <span>
        <span className="report-header__label">类型</span>
        {KIND_NAMES[report.kind] ?? report.kind}
      </span>
      <span>
        <span className="report-header__label">办理期限</span>
        {report.clock ? <ClockText clock={report.clock} /> : <span>{report.status === 'submitted' ? '举报不适用受理期限' : '已结束，不再计时'}</span>}
      </span>
      <span>
        <span className="report-header__label">承办人</span>
        {report.handlerName ?? '未指定'}
      </span>
    </section>
  )
}
