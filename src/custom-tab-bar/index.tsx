import { useSyncExternalStore } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Image } from '@tarojs/components'
import { a11y } from '../components/a11y'
import { useElderMode } from '../components/use-elder-mode'
import { selectedTab, subscribeSelectedTab, TABS } from '../services/tab-bar'
import './index.scss'

/**
 * WeChat's tab bar, drawn by the app (app.config.ts `tabBar.custom` on weapp) so that elder mode
 * can make its labels and targets larger; the same five tabs as the system bar. H5 keeps Taro's.
 */
export default function CustomTabBar() {
  const elder = useElderMode()
  const selected = useSyncExternalStore(subscribeSelectedTab, selectedTab, selectedTab)
  return (
    <View className={elder ? 'tab-bar tab-bar--elder' : 'tab-bar'} {...a11y({ role: 'navigation', label: '主菜单' })}>
      {TABS.map((tab, index) => {
        const on = index === selected
        return (
          <View
            key={tab.pagePath}
            className={on ? 'tab-bar__item tab-bar__item--selected' : 'tab-bar__item'}
            onClick={() => void Taro.switchTab({ url: `/${tab.pagePath}` }).catch(() => undefined)}
            {...a11y({ role: 'link', label: on ? `${tab.text}，当前页` : tab.text })}
          >
            <Image className='tab-bar__icon' src={`/assets/tab/${tab.icon}${on ? '-active' : ''}.png`} {...a11y({ hidden: true })} />
            <Text className='tab-bar__label'>{tab.text}</Text>
          </View>
        )
      })}
    </View>
  )
}
