/**
 * What the app tells people about its content: one plain Chinese sentence for each situation,
 * with the time of the last update in China time whatever the phone's own time zone.
 */

export type SyncPhase = 'never' | 'syncing' | 'ok' | 'offline' | 'error' | 'outdated'

export interface SyncStatus {
  phase: SyncPhase
  /** ISO instant of the last completed sync; null when the content was never fully synced. */
  lastSyncedAt: string | null
  text: string
}

/** Why a sync stopped with 'error', when it is not the server's fault. */
export type SyncProblem = 'storage-full'

/** How a person gets a newer app: WeChat updates mini-programs on reopening; a browser on reload. */
export type UpdateHint = 'weapp' | 'h5'

export interface SyncCondition {
  phase: SyncPhase
  lastSyncedAt: string | null
  problem?: SyncProblem
}

const CHINA_UTC_OFFSET_MS = 8 * 3_600_000

const OUTDATED_TEXT: Record<UpdateHint, string> = {
  weapp: '请更新到最新版本后查看新内容：重新打开小程序，或更新微信',
  h5: '请更新到最新版本后查看新内容：刷新一下页面即可',
}

/**
 * "11月28日 14:05" in China time; the year is added when it is not the current one. Null for a
 * value that is not a time.
 */
export function formatSyncTime(instant: string, now: Date): string | null {
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) return null
  const china = new Date(ms + CHINA_UTC_OFFSET_MS)
  const thisYear = new Date(now.getTime() + CHINA_UTC_OFFSET_MS).getUTCFullYear()
  const year = china.getUTCFullYear() === thisYear ? '' : `${china.getUTCFullYear()}年`
  const hh = String(china.getUTCHours()).padStart(2, '0')
  const mm = String(china.getUTCMinutes()).padStart(2, '0')
  return `${year}${china.getUTCMonth() + 1}月${china.getUTCDate()}日 ${hh}:${mm}`
}

export function syncText({ phase, lastSyncedAt, problem }: SyncCondition, now: Date, hint: UpdateHint): string {
  const when = lastSyncedAt === null ? null : formatSyncTime(lastSyncedAt, now)
  switch (phase) {
    case 'never':
      return '还没有下载内容，连上网络后会自动更新'
    case 'syncing':
      return '正在更新…'
    case 'ok':
      return when ? `已是最新，更新于 ${when}` : '已是最新'
    case 'offline':
      return when ? `网络不可用，显示的是 ${when} 更新的内容` : '网络不可用，连上网络后会自动更新'
    case 'error':
      return problem === 'storage-full' ? '存储空间不足，新内容没能保存' : '内容同步失败，稍后会自动重试'
    case 'outdated':
      return OUTDATED_TEXT[hint]
  }
}

export function describeSync(condition: SyncCondition, now: Date, hint: UpdateHint): SyncStatus {
  return { phase: condition.phase, lastSyncedAt: condition.lastSyncedAt, text: syncText(condition, now, hint) }
}
