import PageShell from '../../components/page-shell'
import EmptyState from '../../components/empty-state'

export default function PoliciesPage() {
  return (
    <PageShell title='政策解读' lead='用人单位和劳动者关心的人社政策。'>
      <EmptyState
        title='内容同步后显示'
        description='政策解读由人社局统一发布，同步到手机后，没有网络也能阅读。'
      />
    </PageShell>
  )
}
