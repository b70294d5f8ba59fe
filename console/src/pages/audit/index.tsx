import { Alert, Button, DatePicker, Form, Input, Select, Tag } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'

import { AUDIT_ACTION_NAMES, AUDIT_ACTIONS, auditActionName } from '../../../../src/core/staff/audit-actions'
import { can, STAFF_ROLE_NAMES } from '../../../../src/core/staff/roles'
import { districtName } from '../../api/site'
import { auditExportHref, listAudit, readStaffDirectory, type AuditEntryView, type StaffDirectory } from '../../api/workspace'
import { chinaDateTime } from '../../china-time'
import { DataTable, pagingOf, type Column } from '../../components/data-table'
import { ExportButtons } from '../../export-buttons'
import { hrefOf, navigate, queryOf, useHash } from '../../router'
import { useSession, useStaff } from '../../session'
import { ConsoleLayout } from '../../shell/console-layout'
import { useAnswer } from '../../use-answer'
import { AUDIT_PAGE_SIZES, auditExportQuery, auditQuery, readAuditState, type AuditState } from './audit-query'
import { auditDetailWords, type AuditNames } from './audit-words'
import { useKeyedEffect } from '../../use-keyed-effect'

const ALL = 'all'

interface FilterFields {
  staffId: string
  action: string
  trackingCode: string
  from: Dayjs | null
  to: Dayjs | null
}

function fieldsOf(state: AuditState): FilterFields {
  return {
    staffId: state.staffId ?? ALL,
    action: state.action ?? ALL,
    trackingCode: state.trackingCode ?? '',
    from: state.from ? dayjs(state.from) : null,
    to: state.to ? dayjs(state.to) : null,
  }
}

function show(state: AuditState): void {
  navigate({ name: 'audit' }, { query: auditQuery(state) })
}

/** 审计日志: who read or changed what, newest first. */
export function AuditPage() {
  const staff = useStaff()
  const { site } = useSession()
  const state = readAuditState(queryOf(useHash()))
  const query = auditQuery(state)
  const answer = useAnswer(() => listAudit(query), query.toString())
  const [directory, setDirectory] = useState<StaffDirectory>([])
  const [form] = Form.useForm<FilterFields>()
  const shown = JSON.stringify(fieldsOf(state))

  // The filter does without names rather than hold the log up for them.
  useEffect(() => {
    readStaffDirectory().then(setDirectory, () => undefined)
  }, [])
  useKeyedEffect(() => form.setFieldsValue(fieldsOf(state)), shown)

  const names: AuditNames = {
    district: (code) => districtName(site, code),
    staff: (id) => directory.find((member) => member.id === id)?.name,
    action: auditActionName,
  }
  const readsReports = can(staff, 'reports.read')
  const actions = answer.value?.actions ?? AUDIT_ACTIONS.map((action) => ({ action, actionName: AUDIT_ACTION_NAMES[action] }))
  const onlyReport = state.tipId === undefined ? undefined : (answer.value?.items.find((entry) => entry.tipId === state.tipId)?.trackingCode ?? '')

  const columns: Column<AuditEntryView>[] = [
    { key: 'at', title: '时间', width: 150, render: (entry) => chinaDateTime(entry.at) },
    {
      key: 'staff',
      title: '工作人员',
      width: 150,
      // No staff member: the operator, with the service's command line.
      render: (entry) => entry.staffName ?? (entry.staffId === null ? '系统管理员（命令行）' : '（已不在名单中）'),
    },
    { key: 'action', title: '操作', width: 150, render: (entry) => entry.actionName },
    {
      key: 'report',
      title: '反映',
      width: 176,
      render: (entry) =>
        entry.tipId === null ? (
          <span className="console-muted">—</span>
        ) : readsReports ? (
          <a className="console-code" href={hrefOf({ name: 'report', id: entry.tipId })}>
            {entry.trackingCode ?? '（已清除）'}
          </a>
        ) : (
          <span className="console-code">{entry.trackingCode ?? '（已清除）'}</span>
        ),
    },
    { key: 'detail', title: '详情', render: (entry) => auditDetailWords(entry.action, entry.detail, names) },
  ]

  return (
    <ConsoleLayout current="audit" title="审计日志">
      <div className="console-wide console-stack-gap">
        <Form<FilterFields>
          form={form}
          className="console-filters"
          layout="vertical"
          initialValues={fieldsOf(state)}
          onFinish={(fields) =>
            show({
              ...state,
              staffId: fields.staffId === ALL ? undefined : fields.staffId,
              action: fields.action === ALL ? undefined : (fields.action as AuditState['action']),
              trackingCode: fields.trackingCode?.trim() || undefined,
              from: fields.from?.format('YYYY-MM-DD'),
              to: fields.to?.format('YYYY-MM-DD'),
              page: 1,
            })
          }
        >
          <Form.Item name="staffId" label="工作人员">
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={[
                { value: ALL, label: '全部工作人员' },
                ...directory.map((member) => ({ value: member.id, label: `${member.name}（${STAFF_ROLE_NAMES[member.role]}）` })),
              ]}
            />
          </Form.Item>
          <Form.Item name="action" label="操作">
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={[{ value: ALL, label: '全部操作' }, ...actions.map(({ action, actionName }) => ({ value: action, label: actionName }))]}
            />
          </Form.Item>
          <Form.Item name="trackingCode" label="查询码">
            <Input maxLength={64} autoComplete="off" spellCheck={false} placeholder="如 K7QF-3MZP-9XRD-2WT8" />
          </Form.Item>
          <Form.Item name="from" label="日期从">
            <DatePicker className="console-filters__date" />
          </Form.Item>
          <Form.Item name="to" label="日期到">
            <DatePicker className="console-filters__date" />
          </Form.Item>
          <div className="console-filters__buttons">
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button onClick={() => show({ page: 1, pageSize: state.pageSize })}>重置</Button>
          </div>
        </Form>
        <div className="console-list-bar">
          <div>
            {onlyReport !== undefined && (
              <Tag closable closeIcon={<span aria-label="不再只看这件反映">×</span>} onClose={() => show({ ...state, tipId: undefined, page: 1 })}>
                只看一件反映{onlyReport ? `：${onlyReport}` : ''}
              </Tag>
            )}
          </div>
          <ExportButtons what="审计日志" hrefOf={(format) => auditExportHref(auditExportQuery(state, format))} />
        </div>
        {answer.error && (
          <Alert
            type="error"
            showIcon
            title="审计日志没有载入"
            description={answer.error}
            action={
              <Button size="small" onClick={answer.retry}>
                重试
              </Button>
            }
          />
        )}
        <DataTable
          caption="审计日志"
          columns={columns}
          items={answer.value?.items ?? []}
          loading={answer.loading}
          empty={answer.error ? '没有载入' : '没有符合条件的记录'}
          paging={pagingOf(state, answer.value?.total ?? 0, AUDIT_PAGE_SIZES, show)}
        />
      </div>
    </ConsoleLayout>
  )
}
