import { Button, Result } from 'antd'

import { PublicFrame } from '../../components/public-frame'
import { usePageTitle } from '../../page-title'

/** When the service cannot say who is signed in: what went wrong, and another try. */
export function UnreachablePage({ message, onRetry }: { message: string; onRetry(): void }) {
  usePageTitle('暂时无法打开')
  return (
    <PublicFrame title="暂时无法打开">
      <Result
        status="error"
        subTitle={message}
        extra={
          <Button type="primary" onClick={onRetry}>
            重试
          </Button>
        }
      />
    </PublicFrame>
  )
}
