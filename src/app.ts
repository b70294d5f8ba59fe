import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { setUpPlatform } from './platform-setup'
import { startContentSync } from './services/content-store'
import './app.scss'

setUpPlatform()

export default function App({ children }: PropsWithChildren) {
  // Content stored on the phone shows at once; the sync updates it in the background.
  useLaunch(() => startContentSync())
  return children
}
