import { Text } from '@tarojs/components'
import { useSyncStatus } from '../use-sync-status'
import { a11y } from '../a11y'
import './index.scss'

/** "更新于…" and what the last sync did, in plain words. */
export default function SyncStatus() {
  const status = useSyncStatus()
  const warn = status.phase === 'offline' || status.phase === 'error' || status.phase === 'outdated'
  return (
    <Text className={warn ? 'sync-status sync-status--warn' : 'sync-status'} {...a11y({ role: 'status' })}>
      {status.text}
    </Text>
  )
}
