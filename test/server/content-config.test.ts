import { writeFileSync } from 'node:fs'
import path from 'node:path'

import { loadConfig, REPO_ROOT, type Environment } from '../../server/config'
import { problemsOf } from './config-problems'
import { useTempDir } from './storage'

describe('content configuration', () => {
  const tempDir = useTempDir()
  const base = (): Environment => ({ DATA_DIR: path.join(tempDir(), 'data') })

  it('has defaults: no sources, polling every 10 minutes, clients of schema 1 and up', () => {
    expect(loadConfig(base())).toMatchObject({ contentSources: [], contentPollSeconds: 600, minClientSchema: 1 })
  })

  it('reads URLs and files from CONTENT_SOURCES', () => {
    const file = path.join(tempDir(), 'feed.json')
    writeFileSync(file, '{}')
    const config = loadConfig({
      ...base(),
      CONTENT_SOURCES: ` https://cms:secret@rsj.example.gov.cn/feed.json#top , ${file},assets/feed/FORMAT.md ,`,
      CONTENT_POLL_SECONDS: '0',
    })
    expect(config.contentSources).toEqual([
      { kind: 'url', url: 'https://cms:secret@rsj.example.gov.cn/feed.json', name: 'https://rsj.example.gov.cn/feed.json' },
      { kind: 'file', path: file, name: file },
      { kind: 'file', path: path.join(REPO_ROOT, 'assets', 'feed', 'FORMAT.md'), name: 'assets/feed/FORMAT.md' },
    ])
    expect(config.contentPollSeconds).toBe(0)
  })

  it('names every bad source', () => {
    expect(problemsOf({ ...base(), CONTENT_SOURCES: 'ftp://rsj.example.gov.cn/feed.xml, /no/such/feed.json, https://a.example/x, https://a.example/x' })).toEqual([
      'CONTENT_SOURCES 中的 "ftp://rsj.example.gov.cn/feed.xml" 不是有效的订阅源：网址应以 http:// 或 https:// 开头，文件请写路径',
      'CONTENT_SOURCES 中的文件 "/no/such/feed.json" 不存在或不是文件',
      'CONTENT_SOURCES 中的 "https://a.example/x" 重复了',
    ])
  })

  it('gives RSS and Atom sources the default category of CONTENT_SOURCE_CATEGORIES, matched by source name', () => {
    const file = path.join(tempDir(), 'jobs.xml')
    writeFileSync(file, '<rss/>')
    const config = loadConfig({
      ...base(),
      CONTENT_SOURCES: `https://rsj.example.gov.cn/rss.aspx?channel=12, ${file}, https://rsj.example.gov.cn/feed.json`,
      CONTENT_SOURCE_CATEGORIES: ` https://cms:secret@rsj.example.gov.cn/rss.aspx?channel=12#x = 劳动关系 ,${file}=就业创业,`,
    })
    expect(config.contentSources).toEqual([
      { kind: 'url', url: 'https://rsj.example.gov.cn/rss.aspx?channel=12', name: 'https://rsj.example.gov.cn/rss.aspx?channel=12', defaultCategory: '劳动关系' },
      { kind: 'file', path: file, name: file, defaultCategory: '就业创业' },
      { kind: 'url', url: 'https://rsj.example.gov.cn/feed.json', name: 'https://rsj.example.gov.cn/feed.json' },
    ])
  })

  it('names every bad CONTENT_SOURCE_CATEGORIES entry: the shape, an unknown category, a source not configured, a repeat', () => {
    expect(
      problemsOf({
        ...base(),
        CONTENT_SOURCES: 'https://a.example/rss.xml',
        CONTENT_SOURCE_CATEGORIES: 'https://a.example/rss.xml, =劳动关系, https://a.example/rss.xml=税务, https://b.example/rss.xml=劳动关系, https://a.example/rss.xml=工资支付, https://a.example/rss.xml=社会保险',
      }),
    ).toEqual([
      'CONTENT_SOURCE_CATEGORIES 中的 "https://a.example/rss.xml" 应写成“订阅源=分类”，如 https://rsj.example.gov.cn/zcjd/rss.xml=劳动关系',
      'CONTENT_SOURCE_CATEGORIES 中的 "=劳动关系" 应写成“订阅源=分类”，如 https://rsj.example.gov.cn/zcjd/rss.xml=劳动关系',
      'CONTENT_SOURCE_CATEGORIES 中 "https://a.example/rss.xml" 的分类 "税务" 不是 就业创业、社会保险、劳动关系、工资支付、人才人事、职业技能 之一',
      'CONTENT_SOURCE_CATEGORIES 中的 "https://b.example/rss.xml" 不在 CONTENT_SOURCES 里，请写 CONTENT_SOURCES 中的同一个订阅源',
      'CONTENT_SOURCE_CATEGORIES 中的 "https://a.example/rss.xml" 重复了',
    ])
  })

  it.each(['5', 'abc', '-1', '604801', '1.5'])('rejects CONTENT_POLL_SECONDS=%j', (value) => {
    expect(problemsOf({ ...base(), CONTENT_POLL_SECONDS: value })).toEqual([
      `CONTENT_POLL_SECONDS 应为 0（不定时读取）或 10 到 604800 之间的秒数，当前为 ${JSON.stringify(value)}`,
    ])
  })

  it.each(['0', '2', 'x'])('rejects CONTENT_MIN_CLIENT_SCHEMA=%j (this service serves schema 1)', (value) => {
    expect(problemsOf({ ...base(), CONTENT_MIN_CLIENT_SCHEMA: value })).toEqual([
      `CONTENT_MIN_CLIENT_SCHEMA 目前只能为 1（不能高于本服务的内容版本 1），当前为 ${JSON.stringify(value)}`,
    ])
  })
})
