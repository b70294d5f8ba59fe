import { Button, Card, List, Popconfirm, Tag } from 'antd'
import { useState } from 'react'

import { actOn, type ReportDetail } from '../../api/reports'
import { hrefOf } from '../../router'
import { formatDateTime } from '../../format'
import { refusalWords } from './actions'

const REASON_NAMES: Record<string, string> = { uscc: '同一信用代码', employer: '同一单位', address: '同一地址' }

function ReportLink({ report }: { report: { id: string; trackingCode: string } }) {
  return <a href={hrefOf({ name: 'report', id: report.id })}>{report.trackingCode}</a>
}

/**
 * Reports about the same matter: the one this duplicates, those that duplicate this one, and
 * others that look alike (same USCC, employer or work address), which staff may mark.
 */
export function Duplicates({
  report,
  mayAct,
  onChanged,
  onRefused,
}: {
  report: ReportDetail
  mayAct: boolean
  onChanged(report: ReportDetail, text: string): void
  onRefused(text: string): void
}) {
  const { linkedTo, linkedFrom, suggestions } = report.duplicates
  const [busy, setBusy] = useState<string>()
  const mayLink = mayAct && report.allowedActions.includes('link_duplicate')
  const mayUnlink = mayAct && report.allowedActions.includes('unlink_duplicate')

  async function act(key: string, run: () => Promise<ReportDetail>, text: string) {
    setBusy(key)
    try {
      onChanged(await run(), text)
    } catch (error) {
      onRefused(refusalWords(error))
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <Card title={<h2 className="console-card-title">重复反映</h2>}>
      <div className="report-duplicates">
        <div>
          <h3 className="report-subtitle">本反映重复于</h3>
          {linkedTo ? (
            <div className="report-duplicates__row">
              <ReportLink report={linkedTo} />
              {mayUnlink && (
                <Popconfirm
                  title="取消重复标记？"
                  description={`本反映将不再标为 ${linkedTo.trackingCode} 的重复反映。`}
                  okText="取消重复"
                  cancelText="不取消"
                  onConfirm={() => void act('unlink', () => actOn(report.id, { action: 'unlink_duplicate' }), '已取消重复标记。')}
                >
                  <Button size="small" loading={busy === 'unlink'}>
                    取消重复
                  </Button>
                </Popconfirm>
              )}
            </div>
          ) : (
            <p className="report-empty">没有标为重复反映。</p>
          )}
        </div>
        <div>
          <h3 className="report-subtitle">标为本反映重复的</h3>
          {linkedFrom.length === 0 ? (
            <p className="report-empty">没有。</p>
          ) : (
            <ul className="report-plain-list">
              {linkedFrom.map((other) => (
                <li key={other.id}>
                  <ReportLink report={other} />
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="report-subtitle">可能重复的反映</h3>
          {suggestions.length === 0 ? (
            <p className="report-empty">没有发现相似的反映。</p>
          ) : (
            <List
              size="small"
              dataSource={suggestions}
              renderItem={(other) => (
                <List.Item
                  actions={
                    mayLink
                      ? [
                          <Button
                            key="link"
                            size="small"
                            loading={busy === other.id}
                            aria-label={`标记为重复：与 ${other.trackingCode} 重复`}
                            onClick={() => void act(other.id, () => actOn(report.id, { action: 'link_duplicate', of: other.id }), `已标记为 ${other.trackingCode} 的重复反映。`)}
                          >
                            标记为重复
                          </Button>,
                        ]
                      : []
                  }
                >
                  <div className="report-duplicates__row">
                    <ReportLink report={other} />
                    <span>{other.statusName}</span>
                    <span>{formatDateTime(other.submittedAt)}</span>
                    {other.reasons.map((reason) => (
                      <Tag key={reason}>{REASON_NAMES[reason] ?? reason}</Tag>
                    ))}
                  </div>
                </List.Item>
              )}
            />
          )}
        </div>
      </div>
    </Card>
  )
}
