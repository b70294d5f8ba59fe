import { useEffect, useLayoutEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { a11y } from '../a11y'

const HOME = '/pages/home/index'

// Tab pages live in pages/, every page opened from another in packages/ (the subpackages).
const isInnerPage = (path: string) => /^\/?packages\//.test(path)

/** Back to the page that opened this one; opened from a shared link (nothing to go back to), home. */
function goBack(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack().catch(() => undefined)
  else goHome()
}

function goHome(): void {
  void Taro.switchTab({ url: HOME }).catch(() => undefined)
}

/**
 * H5 has no WeChat navigation bar: an inner page gets its own way back and home at the top. The
 * names say where each goes, beginning with the words shown.
 */
export function InnerPageNav() {
  const { path } = useRouter()
  if (!isInnerPage(path)) return null
  return (
    <View className='pufa-page__nav' {...a11y({ role: 'navigation', label: '页面导航' })}>
      <View className='pufa-tap pufa-page__nav-button' onClick={goBack} {...a11y({ role: 'button', label: '返回上一页' })}>
        <Text>‹ 返回</Text>
      </View>
      <View className='pufa-tap pufa-page__nav-button' onClick={goHome} {...a11y({ role: 'button', label: '回到首页' })}>
        <Text>首页</Text>
      </View>
    </View>
  )
}

/**
 * Taro's H5 tab bar is drawn outside every page, where the page root's elder-mode class does not
 * reach: the same choice goes on the document's root element, for the tab bar's rules in app.scss.
 */
export function useElderRootClass(elder: boolean): void {
  useEffect(() => {
    document.documentElement.classList.toggle('pufa-elder-root', elder)
  }, [elder])
}

/**
 * index.html may show a copy of the page's first screen while the app's scripts load
 * (scripts/first-screens.js); the first page drawn takes its place, before the browser paints again.
 */
export function useFirstScreenHandOver(): void {
  useLayoutEffect(() => {
    document.getElementById('pufa-first-screen')?.remove()
  }, [])
}

/** Taro's H5 tab bar follows the route by itself. */
export function useTabBarSelection(): void {}
