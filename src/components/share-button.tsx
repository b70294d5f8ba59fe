import CopyButton from './copy-button'

/** H5: copy this page's address, to paste into a chat. */
export default function ShareButton() {
  return (
    <CopyButton
      label='复制链接分享'
      text={window.location.href}
      copied='链接已复制，可以粘贴到微信或短信里发给别人'
      failed='没能复制链接，请用浏览器菜单里的“复制链接”或“分享”'
    />
  )
}
