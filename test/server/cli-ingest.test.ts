import path from 'node:path'

import { main } from '../../server/cli'
import type { Environment } from '../../server/config'
import { openDatabase } from '../../server/db/database'
import { corpusFile, policyItem, questionItem, storedItems, writeFeed } from './content-helpers'
import { useFeedServer } from './feed-server'
import { storages, useStorage, useTempDir } from './storage'

jest.setTimeout(30_000)

async function run(args: string[], env: Environment) {
  let stdout = ''
  let stderr = ''
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { LOG_LEVEL: 'silent', ...env },
  })
  return { code, stdout, stderr }
}

describe('pufa ingest: usage', () => {
  it('is listed in the help with its variables', async () => {
    const { code, stdout } = await run(['--help'], {})
    expect(code).toBe(0)
    expect(stdout).toMatch(/^ {2}ingest +读取一次订阅源并写入内容：pufa ingest --url 网址 或 --file 文件/m)
    for (const variable of ['CONTENT_SOURCES', 'CONTENT_SOURCE_CATEGORIES', 'CONTENT_POLL_SECONDS', 'CONTENT_MIN_CLIENT_SCHEMA']) expect(stdout).toMatch(new RegExp(`^  ${variable} `, 'm'))
  })

  it.each([
    [[], '请用 --url 或 --file 指定要读取的订阅源。'],
    [['--url'], '--url 后面要写网址。'],
    [['--file', '--dry-run'], '--file 后面要写文件路径。'],
    [['--url', 'ftp://rsj.example.gov.cn/feed'], '“ftp://rsj.example.gov.cn/feed”不是以 http:// 或 https:// 开头的网址。'],
    [['--url', 'https://a.example/1', '--file', 'b.json'], 'pufa ingest 一次只读取一个订阅源。'],
    [['--force'], 'pufa ingest 不认识参数“--force”。'],
    [['--file', 'a.xml', '--category', '税务'], '--category 后面要写 就业创业、社会保险、劳动关系、工资支付、人才人事、职业技能 之一。'],
  ])('explains %j and exits with 2', async (args, message) => {
    const { code, stderr, stdout } = await run(['ingest', ...args], {})
    expect(code).toBe(2)
    expect(stderr).toBe(`${message}用法：pufa ingest --url 网址 [--category 分类] [--dry-run] 或 pufa ingest --file 文件路径 [--category 分类] [--dry-run]\n`)
    expect(stdout).toBe('')
  })
})

describe.each(storages())('pufa ingest on $name', (storage) => {
  const { config } = useStorage(storage)
  const tempDir = useTempDir()
  const server = useFeedServer()
  const env = (): Environment => ({ DATA_DIR: config().dataDir, ...(config().databaseUrl ? { DATABASE_URL: config().databaseUrl } : {}) })

  async function stored() {
    const database = openDatabase(config())
    try {
      return await storedItems(database.db)
    } finally {
      await database.close()
    }
  }

  it('prints progress on a long feed and a summary with every rejection', async () => {
    const items = [...Array.from({ length: 449 }, (_, index) => policyItem(`cli-${index}`)), questionItem('cli-bad', { answer: ['z'] })]
    const file = writeFeed(tempDir(), 'long.json', items, { complete: true })
    const { code, stdout, stderr } = await run(['ingest', '--file', file], env())
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toBe(
      [
        `正在读取 ${file}…`,
        '  已处理 200/449 条…',
        '  已处理 400/449 条…',
        '  已处理 449/449 条…',
        `读取完成：${file}`,
        '  JSON Feed，完整列表（不在其中的已有内容会被删除），共 450 条',
        '  新增 449 条，更新 0 条，删除 0 条，未变 0 条，拒绝 1 条',
        '  被拒绝的内容（数据库中已有的版本保持不变）：',
        '    - 第450条（id: cli-bad）：answer 中的 "z" 不是任何选项的 id',
        '',
      ].join('\n'),
    )
    expect((await stored()).size).toBe(449)
  })

  it('counts deletions and writes nothing on --dry-run', async () => {
    const file = writeFeed(tempDir(), 'long.json', [policyItem('cli-0', { title: '改了标题' }), policyItem('cli-new')], { complete: true })
    const before = await stored()
    const { code, stdout } = await run(['ingest', `--file=${file}`, '--dry-run'], env())
    expect(code).toBe(0)
    expect(stdout).toContain(`试运行完成，没有写入数据库：${file}`)
    expect(stdout).toContain('  将新增 1 条，将更新 1 条，将删除 448 条，未变 0 条，拒绝 0 条\n')
    expect(await stored()).toEqual(before)
  })

  it('reads an RSS URL, filing items without a category of theirs under --category or the configured default', async () => {
    const rss = (guid: string) => `<rss version="2.0"><channel><item><title>RSS 条目</title><link>https://rsj.example.gov.cn/${guid}.html</link><guid>${guid}</guid></item></channel></rss>`
    server.answer('/cli.xml', { headers: { 'content-type': 'application/rss+xml' }, body: rss('r1') })
    const refused = await run(['ingest', '--url', server.url('/cli.xml')], env())
    expect(refused.code).toBe(0)
    expect(refused.stdout).toContain(
      '  新增 0 条，更新 0 条，删除 0 条，未变 0 条，拒绝 1 条\n  被拒绝的内容（数据库中已有的版本保持不变）：\n' +
        '    - 第1条（id: 127.0.0.1:r1）：没有分类：条目的 <category> 中没有 就业创业、社会保险、劳动关系、工资支付、人才人事、职业技能 之一，也没有为这个订阅源设置默认分类（环境变量 CONTENT_SOURCE_CATEGORIES）\n',
    )

    const { code, stdout } = await run(['ingest', '--url', server.url('/cli.xml'), '--category', '工资支付'], env())
    expect(code).toBe(0)
    expect(stdout).toContain('  RSS，滚动列表（不删除已有内容），共 1 条\n  新增 1 条，')
    const item = (await stored()).get('127.0.0.1:r1')?.data
    expect(item).toMatchObject({ title: 'RSS 条目', sourceUrl: 'https://rsj.example.gov.cn/r1.html', category: '工资支付' })
    expect(item).not.toHaveProperty('validity')

    server.answer('/cli.xml', { headers: { 'content-type': 'application/rss+xml' }, body: rss('r2') })
    const configured = { ...env(), CONTENT_SOURCES: server.url('/cli.xml'), CONTENT_SOURCE_CATEGORIES: `${server.url('/cli.xml')}=社会保险` }
    expect((await run(['ingest', '--url', server.url('/cli.xml')], configured)).code).toBe(0)
    expect((await stored()).get('127.0.0.1:r2')?.data).toMatchObject({ category: '社会保险' })
  })

  it('exits with 1 when the source fails as a whole, changing nothing', async () => {
    const before = await stored()
    const { code, stdout, stderr } = await run(['ingest', '--file', corpusFile('hostile/billion-laughs.xml')], env())
    expect(code).toBe(1)
    expect(stdout).toBe('正在读取 test/corpus/hostile/billion-laughs.xml…\n')
    expect(stderr).toBe('读取订阅源 test/corpus/hostile/billion-laughs.xml 失败：订阅源含有 DTD 实体声明，出于安全考虑不予处理。数据库中已有的内容保持不变。\n')
    expect(await stored()).toEqual(before)

    const missing = await run(['ingest', '--file', path.join(tempDir(), 'missing.json')], env())
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('失败：找不到订阅源文件。')
  })
})
