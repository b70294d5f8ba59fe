// `pufa tips purge [--dry-run]`: applies the retention period of reports (TIPS_RETENTION_DAYS), and forgets
// the WeChat users that nothing refers to any more.
import { EXIT_OK, EXIT_USAGE, parseFlags, withMigratedDatabase, problemOf, type CliContext, type Command } from './support'
import type { Config } from '../config'
import { IDEMPOTENCY_KEY_RETENTION_DAYS, purgeTips } from '../tips/purge'
import { SESSION_IDLE_DAYS } from '../../src/core/wechat-session'

export const TIPS_USAGE = '用法：pufa tips purge [--dry-run]'

type TipsArgs = { dryRun: boolean }

export function parseTipsArgs(args: readonly string[]): TipsArgs | { problem: string } {
  const [action, ...rest] = args
  if (action === undefined) return { problem: `请写上要做什么。${TIPS_USAGE}` }
  if (action !== 'purge') return { problem: `pufa tips 没有“${action}”这个操作。${TIPS_USAGE}` }
  const parsed = parseFlags(rest, { '--dry-run': 'switch' }, TIPS_USAGE)
  return parsed.ok ? { dryRun: parsed.flags['--dry-run'] === true } : { problem: `pufa tips purge ${parsed.problem}` }
}

type Output = Pick<CliContext, 'stdout' | 'stderr'>

function chinaDateOfMs(epochMs: number): string {
  return new Date(epochMs + 8 * 60 * 60 * 1000).toISOString().slice(0, 10)
}

export async function tipsCommand(context: Output, config: Config, args: string[], now: number = Date.now()): Promise<number> {
  const parsed = parseTipsArgs(args)
  if ('problem' in parsed) {
    context.stderr.write(`${parsed.problem}\n`)
    return EXIT_USAGE
  }
  const { dryRun } = parsed
  return withMigratedDatabase(config, async (db) => {
    const report = await purgeTips(db, { uploadsDir: config.uploadsDir, retentionDays: config.tipsRetentionDays, now, dryRun })
    const verb = dryRun ? '将删除' : '已删除'
    context.stdout.write(
      [
        dryRun ? '试运行，没有删除任何内容：' : '清理完成：',
        `  保存期限 ${config.tipsRetentionDays} 天（TIPS_RETENTION_DAYS）：${chinaDateOfMs(report.cutoff)} 之前最后一次处理的已办结或不予受理的反映`,
        `  ${verb}反映 ${report.tips} 份、处理记录 ${report.events} 条、证据照片 ${report.evidence} 张`,
        `  ${verb}过期未使用的上传照片 ${report.expiredUploads} 个`,
        `  ${verb} ${IDEMPOTENCY_KEY_RETENTION_DAYS} 天前的重复提交记录 ${report.idempotencyKeys} 条`,
        `  ${verb}不再关联任何反映、竞赛报名，且 ${SESSION_IDLE_DAYS} 天没有登录的微信用户记录 ${report.wechatUsers} 个`,
        '  审计日志保留不删。',
        '',
      ].join('\n'),
    )
    return EXIT_OK
  })
}

export const TIPS_COMMAND: Command = {
  name: 'tips',
  summary: 'tips purge [--dry-run]：删除超过保存期限（TIPS_RETENTION_DAYS）的已办结或不予受理的反映及其照片，以及不再关联任何内容的微信用户记录；--dry-run 只统计不删除',
  checkArgs: problemOf(parseTipsArgs),
  run: (context, config, args) => tipsCommand(context, config, args),
}
