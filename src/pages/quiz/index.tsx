import PageShell from '../../components/page-shell'
import EmptyState from '../../components/empty-state'

export default function QuizPage() {
  return (
    <PageShell title='法治答题' lead='边练边学劳动和社会保障法律知识。'>
      <EmptyState title='内容同步后显示' description='练习题库同步到手机后，就可以开始练习。' />
    </PageShell>
  )
}
