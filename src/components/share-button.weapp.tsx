import { Button } from '@nutui/nutui-react-taro'
import { a11y } from './a11y'

interface Props {
  /** Given for H5's share sheet; in WeChat the page's useShareAppMessage supplies title and path. */
  title: string
}

/** WeChat: the system share sheet, which sends the page as a card to a friend or group. */
export default function ShareButton(_props: Props) {
  return (
    <Button className='pufa-tap' size='large' block openType='share' {...a11y({ role: 'button' })}>
      分享给微信好友
    </Button>
  )
}
