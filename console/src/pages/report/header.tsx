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
      <dl className="report-header__items">
        <div className="report-header__item">
          <dt>查询码</dt>
          <dd>
            <Typography.Text copyable={{ tooltips: ['复制查询码', '已复制'] }} className="report-header__code">
              {report.trackingCode}
            </Typography.Text>
          </dd>
        </div>
        <div className="report-header__item">
          <dt>状态</dt>
          <dd>
            <Tag className={`report-header__status report-tag report-tag--${report.status}`}>{report.statusName}</Tag>
          </dd>
        </div>
        <div className="report-header__item">
          <dt>类型</dt>
          <dd>{KIND_NAMES[report.kind] ?? report.kind}</dd>
        </div>
        <div className="report-header__item">
          <dt>办理期限</dt>
          <dd>{report.clock ? <ClockText clock={report.clock} /> : report.status === 'submitted' ? '举报不适用受理期限' : '已结束，不再计时'}</dd>
        </div>
        <div className="report-header__item">
          <dt>承办人</dt>
          <dd>{report.handlerName ?? '未指定'}</dd>
        </div>
      </dl>
    </section>
  )
}
