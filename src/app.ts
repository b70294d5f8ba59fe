import type { PropsWithChildren } from 'react'
import { useDidHide, useLaunch } from '@tarojs/taro'
import { sendUsageCounts, startBackgroundWork } from './background-work'
import { setUpPlatform } from './platform-setup'
import { startContentSync } from './services/content-store'
import { isUnloading } from './services/page-unload'
import { startOutbox } from './services/report-outbox'
import { startWeChatSession } from './services/wechat-session'
import './app.scss'

// H5 also starts the first content sync here (platform-setup.h5.ts); WeChat in useLaunch below.
setUpPlatform()

export default function App({ children }: PropsWithChildren) {
  // Content stored on the phone shows at once; the sync updates it in the background. Reports,
  // replies to staff, 纠错 and 投诉建议 queued before the app last closed are sent again, and so
  // are the anonymous usage counts, which also go whenever the app is hidden.
  useLaunch(() => {
    // WeChat: sign in without asking anything (wx.login), before the outbox sends reports; H5: nothing.
    startWeChatSession()
    startContentSync()
    startOutbox()
    startBackgroundWork()
  })
  useDidHide(() => {
    // A page being closed would lose the answer, and the counts would be sent again at the next launch.
    if (!isUnloading()) void sendUsageCounts()
  })
  return children
}
