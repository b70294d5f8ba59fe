import { Card, Timeline } from 'antd'

import { closeMethodName } from '../../../../src/core/tips/outcome'
import type { ReportDetail } from '../../api/reports'
import { districtName } from '../../api/site'
import { formatDate, formatDateTime, formatYuan } from '../../format'
import { useSession } from '../../session'

type Entry = ReportDetail['timeline'][number]

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** The words of an entry's detail that staff need: the approver of an extension, where a transfer went, the report it duplicates. */
function useDetailWords(): (entry: Entry) => string[] {
  const { site } = useSession()
  return (entry) => {
    const detail: Record<string, unknown> = entry.detail
    const words: string[] = []
    const approver = text(detail.approver)
    if (approver) words.push(`审批人：${approver}`)
    const from = text(detail.fromDistrict) ?? text(detail.from)
    const to = text(detail.toDistrict) ?? text(detail.to)
    if (from && to) words.push(`从${districtName(site, from)}转到${districtName(site, to)}`)
    const filedOn = text(detail.filedOn)
    if (filedOn) words.push(`立案日期：${formatDate(filedOn)}`)
    const of = text(detail.ofTrackingCode) ?? text(detail.trackingCode)
    if (of) words.push(`与 ${of} 重复`)
    const method = text(detail.method)
    if (method) words.push(`处理方式：${closeMethodName(method)}`)
    const recovered = detail.recoveredYuan
    if (typeof recovered === 'string' || typeof recovered === 'number') words.push(`追回金额：${formatYuan(recovered)}`)
    if (typeof detail.workersPaid === 'number') words.push(`已支付工资的人数：${detail.workersPaid} 人`)
    const note = text(detail.note)
    if (note) words.push(`说明：${note}`)
    return words
  }
}

/** What was done to the report, oldest first: the action, who, when, and what the reporter was told. */
export function ReportTimeline({ timeline }: { timeline: ReportDetail['timeline'] }) {
  const detailWords = useDetailWords()
  return (
    <Card title={<h2 className="console-card-title">办理记录</h2>}>
      <Timeline
        className="report-timeline"
        items={timeline.map((entry, index) => ({
          key: `${entry.at}-${index}`,
          content: (
            <div className="report-timeline__entry">
              <div className="report-timeline__what">
                <strong>{entry.actionName}</strong>
                <span>（{entry.statusName}）</span>
                <span className="report-timeline__who">
                  {entry.staffName ?? (entry.action === 'submit' ? '反映人' : '系统')} · {formatDateTime(entry.at)}
                </span>
              </div>
              {detailWords(entry).map((words) => (
                <div key={words} className="report-text">
                  {words}
                </div>
              ))}
              {entry.noteToReporter && <div className="report-text report-timeline__note">给反映人的说明：{entry.noteToReporter}</div>}
            </div>
          ),
        }))}
      />
    </Card>
  )
}
