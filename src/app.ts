import type { PropsWithChildren } from 'react'
import { setUpPlatform } from './platform-setup'
import './app.scss'

setUpPlatform()

export default function App({ children }: PropsWithChildren) {
  return children
}
