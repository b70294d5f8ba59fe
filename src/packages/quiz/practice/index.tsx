import PageShell from '../../../components/page-shell'
import EmptyState from '../../../components/empty-state'

export default function PracticePage() {
  return (
    <PageShell title='练习答题'>
      <EmptyState title='内容同步后显示' description='练习题库同步到手机后，就可以开始练习。' />
    </PageShell>
  )
}
