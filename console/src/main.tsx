import 'dayjs/locale/zh-cn'
import './console.css'

import { ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

import { ConsoleApp } from './app'
import { SessionProvider } from './session'

dayjs.locale('zh-cn')

/** This page's CSP nonce (the service writes a fresh one into every index.html it sends). */
function cspNonce(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce || undefined
}

const nonce = cspNonce()

// antd's default blue, red and grey text are below 4.5:1 on white: darker shades for the same look.
// Buttons keep their words as written (antd would show 登录 as 登 录, and read it so).
const theme = {
  token: {
    colorPrimary: '#0958d9',
    // Pointed at or pressed, a button gets darker, not lighter, so its words stay readable.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorError: '#cf1322',
    colorErrorHover: '#a8071a',
    colorErrorActive: '#820014',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
  },
}

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')
createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} csp={nonce ? { nonce } : undefined} button={{ autoInsertSpace: false }}>
      <SessionProvider>
        <ConsoleApp />
      </SessionProvider>
    </ConfigProvider>
  </StrictMode>,
)
