// `pufa ingest`: reads one feed once and writes its content (or, with --dry-run, says what it would).
import { POLICY_CATEGORIES, type PolicyCategory } from '../../src/core/content/model'
import type { Config } from '../config'
import { openDatabase } from '../db/database'
import { migrate } from '../db/migrations'
import { ingestSource, WRITE_BATCH_SIZE, type IngestReport } from '../ingest/ingest'
import { fileSource, urlSource, type ContentSource } from '../ingest/sources'
import { argTokens, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, problemOf, type CliContext, type Command } from './support'

const INGEST_USAGE = '用法：pufa ingest --url 网址 [--category 分类] [--dry-run] 或 pufa ingest --file 文件路径 [--category 分类] [--dry-run]'

interface IngestArgs {
  source: ContentSource
  dryRun: boolean
  /** Default category of the source's RSS and Atom items, for this read. */
  category?: PolicyCategory
}

const INGEST_FLAGS = { '--url': 'value', '--file': 'value', '--category': 'value', '--dry-run': 'switch' } as const

function parseIngestArgs(args: string[]): IngestArgs | { problem: string } {
  let source: ContentSource | undefined
  let dryRun = false
  let category: PolicyCategory | undefined
  for (const token of argTokens(args, INGEST_FLAGS)) {
    if (token.kind === 'unknown' || (token.kind === 'switch' && token.value !== undefined)) return { problem: `pufa ingest 不认识参数“${token.arg}”。${INGEST_USAGE}` }
    const { flag, value } = token
    if (flag === '--dry-run') {
      dryRun = true
    } else if (flag === '--category') {
      category = POLICY_CATEGORIES.find((name) => name === value)
      if (category === undefined) return { problem: `--category 后面要写 ${POLICY_CATEGORIES.join('、')} 之一。${INGEST_USAGE}` }
    } else {
      if (source !== undefined) return { problem: `pufa ingest 一次只读取一个订阅源。${INGEST_USAGE}` }
      if (value === undefined || value === '' || value.startsWith('--')) return { problem: `${flag} 后面要写${flag === '--url' ? '网址' : '文件路径'}。${INGEST_USAGE}` }
      if (flag === '--url') {
        source = urlSource(value)
        if (source === undefined) return { problem: `“${value}”不是以 http:// 或 https:// 开头的网址。${INGEST_USAGE}` }
      } else {
        source = fileSource(value)
      }
    }
  }
  if (source === undefined) return { problem: `请用 --url 或 --file 指定要读取的订阅源。${INGEST_USAGE}` }
  return { source, dryRun, ...(category !== undefined ? { category } : {}) }
}

const FORMAT_NAMES = { json_feed: 'JSON Feed', rss: 'RSS', atom: 'Atom' } as const

function describeIngest(report: IngestReport): string {
  const lines: string[] = []
  const listing = report.complete ? '完整列表（不在其中的已有内容会被删除）' : '滚动列表（不删除已有内容）'
  lines.push(report.dryRun ? `试运行完成，没有写入数据库：${report.source}` : `读取完成：${report.source}`)
  lines.push(`  ${report.format ? FORMAT_NAMES[report.format] : ''}，${listing}，共 ${report.total} 条`)
  const verb = report.dryRun ? '将' : ''
  lines.push(
    `  ${verb}新增 ${report.added} 条，${verb}更新 ${report.updated} 条，${verb}删除 ${report.deleted} 条，未变 ${report.unchanged} 条，拒绝 ${report.rejected.length} 条` +
      (report.ignored.length > 0 ? `，跳过 ${report.ignored.length} 条` : ''),
  )
  if (report.rejected.length > 0) {
    lines.push('  被拒绝的内容（数据库中已有的版本保持不变）：')
    for (const item of report.rejected) lines.push(`    - ${item.reason}`)
  }
  if (report.ignored.length > 0) {
    lines.push('  跳过的内容：')
    for (const item of report.ignored) lines.push(`    - ${item.reason}`)
  }
  return `${lines.join('\n')}\n`
}

async function runIngest(context: CliContext, config: Config, args: string[]): Promise<number> {
  const parsed = parseIngestArgs(args)
  if ('problem' in parsed) {
    context.stderr.write(`${parsed.problem}\n`)
    return EXIT_USAGE
  }
  const { dryRun } = parsed
  // A configured source keeps its CONTENT_SOURCE_CATEGORIES default unless --category says otherwise.
  const defaultCategory = parsed.category ?? config.contentSources.find((known) => known.name === parsed.source.name)?.defaultCategory
  const source: ContentSource = defaultCategory === undefined ? parsed.source : { ...parsed.source, defaultCategory }
  const database = openDatabase(config)
  try {
    await migrate(database.db)
    context.stdout.write(`正在读取 ${source.name}${dryRun ? '（试运行）' : ''}…\n`)
    const report = await ingestSource(database.db, source, {
      dryRun,
      onProgress: (done, total) => {
        if (total > WRITE_BATCH_SIZE) context.stdout.write(`  已处理 ${done}/${total} 条…\n`)
      },
    })
    if (report.outcome === 'failed') {
      context.stderr.write(`读取订阅源 ${source.name} 失败：${report.error}。数据库中已有的内容保持不变。\n`)
      return EXIT_FAILURE
    }
    context.stdout.write(describeIngest(report))
    return EXIT_OK
  } finally {
    await database.close()
  }
}

export const INGEST_COMMAND: Command = {
  name: 'ingest',
  summary: '读取一次订阅源并写入内容：pufa ingest --url 网址 或 --file 文件 [--category 分类：RSS、Atom 条目没有分类时用它] [--dry-run 只检查不写入]',
  checkArgs: problemOf(parseIngestArgs),
  run: runIngest,
}
