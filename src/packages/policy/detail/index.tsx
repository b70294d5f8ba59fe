import PageShell from '../../../components/page-shell'
import EmptyState from '../../../components/empty-state'

export default function PolicyDetailPage() {
  return (
    <PageShell title='政策详情'>
      <EmptyState title='内容同步后显示' description='这篇政策解读还没有同步到手机，连接网络后再打开。' />
    </PageShell>
  )
}
