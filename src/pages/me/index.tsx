import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import PageShell from '../../components/page-shell'
import LinkRow from '../../components/link-row'
import ElderModeSwitch from '../../components/elder-mode-switch'

const links = [
  { title: '我的收藏', url: '/packages/me/favourites/index' },
  { title: '阅读记录', url: '/packages/me/history/index' },
  { title: '我的反映', url: '/packages/report/mine/index' },
  { title: '节假日与加班工资', url: '/packages/policy/holidays/index' },
  { title: '投诉建议', url: '/packages/me/feedback/index' },
  { title: '隐私政策', url: '/packages/me/privacy/index' },
  { title: '关于', url: '/packages/me/about/index' },
]

export default function MePage() {
  return (
    <PageShell title='我的'>
      <ElderModeSwitch />
      <View className='pufa-list'>
        {links.map((link) => (
          <LinkRow key={link.url} title={link.title} onClick={() => void Taro.navigateTo({ url: link.url })} />
        ))}
      </View>
    </PageShell>
  )
}
