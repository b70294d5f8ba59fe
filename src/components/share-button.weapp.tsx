import { Button } from '@nutui/nutui-react-taro'
import { a11y } from './a11y'

/** WeChat: the system share sheet; the page's useShareAppMessage supplies title and path. */
export default function ShareButton() {
  return (
    <Button className='pufa-tap' size='large' block openType='share' {...a11y({ role: 'button' })}>
      分享给微信好友
    </Button>
  )
}
