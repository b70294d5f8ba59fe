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

/**
 * The words staff need from an entry: the filing date, the approver of the extension (kept with
 * the report, not in the entry), where a transfer went, the report it duplicates, the outcome.
 */
function useDetailWords(report: ReportDetail): (entry: Entry) => string[] {
  const { site } = useSession()
  const { linkedTo, linkedFrom, suggestions } = report.duplicates
  const trackingCodeOf = (id: string) => [linkedTo, ...linkedFrom, ...suggestions].find((other) => other?.id === id)?.trackingCode
  return (entry) => {
    const { detail } = entry
    const words: string[] = []
    const filedOn = text(detail.filedOn)
    if (filedOn) words.push(`立案日期：${formatDate(filedOn)}`)
    if (entry.action === 'extend' && report.extension) words.push(`审批人：${report.extension.approver}`)
    const from = text(detail.fromDistrict)
    const to = text(detail.toDistrict)
    if (from && to) words.push(`从${districtName(site, from)}转到${districtName(site, to)}`)
    const of = text(detail.of)
    const ofCode = of === undefined ? undefined : trackingCodeOf(of)
    if (ofCode) words.push(entry.action === 'unlink_duplicate' ? `原标为 ${ofCode} 的重复` : `与 ${ofCode} 重复`)
    const method = text(detail.method)
    if (method) words.push(`处理方式：${closeMethodName(method)}`)
    if (typeof detail.recoveredFen === 'number') words.push(`追回金额：${formatYuan((detail.recoveredFen / 100).toFixed(2))}`)
    if (typeof detail.workersPaid === 'number') words.push(`已支付工资的人数：${detail.workersPaid} 人`)
    return words
  }
}

/** What was done to the report, oldest first: the action, who, when, and what the reporter was told. */
export function ReportTimeline({ report }: { report: ReportDetail }) {
  const detailWords = useDetailWords(report)
  const { timeline } = report
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
