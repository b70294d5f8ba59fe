import type { ReactNode } from 'react'

import { PLATFORM_NAME } from '../page-title'
import { useSession } from '../session'

/** The pages seen before signing in: the bureau's name above one card (plain markup: the first load stays small). */
export function PublicFrame({ title, wide = false, children }: { title: string; wide?: boolean; children: ReactNode }) {
  const { site } = useSession()
  return (
    <div className="console-public">
      <header className="console-public__header">
        {site && <div className="console-public__bureau">{site.bureauName}</div>}
        <div className="console-public__platform">{PLATFORM_NAME}</div>
      </header>
      <main className={wide ? 'console-public__card console-public__card--wide' : 'console-public__card'}>
        <h1 className="console-page-title">{title}</h1>
        {children}
      </main>
    </div>
  )
}
