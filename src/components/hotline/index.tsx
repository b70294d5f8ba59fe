import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { a11y } from '../a11y'
import { useSite } from '../use-content'
import './index.scss'

interface Props {
  /** One sentence on what the hotline helps with, in this page's context. */
  note: string
}

/** The synced site's hotline; until a site arrives, the product's default (src/core/site.ts). */
export default function Hotline({ note }: Props) {
  const { hotline } = useSite()
  return (
    <View className='pufa-card pufa-hotline'>
      <Text className='pufa-hotline__label'>人社服务热线</Text>
      <Text className='pufa-hotline__number'>{hotline}</Text>
      <Text className='pufa-muted'>{note}</Text>
      <Button
        className='pufa-tap pufa-hotline__call'
        type='primary'
        size='large'
        block
        onClick={() => void Taro.makePhoneCall({ phoneNumber: hotline }).catch(() => undefined)}
        {...a11y({ role: 'button' })}
      >
        拨打 {hotline}
      </Button>
    </View>
  )
}
