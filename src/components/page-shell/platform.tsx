import Taro, { useDidShow } from '@tarojs/taro'
import { noteShownPage } from '../../services/tab-bar'

/**
 * What PageShell does on one platform only; this default is WeChat's: its navigation bar has the
 * way back and home (platform.h5.tsx for H5), and its tab bar is ours (src/custom-tab-bar), told
 * here which tab page is showing.
 */
export function InnerPageNav(): null {
  return null
}

export function useElderRootClass(_elder: boolean): void {}

export function useFirstScreenHandOver(): void {}

export function useTabBarSelection(): void {
  useDidShow(() => noteShownPage(Taro.getCurrentInstance().router?.path ?? ''))
}
