import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import EmptyState from '../../../components/empty-state'
import PolicyCard from '../../../components/policy-card'
import { a11y } from '../../../components/a11y'
import { useContent } from '../../../components/use-content'
import { useHistory } from '../../../components/use-reading'
import { clearHistory } from '../../../services/reading'

export default function HistoryPage() {
  const history = useHistory()
  const policies = useContent('policy')
  const read = history.flatMap((record) => {
    const found = policies.find((item) => item.id === record.id)
    return found ? [found] : []
  })
  return (
    <PageShell title='阅读记录' lead='最近读过的政策解读，只保存在这台手机上。'>
      {read.length === 0 ? (
        <EmptyState title='还没有阅读记录' />
      ) : (
        <>
          {read.map(({ id, data }) => (
            <PolicyCard key={id} id={id} policy={data} />
          ))}
          <Button className='pufa-tap' size='large' block onClick={clearHistory} {...a11y({ role: 'button' })}>
            清空阅读记录
          </Button>
        </>
      )}
    </PageShell>
  )
}
