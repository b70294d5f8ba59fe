import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import PageShell from '../../components/page-shell'
import LinkRow from '../../components/link-row'
import ChoiceGroup from '../../components/choice-group'
import ElderModeSwitch from '../../components/elder-mode-switch'
import { a11y } from '../../components/a11y'
import { usePersonaChoice } from '../../components/use-persona'
import { PERSONAS, type Persona } from '../../core/home/persona'
import { setPersona } from '../../services/persona'

const links = [
  { title: '我的收藏', url: '/packages/me/favourites/index' },
  { title: '阅读记录', url: '/packages/me/history/index' },
  { title: '我的反映', url: '/packages/report/mine/index' },
  { title: '节假日与加班工资', url: '/packages/policy/holidays/index' },
  { title: '投诉建议', url: '/packages/me/feedback/index' },
  { title: '隐私政策', url: '/packages/me/privacy/index' },
  { title: '关于', url: '/packages/me/about/index' },
]

const PERSONA_CHOICES: { value: Persona | 'none'; label: string }[] = [...PERSONAS, { value: 'none', label: '不指定' }]

export default function MePage() {
  const choice = usePersonaChoice()
  return (
    <PageShell title='我的'>
      <ElderModeSwitch />
      <View className='pufa-card'>
        <Text className='pufa-subheading' {...a11y({ role: 'heading', level: 2 })}>
          首页按谁的需要排列
        </Text>
        <ChoiceGroup
          label='首页按谁的需要排列'
          choices={PERSONA_CHOICES}
          value={choice === null ? '' : (choice.persona ?? 'none')}
          onChange={(value) => setPersona(value === 'none' ? null : value)}
        />
      </View>
      <View className='pufa-list'>
        {links.map((link) => (
          <LinkRow key={link.url} title={link.title} onClick={() => void Taro.navigateTo({ url: link.url })} />
        ))}
      </View>
    </PageShell>
  )
}
