import { Badge, Table, Tag } from 'antd'
import type { ReactNode } from 'react'
import type { TableProps } from 'antd'

import { REPORT_KIND_NAMES } from '../../../../src/core/tips/report'
import type { TipClock, TipInboxItem } from '../../api/workspace'
import { chinaDateTime } from '../../china-time'
import { hrefOf } from '../../router'
import { amountWords, clockWords } from './words'

function Clock({ clock }: { clock: TipClock | null }) {
  // No clock runs on a report that was closed or rejected, nor on a 举报 before it is accepted.
  if (clock === null) return <span className="console-muted">不计时</span>
  const late = clock.overdue || clock.workingDaysLeft < 0
  return (
    <div>
      <span className={late ? 'console-clock console-clock--late' : 'console-clock'}>{clockWords(clock)}</span>
      {clock.estimated && <Tag className="console-clock__estimated">估算</Tag>}
      <div className="console-clock__deadline">
        {clock.label} {clock.date}
      </div>
    </div>
  )
}

const COLUMNS: TableProps<TipInboxItem>['columns'] = [
  {
    key: 'trackingCode',
    title: '查询码',
    width: 176,
    render: (_, item) => (
      <a className="console-code" href={hrefOf({ name: 'report', id: item.id })}>
        {item.trackingCode}
      </a>
    ),
  },
  { key: 'kind', title: '类型', width: 64, render: (_, item) => REPORT_KIND_NAMES[item.kind] },
  {
    key: 'status',
    title: '状态',
    width: 96,
    render: (_, item) => <Tag className={`console-status console-status--${item.status}`}>{item.statusName}</Tag>,
  },
  { key: 'district', title: '区县', width: 88, dataIndex: 'districtName' },
  {
    key: 'employer',
    title: '用人单位',
    render: (_, item) => (
      <>
        {item.employerName}
        {item.isConstruction && <Tag className="console-tag-after">建设工程</Tag>}
      </>
    ),
  },
  { key: 'workersOwed', title: '欠薪人数', width: 84, align: 'right', render: (_, item) => `${item.workersOwed} 人` },
  { key: 'amount', title: '金额', width: 120, align: 'right', render: (_, item) => amountWords(item.amountYuan, item.amountApproximate) },
  { key: 'clock', title: '办理期限', width: 180, render: (_, item) => <Clock clock={item.clock} /> },
  {
    key: 'unread',
    title: '未读回复',
    width: 84,
    align: 'center',
    render: (_, item) =>
      item.unreadReplies > 0 ? <Badge count={item.unreadReplies} title={`${item.unreadReplies} 条未读回复`} /> : <span className="console-muted">无</span>,
  },
  { key: 'submittedAt', title: '提交时间', width: 140, render: (_, item) => chinaDateTime(item.submittedAt) },
]

export function ReportTable({
  items,
  loading,
  page,
  pageSize,
  total,
  empty,
  onPage,
}: {
  items: TipInboxItem[]
  loading: boolean
  page: number
  pageSize: number
  total: number
  empty: ReactNode
  onPage(page: number, pageSize: number): void
}) {
  return (
    <Table<TipInboxItem>
      className="console-table"
      rowKey="id"
      size="middle"
      columns={COLUMNS}
      dataSource={items}
      loading={loading}
      locale={{ emptyText: empty }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (count) => `共 ${count} 条`,
        onChange: onPage,
      }}
    />
  )
}
