import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageShell from '../../../components/page-shell'
import EmptyState from '../../../components/empty-state'
import LinkRow from '../../../components/link-row'
import { chinaDateOf } from '../../../core/calendar/working-days'
import { formatChineseDate } from '../../../core/format-date'
import type { OutboxReport } from '../../../services/report-outbox'
import OutboxStateBadge, { outboxStateName } from '../parts/outbox-state'
import { useOutbox } from '../parts/use-outbox'

const KIND_NAMES = { complaint: '投诉', tip: '举报' } as const

function open(report: OutboxReport) {
  const page = report.state === 'sent' ? 'status' : 'receipt'
  void Taro.navigateTo({ url: `/packages/report/${page}/index?key=${encodeURIComponent(report.key)}` }).catch(() => undefined)
}

export default function MyReportsPage() {
  const reports = useOutbox()
  return (
    <PageShell title='我的反映' lead='在这台手机上提交过的反映。换了手机，请用查询码查询进度。'>
      {reports.length === 0 ? (
        <EmptyState title='还没有提交过反映' description='在“反映”页填写并提交后，会显示在这里。' />
      ) : (
        <View className='pufa-list'>
          {reports.map((report) => {
            const employer = report.payload.employer.name
            const date = formatChineseDate(chinaDateOf(new Date(report.createdAt)))
            const kind = KIND_NAMES[report.payload.kind] ?? '反映'
            return (
              <LinkRow
                key={report.key}
                title={employer}
                description={`${kind} · ${date}`}
                label={`${employer}，${kind}，${date}提交，${outboxStateName(report.state)}`}
                onClick={() => open(report)}
              >
                {report.receipt ? <Text className='pufa-muted'>查询码 {report.receipt.trackingCode}</Text> : null}
                <OutboxStateBadge state={report.state} />
              </LinkRow>
            )
          })}
        </View>
      )}
      <View className='pufa-list'>
        <LinkRow
          title='用查询码查询进度'
          description='在别的手机上提交的反映，也可以查'
          onClick={() => void Taro.navigateTo({ url: '/packages/report/status/index' }).catch(() => undefined)}
        />
      </View>
    </PageShell>
  )
}
