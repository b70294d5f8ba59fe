import { Alert, Button, Checkbox, Segmented, Space } from 'antd'

import { can } from '../../../../src/core/staff/roles'
import { TIP_STATUS_NAMES, TIP_STATUSES, type TipStatus } from '../../../../src/core/tips/status'
import type { InboxView } from '../../../../server/admin/workspace.schemas'
import { listReports, reportsExportHref, type TipInbox } from '../../api/workspace'
import { pagingOf } from '../../components/data-table'
import { ExportButtons } from '../../export-buttons'
import { navigate, queryOf, useHash } from '../../router'
import { useSession, useStaff } from '../../session'
import { ConsoleLayout } from '../../shell/console-layout'
import { useAnswer } from '../../use-answer'
import { InboxFilters } from './inbox-filters'
import { exportQuery, inboxQuery, isFiltered, PAGE_SIZES, readInboxState, type InboxState } from './inbox-query'
import { ReportTable } from './report-table'

const ALL_VIEW = 'all'
const VIEW_NAMES: readonly [InboxView, string, keyof TipInbox['views']][] = [
  ['mine', '我的待办', 'mine'],
  ['due_soon', '即将超期', 'dueSoon'],
  ['overdue', '已超期', 'overdue'],
]

function show(state: InboxState): void {
  navigate({ name: 'reports' }, { query: inboxQuery(state) })
}

/** 反映办理: the reports in the staff member's scope, the most urgent first. */
export function ReportsPage() {
  const staff = useStaff()
  const { site } = useSession()
  const state = readInboxState(queryOf(useHash()))
  const query = inboxQuery(state)
  const answer = useAnswer(() => listReports(query), query.toString())
  const inbox = answer.value

  const views = [
    ...VIEW_NAMES.map(([view, name, count]) => ({ value: view, label: inbox ? `${name}（${inbox.views[count]}）` : name })),
    { value: ALL_VIEW, label: '全部' },
  ]
  const empty = isFiltered(state) ? (
    <div className="console-empty">
      <p>没有符合条件的反映</p>
      <Button onClick={() => show({ statuses: [], view: state.view, page: 1, pageSize: state.pageSize })}>清除筛选条件</Button>
    </div>
  ) : (
    <div className="console-empty">
      <p>暂无反映</p>
    </div>
  )

  return (
    <ConsoleLayout current="reports" title="反映办理">
      <Space orientation="vertical" size="middle" className="console-wide">
        <Segmented
          aria-label="视图"
          value={state.view ?? ALL_VIEW}
          options={views}
          onChange={(value) => show({ ...state, view: value === ALL_VIEW ? undefined : (value as InboxView), page: 1 })}
        />
        <InboxFilters state={state} districts={staff.districtCode === null ? site?.districts : undefined} onChange={show} />
        <div className="console-list-bar">
          <div role="group" aria-label="按状态筛选" className="console-list-bar__statuses">
            <span className="console-list-bar__label">状态：</span>
            <Checkbox.Group<TipStatus>
              value={state.statuses}
              onChange={(statuses) => show({ ...state, statuses, page: 1 })}
              options={TIP_STATUSES.map((status) => ({
                value: status,
                label: inbox ? `${TIP_STATUS_NAMES[status]}（${inbox.counts[status]}）` : TIP_STATUS_NAMES[status],
              }))}
            />
          </div>
          {can(staff, 'reports.export') && (
            <ExportButtons
              what="反映列表"
              revealable={can(staff, 'reports.personal')}
              hrefOf={(format, reveal) => reportsExportHref(exportQuery(state, format, reveal))}
            />
          )}
        </div>
        {answer.error && (
          <Alert
            type="error"
            showIcon
            title="反映列表没有载入"
            description={answer.error}
            action={
              <Button size="small" onClick={answer.retry}>
                重试
              </Button>
            }
          />
        )}
        <ReportTable
          items={inbox?.items ?? []}
          loading={answer.loading}
          showDistrict={staff.districtCode === null}
          empty={answer.error ? '没有载入' : empty}
          paging={pagingOf(state, inbox?.total ?? 0, PAGE_SIZES, show)}
        />
        <p className="console-note">
          “估算”：期限所在的日子官方还没有公布放假安排，先按法定节假日推算，公布后自动更新。“即将超期”指 5 个工作日内到期。
        </p>
      </Space>
    </ConsoleLayout>
  )
}
