import { Alert, Button, Segmented, Select, Tag } from 'antd'
import { useState } from 'react'

import { FEEDBACK_KINDS, type FeedbackKind } from '../../../../src/core/feedback'
import { FEEDBACK_KIND_NAMES, FEEDBACK_STATUS_NAMES, FEEDBACK_STATUSES, type FeedbackStatus } from '../../../../src/core/feedback-handling'
import { can } from '../../../../src/core/staff/roles'
import { feedbackExportHref, listFeedback, type FeedbackItemView } from '../../api/feedback'
import { chinaDateTime } from '../../china-time'
import { DataTable, pagingOf, type Column } from '../../components/data-table'
import { ExportButtons } from '../../export-buttons'
import { hrefWithQuery, navigate, queryOf, useHash } from '../../router'
import { useStaff } from '../../session'
import { ConsoleLayout } from '../../shell/console-layout'
import { useAnswer } from '../../use-answer'
import { FEEDBACK_PAGE_SIZES, feedbackExportQuery, feedbackQuery, readFeedbackState, type FeedbackState } from './feedback-query'
import { HandleDialog } from './handle-dialog'

const ALL = 'all'
// The reports' status colours (console.css), dark enough to read: waiting, done, not taken up.
const STATUS_CLASSES: Readonly<Record<FeedbackStatus, string>> = { open: 'submitted', handled: 'closed', declined: 'rejected' }

function show(state: FeedbackState): void {
  navigate({ name: 'feedback' }, { query: feedbackQuery(state) })
}

function ContactCell({ item }: { item: FeedbackItemView }) {
  if (!item.hasContact) return <span className="console-muted">未留</span>
  if (item.contactRevealed) return <span className="console-code">{item.contact}</span>
  return (
    <span>
      已留联系方式
      <br />
      <span className="console-code console-muted">{item.contact}</span>
    </span>
  )
}

/** 纠错和投诉建议: what residents sent (意见建议, 投诉, 题目纠错) in one inbox, newest first. */
export function FeedbackPage() {
  const staff = useStaff()
  const state = readFeedbackState(queryOf(useHash()))
  const query = feedbackQuery(state)
  const answer = useAnswer(() => listFeedback(query), query.toString())
  const [handling, setHandling] = useState<FeedbackItemView>()
  const [saved, setSaved] = useState<string>()
  const seesBank = can(staff, 'contests.manage')
  const counts = answer.value?.counts

  const statuses = [
    { value: ALL, label: '全部' },
    ...FEEDBACK_STATUSES.map((status) => ({ value: status, label: counts ? `${FEEDBACK_STATUS_NAMES[status]}（${counts[status]}）` : FEEDBACK_STATUS_NAMES[status] })),
  ]

  const columns: Column<FeedbackItemView>[] = [
    { key: 'receivedAt', title: '收到时间', width: 140, render: (item) => chinaDateTime(item.receivedAt) },
    { key: 'kind', title: '类型', width: 96, render: (item) => <Tag>{item.kindName}</Tag> },
    {
      key: 'content',
      title: '内容',
      render: (item) => (
        <div className="feedback-content">
          <p className="feedback-content__text">{item.content}</p>
          {item.questionId !== null && (
            <p className="feedback-content__question">
              题目：
              {seesBank && item.questionBank !== null ? (
                <a href={hrefWithQuery({ name: 'question-bank' }, new URLSearchParams({ bank: item.questionBank, q: item.questionId }))}>
                  {item.questionStem ?? item.questionId}
                </a>
              ) : (
                (item.questionStem ?? item.questionId)
              )}
              {item.questionStem === null && <span className="console-muted">（题库中已没有这道题）</span>}
            </p>
          )}
        </div>
      ),
    },
    { key: 'contact', title: '联系电话', width: 128, render: (item) => <ContactCell item={item} /> },
    {
      key: 'status',
      title: '状态',
      width: 200,
      render: (item) => (
        <div>
          <Tag className={`console-status console-status--${STATUS_CLASSES[item.status]}`}>{item.statusName}</Tag>
          {item.handledBy !== null && item.handledAt !== null && (
            <div className="console-clock__deadline">
              {item.handledBy} {chinaDateTime(item.handledAt)}
            </div>
          )}
          {item.note !== null && <p className="feedback-note">备注：{item.note}</p>}
        </div>
      ),
    },
    {
      key: 'actions',
      title: '操作',
      width: 80,
      render: (item) => (
        <Button size="small" onClick={() => setHandling(item)} aria-label={`处理这条${item.kindName}：${item.content.slice(0, 20)}`}>
          处理
        </Button>
      ),
    },
  ]

  return (
    <ConsoleLayout current="feedback" title="纠错和投诉建议">
      <div className="console-wide console-stack-gap">
        <div className="console-list-bar">
          <div className="console-list-bar__statuses">
            <Segmented
              aria-label="状态"
              value={state.status ?? ALL}
              options={statuses}
              onChange={(value) => show({ ...state, status: value === ALL ? undefined : (value as FeedbackStatus), page: 1 })}
            />
            <label className="feedback-kind-filter">
              <span className="console-list-bar__label">类型</span>
              <Select
                aria-label="类型"
                className="feedback-kind-filter__select"
                value={state.kind ?? ALL}
                options={[{ value: ALL, label: '全部类型' }, ...FEEDBACK_KINDS.map((kind) => ({ value: kind, label: FEEDBACK_KIND_NAMES[kind] }))]}
                onChange={(value: string) => show({ ...state, kind: value === ALL ? undefined : (value as FeedbackKind), page: 1 })}
              />
            </label>
            {state.questionId !== undefined && (
              <Tag className="console-tag-after" closable closeIcon={<span aria-label="不再只看这道题">×</span>} onClose={() => show({ ...state, questionId: undefined, page: 1 })}>
                只看一道题的纠错：{state.questionId}
              </Tag>
            )}
          </div>
          <ExportButtons what="纠错和投诉建议" hrefOf={(format) => feedbackExportHref(feedbackExportQuery(state, format))} />
        </div>
        <p className="console-muted feedback-hint">
          {can(staff, 'feedback.personal') ? '您可以看到反馈人留下的完整电话号码，每次查看都记入审计日志。' : '反馈人留下的电话号码已遮蔽；需要联系反馈人时，请联系监察督导。'}
        </p>
        <div role="status" className="console-visually-hidden">
          {saved}
        </div>
        {answer.error && (
          <Alert
            type="error"
            showIcon
            title="纠错和投诉建议没有载入"
            description={answer.error}
            action={
              <Button size="small" onClick={answer.retry}>
                重试
              </Button>
            }
          />
        )}
        <DataTable
          caption="纠错和投诉建议"
          columns={columns}
          items={answer.value?.items ?? []}
          loading={answer.loading}
          empty={answer.error ? '没有载入' : '没有符合条件的纠错或投诉建议'}
          paging={pagingOf(state, answer.value?.total ?? 0, FEEDBACK_PAGE_SIZES, show)}
        />
      </div>
      <HandleDialog
        item={handling}
        onClose={() => setHandling(undefined)}
        onSaved={(item) => {
          setHandling(undefined)
          setSaved(`已保存：${item.statusName}`)
          answer.retry()
        }}
      />
    </ConsoleLayout>
  )
}
