import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'

import { DEFAULT_RETENTION_DAYS, loadConfig } from '../../server/config'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { jpegOfSize } from '../support/image-samples'
import { problemsOf } from './config-problems'
import { auditEntries, cliEnvironment, complaint, createStaffToken, runCli, staffGet, submit, transition, type Submitted } from './staff-helpers'
import { storages, useApp, useTempDir } from './storage'

const DAY = 24 * 60 * 60 * 1000
const JPEG = Buffer.from(jpegOfSize(16, 16))

describe('TIPS_RETENTION_DAYS', () => {
  const tempDir = useTempDir()

  it(`defaults to ${DEFAULT_RETENTION_DAYS} days and takes a number of days`, () => {
    expect(DEFAULT_RETENTION_DAYS).toBe(1095)
    expect(loadConfig({ DATA_DIR: tempDir() }).tipsRetentionDays).toBe(1095)
    expect(loadConfig({ DATA_DIR: tempDir(), TIPS_RETENTION_DAYS: '1825' }).tipsRetentionDays).toBe(1825)
  })

  it.each(['abc', '0', '29', '-5', '36501', '3.5', '3年'])('refuses %j with a plain explanation', (value) => {
    expect(problemsOf({ DATA_DIR: tempDir(), TIPS_RETENTION_DAYS: value })).toEqual([
      `TIPS_RETENTION_DAYS 应为 30 到 36500 之间的天数（已办结或不予受理的反映在最后一次处理后保存多少天），当前为 ${JSON.stringify(value)}`,
    ])
  })
})

describe.each(storages())('pufa tips purge on $name', (storage) => {
  const { app, config } = useApp(storage, { RATE_LIMITS: 'false' })
  let token: string

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
    token = (await createStaffToken(config(), '市劳动保障监察支队')).token
  })

  async function upload(): Promise<string> {
    const boundary = 'pufaPurgeTestBoundary'
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      JPEG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    const response = await app().inject({ method: 'POST', url: '/api/v1/uploads', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload })
    expect(response.statusCode).toBe(201)
    return response.json().uploadId
  }

  async function moveTo(report: Submitted, statuses: string[]): Promise<void> {
    for (const to of statuses) expect((await transition(app(), token, report.id, { to, noteToReporter: '处理结果说明' })).statusCode).toBe(200)
  }

  /** As if the report had come in `submittedDaysAgo` and last changed `changedDaysAgo`. */
  async function backdate(report: Submitted, submittedDaysAgo: number, changedDaysAgo: number): Promise<void> {
    const now = Date.now()
    await app().db.updateTable('tips').set({ created_at: now - submittedDaysAgo * DAY }).where('id', '=', report.id).execute()
    await app().db.updateTable('tip_events').set({ at: now - changedDaysAgo * DAY }).where('tip_id', '=', report.id).execute()
  }

  const exists = async (id: string) => (await app().db.selectFrom('tips').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
  const quarantine = () => path.join(config().uploadsDir, 'quarantine')
  /** The photos whose bytes are stored: files beside SQLite, rows of photo_chunks on PostgreSQL. */
  const storedPhotos = async (): Promise<string[]> => {
    if (storage.dialect === 'sqlite') return existsSync(quarantine()) ? readdirSync(quarantine()) : []
    return (await app().db.selectFrom('photo_chunks').select('upload_id').distinct().execute()).map((row) => row.upload_id)
  }

  it('deletes finished reports past the retention period with their history and photos, and keeps everything else', async () => {
    const evidenceId = await upload()
    const old = await submit(app(), complaint({ evidenceIds: [evidenceId], reporter: { name: '王五', mobile: '13700137000' } }))
    // Same phone, same employer, within 30 days: linked to `old` as a repeat.
    const repeat = await submit(app(), complaint({ reporter: { name: '王五', mobile: '13700137000' } }))
    const recentlyRejected = await submit(app(), complaint())
    const stillOpen = await submit(app(), complaint())
    const closedRecently = await submit(app(), complaint())
    const oldRejected = await submit(app(), complaint())

    await moveTo(old, ['accepted', 'investigating', 'closed'])
    await moveTo(recentlyRejected, ['rejected'])
    await moveTo(stillOpen, ['accepted', 'investigating'])
    await moveTo(closedRecently, ['accepted', 'investigating', 'closed'])
    await moveTo(oldRejected, ['rejected'])
    await backdate(old, 1300, 1100)
    await backdate(recentlyRejected, 1300, 100)
    await backdate(stillOpen, 1300, 1200)
    await backdate(closedRecently, 1300, 10)
    await backdate(oldRejected, 1200, 1096)
    await staffGet(app(), token, `/api/v1/admin/tips/${old.id}`)
    expect((await app().db.selectFrom('tips').select('duplicate_of').where('id', '=', repeat.id).executeTakeFirstOrThrow()).duplicate_of).toBe(old.id)

    const expiredUpload = await upload()
    await app().db.updateTable('uploads').set({ expires_at: Date.now() - DAY }).where('id', '=', expiredUpload).execute()
    await app().db.updateTable('idempotency_keys').set({ created_at: Date.now() - 31 * DAY }).where('key', '=', old.key).execute()
    expect(await storedPhotos()).toEqual(expect.arrayContaining([evidenceId, expiredUpload]))

    const tipsBefore = await app().db.selectFrom('tips').selectAll().execute()
    const dryRun = await runCli(['tips', 'purge', '--dry-run'], cliEnvironment(config()))
    expect(dryRun.stderr).toBe('')
    expect(dryRun.code).toBe(0)
    expect(dryRun.stdout).toContain('试运行，没有删除任何内容')
    expect(dryRun.stdout).toContain('将删除反映 2 份、处理记录 4 条、证据照片 1 张')
    expect(dryRun.stdout).toContain('将删除过期未使用的上传照片 1 个')
    expect(dryRun.stdout).toContain('将删除 30 天前的重复提交记录 1 条')
    expect(await app().db.selectFrom('tips').selectAll().execute()).toEqual(tipsBefore)
    expect(await storedPhotos()).toEqual(expect.arrayContaining([evidenceId, expiredUpload]))

    const auditBefore = await auditEntries(app())
    const result = await runCli(['tips', 'purge'], cliEnvironment(config()))
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('已删除反映 2 份、处理记录 4 条、证据照片 1 张')
    expect(result.stdout).toContain('已删除过期未使用的上传照片 1 个')
    expect(result.stdout).toContain('已删除 30 天前的重复提交记录 1 条')

    expect(await exists(old.id)).toBe(false)
    expect(await exists(oldRejected.id)).toBe(false)
    for (const kept of [repeat, recentlyRejected, stillOpen, closedRecently]) expect(await exists(kept.id)).toBe(true)
    expect(await app().db.selectFrom('tip_events').select('id').where('tip_id', 'in', [old.id, oldRejected.id]).execute()).toEqual([])
    expect((await app().db.selectFrom('tips').select('duplicate_of').where('id', '=', repeat.id).executeTakeFirstOrThrow()).duplicate_of).toBeNull()
    expect(await app().db.selectFrom('uploads').select('id').where('id', 'in', [evidenceId, expiredUpload]).execute()).toEqual([])
    expect(await storedPhotos()).not.toContain(evidenceId)
    expect(await storedPhotos()).not.toContain(expiredUpload)
    const keys = (await app().db.selectFrom('idempotency_keys').select('key').execute()).map((row) => row.key)
    expect(keys).not.toContain(old.key)
    expect(keys).toContain(repeat.key)

    // The audit log keeps its entries about the purged reports, and records the purge.
    const auditAfter = await auditEntries(app())
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore)
    expect(auditAfter.some((entry) => entry.tip_id === old.id && entry.action === 'read')).toBe(true)
    const purges = auditAfter.filter((entry) => entry.action === 'purge')
    expect(purges).toHaveLength(1)
    expect(purges[0].staff_id).toBeNull()
    expect(JSON.parse(purges[0].detail)).toMatchObject({ retentionDays: 1095, tips: 2, events: 4, evidence: 1, expiredUploads: 1, idempotencyKeys: 1, wechatUsers: 0 })

    const again = await runCli(['tips', 'purge'], cliEnvironment(config()))
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('已删除反映 0 份、处理记录 0 条、证据照片 0 张')
  })

  it('follows TIPS_RETENTION_DAYS', async () => {
    const report = await submit(app(), complaint())
    await moveTo(report, ['rejected'])
    await backdate(report, 100, 60)
    const kept = await runCli(['tips', 'purge'], cliEnvironment(config()))
    expect(kept.code).toBe(0)
    expect(await exists(report.id)).toBe(true)
    const shorter = await runCli(['tips', 'purge'], cliEnvironment(config(), { TIPS_RETENTION_DAYS: '59' }))
    expect(shorter.code).toBe(0)
    expect(shorter.stdout).toContain('保存期限 59 天')
    expect(await exists(report.id)).toBe(false)
  })

  it('forgets a WeChat user that nothing refers to any more: no report, no contest entry, no session used in 30 days', async () => {
    const now = Date.now()
    const ids = ['wx-gone', 'wx-idle', 'wx-reported', 'wx-contest', 'wx-signed-in']
    await app()
      .db.insertInto('wechat_users')
      .values(ids.map((id) => ({ id, openid_hash: `${id}-openid-hash`, created_at: now - 400 * DAY })))
      .execute()
    const report = await submit(app(), complaint())
    await app().db.updateTable('tips').set({ wechat_user_id: 'wx-reported' }).where('id', '=', report.id).execute()
    await app()
      .db.insertInto('quiz_participants')
      .values({ id: 'participant-wx', token_hash: 'c'.repeat(64), district_code: '440103', nickname: null, show_on_board: 0, created_at: now - 300 * DAY, board_hidden_at: null, board_hidden_by: null, wechat_user_id: 'wx-contest' })
      .execute()
    await app()
      .db.insertInto('wechat_sessions')
      .values([
        { token_hash: 'a'.repeat(64), user_id: 'wx-signed-in', created_at: now - 100 * DAY, last_seen_at: now - 29 * DAY },
        { token_hash: 'b'.repeat(64), user_id: 'wx-idle', created_at: now - 100 * DAY, last_seen_at: now - 31 * DAY },
      ])
      .execute()
    const users = async () => (await app().db.selectFrom('wechat_users').select('id').orderBy('id').execute()).map((row) => row.id)

    const dryRun = await runCli(['tips', 'purge', '--dry-run'], cliEnvironment(config()))
    expect(dryRun.stdout).toContain('将删除不再关联任何反映、竞赛报名，且 30 天没有登录的微信用户记录 2 个')
    expect(await users()).toEqual([...ids].sort())

    const result = await runCli(['tips', 'purge'], cliEnvironment(config()))
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('已删除不再关联任何反映、竞赛报名，且 30 天没有登录的微信用户记录 2 个')
    expect(await users()).toEqual(['wx-contest', 'wx-reported', 'wx-signed-in'])
    expect((await app().db.selectFrom('wechat_sessions').select('user_id').execute()).map((row) => row.user_id)).toEqual(['wx-signed-in'])
    expect(JSON.parse((await auditEntries(app())).filter((entry) => entry.action === 'purge').at(-1)!.detail)).toMatchObject({ wechatUsers: 2 })
  })

  it('explains its usage', async () => {
    for (const args of [['tips'], ['tips', 'delete'], ['tips', 'purge', '--force'], ['tips', 'purge', '--dry-run=yes']]) {
      const result = await runCli(args, cliEnvironment(config()))
      expect(result.code).toBe(2)
      expect(result.stderr).toContain('用法：pufa tips purge [--dry-run]')
    }
  })
})
