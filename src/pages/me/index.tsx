import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import PageShell from '../../components/page-shell'
import LinkRow from '../../components/link-row'
import SwitchRow from '../../components/switch-row'
import { useElderMode } from '../../components/use-elder-mode'
import { setElderMode } from '../../services/elder-mode'

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
  const elder = useElderMode()
  return (
    <PageShell title='我的'>
      <SwitchRow title='长辈模式' description='字更大、按钮更大，没有弹窗和倒计时' checked={elder} onChange={setElderMode} />
      <View className='pufa-list'>
        {links.map((link) => (
          <LinkRow key={link.url} title={link.title} onClick={() => Taro.navigateTo({ url: link.url })} />
        ))}
      </View>
    </PageShell>
  )
}
