import { useState } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import CopyButton from './copy-button'
import { a11y } from './a11y'

interface Props {
  /** What the shared link is called: the explainer's or the contest's title. */
  title: string
}

const canShare = () => typeof navigator !== 'undefined' && typeof navigator.share === 'function'

/**
 * H5: the phone's own share sheet where the browser has one (navigator.share), else copying this
 * page's address to paste into a chat; copying too when the share sheet fails.
 */
export default function ShareButton({ title }: Props) {
  const [shareFailed, setShareFailed] = useState(false)
  const url = window.location.href
  if (!canShare() || shareFailed) {
    return (
      <CopyButton
        label='复制链接分享'
        text={url}
        copied='链接已复制，可以粘贴到微信或短信里发给别人'
        failed='没能复制链接，请用浏览器菜单里的“复制链接”或“分享”'
      />
    )
  }
  const share = () => {
    // Closing the share sheet is the person's choice (AbortError), not a failure.
    navigator.share({ title, url }).catch((error: unknown) => {
      if ((error as { name?: unknown } | null)?.name !== 'AbortError') setShareFailed(true)
    })
  }
  return (
    <Button className='pufa-tap' size='large' block onClick={share} {...a11y({ role: 'button' })}>
      分享
    </Button>
  )
}
