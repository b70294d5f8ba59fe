import { auditDetailWords, type AuditNames } from '../../console/src/pages/audit/audit-words'
import { readAuditState, auditQuery, auditExportQuery } from '../../console/src/pages/audit/audit-query'

const names: AuditNames = {
  district: (code) => ({ '440103': '荔湾区' })[code] ?? code,
  staff: (id) => ({ s1: '张三' })[id],
  action: (action) => ({ export: '导出反映' })[action] ?? action,
}

describe('an audit entry in plain words', () => {
  it('says what an export held, with its reason and filters', () => {
    const detail = { format: 'xlsx', filters: { statuses: 'submitted,accepted', district: '440103', q: 'ABCD' }, count: 12, revealed: true, reason: '月度核对' }
    expect(auditDetailWords('export', detail, names)).toBe('Excel 文件，筛选条件：状态：已提交、已受理，区县：荔湾区，搜索“ABCD”，12 条，含个人信息，理由：月度核对')
  })

  it('says an export without filters and masked', () => {
    expect(auditDetailWords('export', { format: 'csv', filters: {}, count: 0, revealed: false }, names)).toBe('CSV 文件，筛选条件：无，0 条，个人信息已遮蔽')
  })

  it('says what was done to a report, from which state to which', () => {
    expect(auditDetailWords('action', { action: 'accept', from: 'submitted', to: 'accepted' }, names)).toBe('受理（立案），已提交 → 已受理')
    expect(auditDetailWords('transition', { from: 'accepted', to: 'investigating', noteToReporter: true, internalNote: false }, names)).toBe(
      '已受理 → 调查中，附给反映人的说明',
    )
  })

  it('names the filters of the audit log itself, and why a sign-in failed', () => {
    expect(auditDetailWords('audit_export', { format: 'csv', filters: { staffId: 's1', action: 'export', from: '2026-01-01' } }, names)).toBe(
      'CSV 文件，筛选条件：工作人员：张三，操作：导出反映，日期从 2026-01-01',
    )
    expect(auditDetailWords('staff_sign_in_failed', { reason: 'code_reused' }, names)).toBe('动态验证码已用过')
  })

  it('says what 立即更新 of a content source did', () => {
    const detail = { source: 'https://rsj.example.gov.cn/feed.json', outcome: 'ingested', added: 3, updated: 1, deleted: 0, rejected: 2 }
    expect(auditDetailWords('content_ingest', detail, names)).toBe('来源：https://rsj.example.gov.cn/feed.json，已读取，新增 3 条，修改 1 条，删除 0 条，未载入 2 条')
    expect(auditDetailWords('content_ingest', { ...detail, outcome: 'failed', added: 0, updated: 0, rejected: 0 }, names)).toContain('读取失败')
  })

  it('leaves ids out and shows anything unknown as it is', () => {
    expect(auditDetailWords('staff_create', { accountId: 'x', role: 'inspector', districtCode: '440103', newThing: 3 }, names)).toBe(
      '角色：劳动监察员，区县：荔湾区，newThing：3',
    )
  })
})

describe('the audit page state in the address', () => {
  it('reads the filters the service takes and writes them back the same', () => {
    const query = 'staffId=s1&action=export&tipId=t1&trackingCode=K7QF-3MZP-9XRD-2WT8&from=2026-01-01&to=2026-01-31&page=2&pageSize=100'
    const state = readAuditState(new URLSearchParams(query))
    expect(state).toEqual({ staffId: 's1', action: 'export', tipId: 't1', trackingCode: 'K7QF-3MZP-9XRD-2WT8', from: '2026-01-01', to: '2026-01-31', page: 2, pageSize: 100 })
    expect(auditQuery(state).toString()).toBe(query)
    expect(auditExportQuery(state, 'xlsx').toString()).toBe('format=xlsx&staffId=s1&action=export&tipId=t1&trackingCode=K7QF-3MZP-9XRD-2WT8&from=2026-01-01&to=2026-01-31')
  })

  it('keeps a tracking code as typed (the service reads it), trimmed, and leaves out an empty one', () => {
    expect(readAuditState(new URLSearchParams('trackingCode=+k7qf3mzp9xrd2wt8+'))).toEqual({ trackingCode: 'k7qf3mzp9xrd2wt8', page: 1, pageSize: 50 })
    expect(readAuditState(new URLSearchParams('trackingCode=++'))).toEqual({ page: 1, pageSize: 50 })
    expect(auditQuery({ trackingCode: 'k7qf3mzp9xrd2wt8', page: 1, pageSize: 50 }).toString()).toBe('trackingCode=k7qf3mzp9xrd2wt8')
  })

  it('drops an unknown action and bad paging', () => {
    expect(readAuditState(new URLSearchParams('action=drop_tables&page=-1&pageSize=5'))).toEqual({ page: 1, pageSize: 50 })
  })

  it('names the states and kinds of 投诉建议 and 纠错 in their own words', () => {
    expect(auditDetailWords('feedback_status', { feedbackId: 'f1', kind: 'question_report', from: 'open', to: 'declined', note: true }, names)).toBe(
      '题目纠错，待处理 → 不采纳，附内部备注',
    )
    expect(auditDetailWords('feedback_export', { format: 'xlsx', filters: { kind: 'complaint', status: 'handled', questionId: null }, count: 3, contacts: 1, revealed: true }, names)).toBe(
      'Excel 文件，筛选条件：类型：投诉，状态：已处理，3 条，含 1 个联系电话，含个人信息',
    )
    expect(auditDetailWords('feedback_list', { filters: { kind: 'question_report', status: null, questionId: 'q1' }, page: 1, contacts: 2, feedbackIds: ['a', 'b'] }, names)).toBe(
      '筛选条件：类型：题目纠错，一道题的纠错，page：1，含 2 个联系电话',
    )
  })
})
