import { message } from 'antd'
import { useState, type ReactElement } from 'react'

import { ApiError } from '../api/client'
import { useSession } from '../session'

type Scope = 'here' | 'everywhere'

/** Signing out from a button: which one is under way, and a message when the service could not be told. */
export function useSignOut(): { leaving: Scope | undefined; leave(scope: Scope): Promise<void>; messages: ReactElement } {
  const { signOut } = useSession()
  const [notice, messages] = message.useMessage()
  const [leaving, setLeaving] = useState<Scope>()

  async function leave(scope: Scope) {
    setLeaving(scope)
    try {
      await signOut({ everywhere: scope === 'everywhere' })
    } catch (error) {
      setLeaving(undefined)
      notice.error(error instanceof ApiError ? error.message : '退出登录没有成功，请再试一次')
    }
  }
  return { leaving, leave, messages }
}
