import { describeSync, formatSyncTime, syncText } from '../../../src/core/sync/status'

const now = new Date('2026-11-28T08:00:00Z')
// 06:05 UTC is 14:05 in China.
const synced = '2026-11-28T06:05:00.000Z'

describe('the time of the last update', () => {
  it('is China time, whatever the phone says', () => {
    expect(formatSyncTime(synced, now)).toBe('11月28日 14:05')
    expect(formatSyncTime('2026-11-30T16:30:00Z', now)).toBe('12月1日 00:30')
  })

  it('names the year when it is not this one, in China', () => {
    expect(formatSyncTime('2025-12-31T15:59:00Z', now)).toBe('2025年12月31日 23:59')
    expect(formatSyncTime('2025-12-31T16:00:00Z', now)).toBe('1月1日 00:00')
  })

  it('is null for something that is not a time', () => {
    expect(formatSyncTime('昨天', now)).toBeNull()
  })
})

describe('what the app says about its content', () => {
  it.each([
    ['never', null, '还没有下载内容，连上网络后会自动更新'],
    ['syncing', synced, '正在更新…'],
    ['ok', synced, '已是最新，更新于 11月28日 14:05'],
    ['offline', synced, '网络不可用，显示的是 11月28日 14:05 更新的内容'],
    ['offline', null, '网络不可用，连上网络后会自动更新'],
    ['error', synced, '内容同步失败，稍后会自动重试'],
  ] as const)('%s (last update %s): %s', (phase, lastSyncedAt, text) => {
    expect(syncText({ phase, lastSyncedAt }, now, 'h5')).toBe(text)
  })

  it('says when storage is full rather than promising a retry that cannot help', () => {
    expect(syncText({ phase: 'error', lastSyncedAt: synced, problem: 'storage-full' }, now, 'weapp')).toBe('存储空间不足，新内容没能保存')
  })

  it('asks for a newer app in the way each platform gets one', () => {
    expect(syncText({ phase: 'outdated', lastSyncedAt: synced }, now, 'weapp')).toBe('请更新到最新版本后查看新内容：重新打开小程序，或更新微信')
    expect(syncText({ phase: 'outdated', lastSyncedAt: synced }, now, 'h5')).toBe('请更新到最新版本后查看新内容：刷新一下页面即可')
  })

  it('carries phase and time along with the sentence', () => {
    expect(describeSync({ phase: 'ok', lastSyncedAt: synced }, now, 'h5')).toEqual({
      phase: 'ok',
      lastSyncedAt: synced,
      text: '已是最新，更新于 11月28日 14:05',
    })
  })
})
