import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { a11y } from './a11y'

/** H5: copy this page's address, to paste into a chat. */
export default function ShareButton() {
  const [copied, setCopied] = useState(false)
  const copy = () => {
    Taro.setClipboardData({ data: window.location.href })
      .then(() => setCopied(true))
      .catch(() => setCopied(false))
  }
  return (
    <Button className='pufa-tap' size='large' block onClick={copy} {...a11y({ role: 'button' })}>
      {copied ? '链接已复制' : '复制链接分享'}
    </Button>
  )
}
