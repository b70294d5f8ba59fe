import Taro from '@tarojs/taro'

// WeChat reports the user's 「字体大小」 setting in px; the standard setting is 17 and
// the larger steps start at 20.
const LARGE_TEXT_PX = 20

export function systemPrefersLargeText(): boolean {
  try {
    // Taro's types omit fontSizeSetting from getAppBaseInfo, which WeChat does return.
    const info = (Taro.canIUse('getAppBaseInfo') ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()) as { fontSizeSetting?: number }
    return Number(info.fontSizeSetting) >= LARGE_TEXT_PX
  } catch {
    return false
  }
}
