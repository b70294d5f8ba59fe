import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { ButtonProps } from '@tarojs/components'
import type { BaseEventOrig } from '@tarojs/components/types/common'
import { a11y } from '../../../../components/a11y'
import { fetchWeChatPhone } from '../../../../services/wechat-phone'
import './index.scss'

interface Props {
  /** Puts the number into the form's phone field. */
  onFill: (phone: string) => void
}

/**
 * WeChat: one tap fills the phone field with the number bound to this WeChat (getPhoneNumber, then
 * the service asks WeChat for it; the service keeps nothing). Never required: the field stays editable.
 */
export default function WeChatPhoneButton({ onFill }: Props) {
  const [state, setState] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null })

  async function received(event: BaseEventOrig<ButtonProps.onGetPhoneNumberEventDetail>) {
    const code = (event.detail as { code?: string }).code
    // Declined, or WeChat gave no code (an old base library): the number is typed as before.
    if (!code) return
    setState({ busy: true, message: null })
    const answer = await fetchWeChatPhone(code)
    if (answer.ok) {
      onFill(answer.data.phone)
      setState({ busy: false, message: '已填入微信绑定的手机号，可以修改' })
    } else {
      setState({ busy: false, message: answer.message })
    }
  }

  return (
    <View className='wechat-phone'>
      <Button
        className='pufa-tap wechat-phone__button'
        openType='getPhoneNumber'
        disabled={state.busy}
        onGetPhoneNumber={(event) => void received(event)}
        {...a11y({ role: 'button', disabled: state.busy })}
      >
        {state.busy ? '正在获取手机号' : '使用微信绑定的手机号'}
      </Button>
      {state.message ? (
        <Text className='pufa-muted wechat-phone__message' {...a11y({ role: 'status' })}>
          {state.message}
        </Text>
      ) : null}
    </View>
  )
}
