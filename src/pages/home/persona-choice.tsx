import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { a11y } from '../../components/a11y'
import { PERSONAS } from '../../core/home/persona'
import { setPersona } from '../../services/persona'

/** Asked once, on the first visit: whom the home page should serve first. Skipping is fine. */
export default function PersonaChoice() {
  return (
    <View className='pufa-card home-persona'>
      <Text className='home-card__title' {...a11y({ role: 'heading', level: 2 })}>
        您是哪一类用户？
      </Text>
      <Text className='pufa-muted'>选一下，首页先放您最常用的内容；不选也可以，以后在“我的”里随时修改。</Text>
      {PERSONAS.map((persona) => (
        <Button key={persona.value} className='pufa-tap home-persona__choice' size='large' block onClick={() => setPersona(persona.value)} {...a11y({ role: 'button' })}>
          {persona.label}
        </Button>
      ))}
      <Button className='pufa-tap home-persona__choice' size='large' block fill='none' onClick={() => setPersona(null)} {...a11y({ role: 'button' })}>
        跳过
      </Button>
    </View>
  )
}
