import { Badge, Tag } from 'antd'
import type { ReactNode } from 'react'

import { REPORT_KIND_NAMES } from '../../../../src/core/tips/report-fields'
import type { TipClock, TipInboxItem } from '../../api/workspace'
import { chinaDateTime } from '../../china-time'
import { DataTable, type Column, type Paging } from '../../components/data-table'
import { hrefOf } from '../../router'
import { amountWords, clockWords } from './words'

function Clock({ clock }: { clock: TipClock | null }) {
  // No clock runs on a report that was closed or rejected, nor on a 举报 before it is accepted.
  if (clock === null) return <span className="console-muted">不计时</span>
  const late = clock.overdue || clock.workingDaysLeft < 0
  return (
    <>
      <span className={late ? 'console-clock console-clock--late' : 'console-clock'}>{clockWords(clock)}</span>
      {clock.estimated && <Tag className="console-clock__estimated">估算</Tag>}
      <div className="console-clock__deadline">
        {clock.label} {clock.date}
      </div>
    </>
  )
}

function columnsFor(showDistrict: boolean): Column<TipInboxItem>[] {
  return [
    {
      key: 'trackingCode',
      title: '查询码',
      width: 172,
      render: (item) => (
        <a className="console-code" href={hrefOf({ name: 'report', id: item.id })}>
          {item.trackingCode}
        </a>
      ),
    },
    { key: 'kind', title: '类型', width: 52, render: (item) => REPORT_KIND_NAMES[item.kind] },
    { key: 'status', title: '状态', width: 84, render: (item) => <Tag className={`console-status console-status--${item.status}`}>{item.statusName}</Tag> },
    ...(showDistrict ? [{ key: 'district', title: '区县', width: 68, render: (item: TipInboxItem) => item.districtName }] : []),
    {
      key: 'employer',
      title: '用人单位',
      render: (item) => (
        <>
          {item.employerName}
          {item.isConstruction && <Tag className="console-tag-after">建设工程</Tag>}
        </>
      ),
    },
    { key: 'workersOwed', title: '欠薪人数', width: 76, align: 'right', render: (item) => `${item.workersOwed} 人` },
    { key: 'amount', title: '金额', width: 104, align: 'right', render: (item) => amountWords(item.amountYuan, item.amountApproximate) },
    { key: 'clock', title: '办理期限', width: 168, render: (item) => <Clock clock={item.clock} /> },
    {
      key: 'unread',
      title: '未读回复',
      width: 76,
      align: 'center',
      render: (item) =>
        item.unreadReplies > 0 ? <Badge count={item.unreadReplies} title={`${item.unreadReplies} 条未读回复`} /> : <span className="console-muted">无</span>,
    },
    {
      key: 'submittedAt',
      title: '提交时间',
      width: 96,
      render: (item) => {
        const [date, time] = chinaDateTime(item.submittedAt).split(' ')
        return (
          <>
            {date}
            <br />
            {time}
          </>
        )
      },
    },
  ]
}

export function ReportTable({
  items,
  loading,
  showDistrict,
  empty,
  paging,
}: {
  items: TipInboxItem[]
  loading: boolean
  /** Whether the reports may be of several districts (not for an inspector, who has one). */
  showDistrict: boolean
  empty: ReactNode
  paging: Paging
}) {
  return <DataTable caption="反映列表" columns={columnsFor(showDistrict)} items={items} loading={loading} empty={empty} paging={paging} />
}
