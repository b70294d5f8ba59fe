import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import EmptyState from '../../../components/empty-state'
import { a11y } from '../../../components/a11y'

interface Props {
  pageTitle: string
  title: string
  message: string
  onRetry: () => void
}

/** A contest page whose request failed: what went wrong, and a retry. */
export default function RequestFailed({ pageTitle, title, message, onRetry }: Props) {
  return (
    <PageShell title={pageTitle}>
      <EmptyState title={title} description={message} />
      <Button className='pufa-tap' type='primary' size='large' block onClick={onRetry} {...a11y({ role: 'button' })}>
        重试
      </Button>
    </PageShell>
  )
}
