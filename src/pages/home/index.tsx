import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import PageShell from '../../components/page-shell'
import Hotline from '../../components/hotline'
import ElderModeSwitch from '../../components/elder-mode-switch'
import { a11y } from '../../components/a11y'
import { DEFAULT_SITE } from '../../core/site'
import './index.scss'

const journeys = [
  { title: '政策解读', text: '就业、社保、劳动关系、工资支付等政策，讲清楚、查得到。', url: '/pages/policies/index' },
  { title: '法治答题', text: '学法律知识，做练习题，参加全市知识竞赛。', url: '/pages/quiz/index' },
  { title: '欠薪反映', text: '被拖欠工资，在这里了解怎么反映、要准备什么。', url: '/pages/report/index' },
]

export default function HomePage() {
  return (
    <PageShell title='法治人社' lead={`${DEFAULT_SITE.bureauName}普法服务`}>
      <ElderModeSwitch />
      {journeys.map((journey) => (
        <View
          key={journey.url}
          className='pufa-card pufa-tap home-journey'
          {...a11y({ role: 'link' })}
          hoverClass='home-journey--pressed'
          onClick={() => void Taro.switchTab({ url: journey.url })}
        >
          <Text className='home-journey__title'>{journey.title}</Text>
          <Text className='pufa-muted'>{journey.text}</Text>
        </View>
      ))}
      <Hotline note='咨询劳动保障、社会保险政策，反映欠薪问题，都可以拨打。' />
    </PageShell>
  )
}
