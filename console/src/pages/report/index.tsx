import { Alert, Button, Result, Spin } from 'antd'
import { useCallback, useEffect, useState } from 'react'

import { can } from '../../../../src/core/staff/roles'
import { ApiError } from '../../api/client'
import { readReport, type ReportDetail } from '../../api/reports'
import { ConsoleLayout } from '../../shell/console-layout'
import { useStaff } from '../../session'
import { ReportActions } from './actions'
import { Conversation } from './conversation'
import { Duplicates } from './duplicates'
import { EvidencePhotos } from './evidence'
import { ReportFacts } from './facts'
import { ReportHeader } from './header'
import { InternalNotes } from './notes'
import { ReportTimeline } from './timeline'

/** What the page says above the report after an action: done, or refused in the service's words. */
export type Outcome = { type: 'success' | 'error'; text: string; key: number }

type Loaded = { status: 'loading' } | { status: 'failed'; error: ApiError | undefined } | { status: 'loaded'; report: ReportDetail }

/** #/reports/:id — one report: what was reported, what was done, and what can be done now. */
export function ReportPage({ id }: { id: string }) {
  const staff = useStaff()
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [outcome, setOutcome] = useState<Outcome>()

  const load = useCallback(async () => {
    try {
      setLoaded({ status: 'loaded', report: await readReport(id) })
    } catch (error) {
      const failure = error instanceof ApiError ? error : undefined
      // A report already shown stays shown when it could not be read again, unless it is gone from sight (transferred away).
      setLoaded((previous) => (previous.status === 'loaded' && failure?.status !== 404 ? previous : { status: 'failed', error: failure }))
    }
  }, [id])

  useEffect(() => {
    void load()
  }, [load])

  /** After an action: the report as the service answered, and the words for the page. */
  const changed = useCallback((report: ReportDetail, text: string) => {
    setLoaded({ status: 'loaded', report })
    setOutcome((previous) => ({ type: 'success', text, key: (previous?.key ?? 0) + 1 }))
  }, [])

  /** The service refused (409: someone else changed it first, or the state no longer allows it): its words, and the report as it is now. */
  const refused = useCallback(
    (text: string) => {
      setOutcome((previous) => ({ type: 'error', text, key: (previous?.key ?? 0) + 1 }))
      void load()
    },
    [load],
  )

  const title = '反映详情'
  if (loaded.status === 'loading') {
    return (
      <ConsoleLayout current="reports" title={title}>
        <div className="console-waiting console-spin-space">
          <Spin size="large" />
        </div>
      </ConsoleLayout>
    )
  }
  if (loaded.status === 'failed') {
    const missing = loaded.error?.status === 404
    return (
      <ConsoleLayout current="reports" title={title}>
        <Result
          status={missing ? '404' : 'error'}
          title={missing ? '没有找到这份反映' : '反映没有打开'}
          subTitle={missing ? '它可能不存在，或者不在您负责的区域内。' : (loaded.error?.message ?? '出现了意外的错误，请刷新页面后再试')}
          extra={
            missing ? (
              <a href="#/reports">返回反映列表</a>
            ) : (
              <Button type="primary" onClick={() => void load()}>
                再试一次
              </Button>
            )
          }
        />
      </ConsoleLayout>
    )
  }

  const { report } = loaded
  const acts = can(staff, 'reports.act')
  return (
    <ConsoleLayout current="reports" title={title}>
      <div className="report-page">
        <ReportHeader report={report} />
        {outcome && (
          <Alert
            key={outcome.key}
            className="report-outcome"
            type={outcome.type}
            showIcon
            title={outcome.text}
            role={outcome.type === 'success' ? 'status' : 'alert'}
            closable={{ onClose: () => setOutcome(undefined), 'aria-label': '关闭提示' }}
          />
        )}
        {acts && <ReportActions report={report} onChanged={changed} onRefused={refused} />}
        <div className="report-columns">
          <div className="report-main">
            <ReportFacts report={report} mayReveal={can(staff, 'reports.personal')} />
            <EvidencePhotos reportId={report.id} photos={report.evidence.filter((photo) => photo.messageId === null)} />
            <ReportTimeline report={report} />
            <Duplicates report={report} mayAct={acts} onChanged={changed} onRefused={refused} />
          </div>
          <div className="report-side">
            <Conversation report={report} mayAct={acts} />
            <InternalNotes report={report} mayAct={acts} />
          </div>
        </div>
      </div>
    </ConsoleLayout>
  )
}
