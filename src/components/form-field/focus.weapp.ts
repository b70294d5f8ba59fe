import Taro from '@tarojs/taro'
import { fieldDomId } from './ids'

/** WeChat: scrolls the field to the top of the page; its message is read out from there. */
export function focusField(path: string): void {
  Taro.pageScrollTo({ selector: `#${fieldDomId(path)}`, offsetTop: -80, duration: 300 }).catch(() => undefined)
}
