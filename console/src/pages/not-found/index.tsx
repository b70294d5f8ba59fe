import { Button, Result } from 'antd'

import { PublicFrame } from '../../components/public-frame'
import { usePageTitle } from '../../page-title'

export function NotFoundPage() {
  usePageTitle('没有这个页面')
  return (
    <PublicFrame title="没有这个页面">
      <Result
        status="404"
        subTitle="地址可能输错了，或者这个页面已经不在了。"
        extra={
          <Button type="primary" href="#/">
            回到首页
          </Button>
        }
      />
    </PublicFrame>
  )
}
