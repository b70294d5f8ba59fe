import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { setUpPlatform } from './platform-setup'
import { startContentSync } from './services/content-store'
import { startQuestionReports } from './services/question-report'
import { startOutbox } from './services/report-outbox'
import './app.scss'

setUpPlatform()

export default function App({ children }: PropsWithChildren) {
  // Content stored on the phone shows at once; the sync updates it in the background. Reports
  // and 纠错 queued before the app last closed are sent again.
  useLaunch(() => {
    startContentSync()
    startOutbox()
    startQuestionReports()
  })
  return children
}
