import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { a11y } from '../a11y'
import { copyText } from '../../services/clipboard'
import './index.scss'

interface Props {
  /** The button's words: 「复制原文链接」. */
  label: string
  /** What goes on the clipboard. */
  text: string
  /** The confirmation shown under the button: 「原文链接已复制」. */
  copied: string
  /** What to do instead when the phone refused to copy. */
  failed: string
}

/**
 * Copies on tap and confirms on the page, under the button: no toast on either platform (elder
 * mode promises no pop-ups), and the confirmation stays until the next tap, with no timer.
 */
export default function CopyButton({ label, text, copied, failed }: Props) {
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null)
  const copy = () => {
    void copyText(text).then((ok) => setOutcome(ok ? 'copied' : 'failed'))
  }
  return (
    <View className='copy-button'>
      <Button className='pufa-tap' size='large' block onClick={copy} {...a11y({ role: 'button' })}>
        {label}
      </Button>
      {/* Always there, so that screen readers announce the words when they appear. */}
      <View {...a11y({ role: 'status' })}>
        {outcome === 'copied' ? <Text className='copy-button__done'>{copied}</Text> : null}
        {outcome === 'failed' ? <Text className='pufa-problem copy-button__failed'>{failed}</Text> : null}
      </View>
    </View>
  )
}
