// The ingest on a corpus of feeds shaped like what Chinese government CMSs publish (test/corpus):
// JSON Feed good and broken, RSS 2.0 in UTF-8, GBK, GB2312 and GB18030, Atom, and hostile input.
// Format handling does not depend on the storage, so this runs on SQLite only.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { loadConfig } from '../../server/config'
import { fileSource, urlSource, type ContentSource } from '../../server/ingest/sources'
import { ingestSource, type IngestOptions, type IngestReport } from '../../server/ingest/ingest'
import { corpusFile, jsonFeed, policyItem, storedItems } from './content-helpers'
import { useFeedServer } from './feed-server'
import { freePort } from './http-client'
import { SQLITE, useApp, useTempDir } from './storage'

jest.setTimeout(30_000)

const { app } = useApp(SQLITE)
const tempDir = useTempDir()
const server = useFeedServer()

function ingest(source: ContentSource, options: IngestOptions = {}): Promise<IngestReport> {
  return ingestSource(app().db, source, options)
}

function corpus(name: string): ContentSource {
  return fileSource(corpusFile(name))
}

async function data(id: string): Promise<Record<string, unknown>> {
  const row = (await storedItems(app().db)).get(id)
  if (!row) throw new Error(`${id} is not stored`)
  return row.data
}

function rejectedReasons(report: IngestReport): string[] {
  return report.rejected.map((item) => item.reason)
}

describe('JSON Feed', () => {
  it('ingests a complete feed of every type, sanitised and normalised', async () => {
    const report = await ingest(corpus('json-feed/complete.json'))
    expect(report).toMatchObject({ outcome: 'ingested', format: 'json_feed', complete: true, sample: true, total: 5, added: 5, updated: 0, deleted: 0, rejected: [] })
    expect(await data('policy-wage-001')).toMatchObject({
      documentNumber: '国令〔2019〕724号',
      publishedDate: '2024-05-01',
      body: [
        { name: 'p', children: [{ type: 'text', text: '根据《保障农民工工资支付条例》，' }, { name: 'strong', children: [{ type: 'text', text: '工资应当以货币形式' }] }, { type: 'text', text: '，通过银行转账或者现金支付给农民工本人。' }] },
        { name: 'p', children: [{ type: 'text', text: '不得以实物或者有价证券等其他形式替代。' }] },
      ],
    })
    expect(await data('calendar-2025')).toMatchObject({ source: '国办发明电〔2024〕12号' })
  })

  it('keeps the good items of a feed with broken ones, naming each problem', async () => {
    const report = await ingest(corpus('json-feed/broken-items.json'))
    expect(report).toMatchObject({ outcome: 'ingested', complete: false, total: 10, added: 1 })
    expect(rejectedReasons(report)).toEqual([
      '第2条（id: q-001）：answer 中的 "z" 不是任何选项的 id',
      '第3条（id: bad-category）：category 应为 就业创业、社会保险、劳动关系、工资支付、人才人事、职业技能 之一，而不是 "税务"',
      '第4条（id: good-policy）：id 与第1条重复',
      '第6条：缺少 id',
      '第7条（id: future-schema）：_pufa.schema 为 "2"，目前只支持 1',
      '第8条：应为一组字段（对象）',
      '第9条（id: no-extension）：缺少 _pufa（内容类型等字段）',
      '第10条（id: bad-dates）：date_published 的 "上周" 不是有效的日期时间；effectiveDate 的 "2024-13-01" 不是有效的日期（应为 YYYY-MM-DD）',
    ])
    expect(report.ignored).toEqual([{ position: 5, id: 'video-001', reason: '第5条（id: video-001）：不认识的内容类型 "video"，已跳过' }])
    expect(await data('good-policy')).toEqual(expect.objectContaining({ title: '好的条目' }))
    expect(await data('good-policy')).not.toHaveProperty('futureField')
  })

  it.each([
    ['hostile/truncated.json', '订阅源的 JSON 格式有误，无法读取'],
    ['hostile/wrong-version.json', '订阅源不是 JSON Feed（version 应为 https://jsonfeed.org/version/1.1）'],
  ])('fails %s as a whole', async (name, error) => {
    expect(await ingest(corpus(name))).toMatchObject({ outcome: 'failed', error, added: 0 })
  })
})

describe('RSS 2.0', () => {
  it('reads a UTF-8 CMS feed: CDATA, escaped HTML, entities, odd dates, missing and empty fields', async () => {
    const url = server.url('/rss/utf8.xml')
    server.answer('/rss/utf8.xml', { headers: { 'content-type': 'text/xml' }, body: readFileSync(corpusFile('rss/utf8-cms.xml')) })
    // The operator files this source's uncategorised items under 劳动关系.
    const [source] = loadConfig({ DATA_DIR: tempDir(), CONTENT_SOURCES: url, CONTENT_SOURCE_CATEGORIES: `${url}=劳动关系` }).contentSources
    expect(source).toMatchObject({ name: url, defaultCategory: '劳动关系' })
    const report = await ingest(source)
    expect(report).toMatchObject({ outcome: 'ingested', format: 'rss', complete: false, total: 7, added: 4 })
    expect(rejectedReasons(report)).toEqual([
      expect.stringMatching(/^第5条（id: 127\.0\.0\.1:[0-9a-f]{20}）：title 为空$/),
      expect.stringMatching(/^第6条（id: 127\.0\.0\.1:[0-9a-f]{20}）：缺少正文：content_html、content_text 和 external_url 都没有$/),
      '第7条（id: 127.0.0.1:no-body-001）：缺少正文：content_html、content_text 和 external_url 都没有',
    ])

    const rows = [...(await storedItems(app().db)).values()].filter((row) => row.source === source.name)
    const byTitle = new Map(rows.map((row) => [row.data.title, row]))
    expect([...byTitle.keys()].sort()).toEqual(['关于社会保险缴费基数的通知 & 问答', '关于调整我市最低工资标准的解读', '劳动合同签订提示', '【置顶】就业补贴申领指南'].sort())

    // The feed names no validity: none is made up.
    expect(byTitle.get('关于调整我市最低工资标准的解读')?.data).not.toHaveProperty('validity')
    expect(byTitle.get('关于调整我市最低工资标准的解读')?.data).toMatchObject({
      category: '工资支付',
      tags: ['政策解读'],
      publishedDate: '2024-05-01',
      sourceUrl: 'http://rsj.gz.example.gov.cn/zcjd/content/post_9001.html',
      body: [
        { name: 'p', children: [{ name: 'span', children: [{ type: 'text', text: '\u3000\u3000经省政府批准，我市最低工资标准自' }, { name: 'strong', children: [{ type: 'text', text: '2024年5月1日' }] }, { type: 'text', text: '起调整。' }] }] },
        { name: 'p', children: [{ name: 'img', attrs: { src: 'http://rsj.gz.example.gov.cn/attachments/9001/chart.png', alt: '调整表' } }] },
      ],
    })
    const contributions = byTitle.get('关于社会保险缴费基数的通知 & 问答')
    expect(contributions?.id).toBe('127.0.0.1:9002')
    expect(contributions?.data).toMatchObject({
      category: '社会保险',
      validity: '已修订',
      summary: '2024年度社会保险缴费基数上下限 已公布。 下限 4588元',
      body: [
        {
          name: 'div',
          children: [
            { name: 'p', children: [{ type: 'text', text: '全文：2024年度社会保险缴费基数……' }] },
            { name: 'p', children: [{ name: 'a', children: [{ type: 'text', text: '点击' }] }, { type: 'text', text: ' ' }, { name: 'a', attrs: { href: 'http://rsj.gz.example.gov.cn/zcjd/content/post_9002_fj.pdf' }, children: [{ type: 'text', text: '附件' }] }] },
          ],
        },
      ],
    })
    expect(byTitle.get('劳动合同签订提示')?.data).toMatchObject({ body: [], summary: '', publishedDate: '2024-05-01', category: '劳动关系' })
    expect(byTitle.get('劳动合同签订提示')?.data).not.toHaveProperty('validity')
    expect(byTitle.get('【置顶】就业补贴申领指南')?.data).toMatchObject({
      sourceUrl: 'http://rsj.gz.example.gov.cn/zcjd/content/post_9004.html',
      publishedDate: '2024-05-02',
      tags: [],
    })
  })

  it('rejects an item with no category of its own and no default for its source, and health says why', async () => {
    const file = path.join(tempDir(), 'uncategorised.xml')
    writeFileSync(file, readFileSync(corpusFile('rss/utf8-cms.xml')))
    const source = fileSource(file)
    const report = await ingest(source)
    const noCategory = '没有分类：条目的 <category> 中没有 就业创业、社会保险、劳动关系、工资支付、人才人事、职业技能 之一，也没有为这个订阅源设置默认分类（环境变量 CONTENT_SOURCE_CATEGORIES）'
    expect(report).toMatchObject({ outcome: 'ingested', total: 7, added: 2 })
    const reasons = rejectedReasons(report)
    expect(reasons).toHaveLength(5)
    expect(reasons[0]).toMatch(/^第3条（id: uncategorised:[0-9a-f]{20}）：没有分类：/)
    expect(reasons[1]).toBe(`第4条（id: uncategorised:post_9004）：${noCategory}`)
    expect(reasons[2]).toMatch(/^第5条（id: uncategorised:[0-9a-f]{20}）：title 为空；没有分类：/)
    for (const reason of reasons) expect(reason).toContain(noCategory)

    const health = (await app().inject({ method: 'GET', url: '/api/v1/health' })).json()
    expect(health.sources.find((entry: { name: string }) => entry.name === source.name)).toMatchObject({ itemCount: 2, rejectedCount: 5, rejected: reasons })
  })

  const encoded = [
    ['rss/gbk-declared.xml', '张堃'],
    ['rss/gb2312-declared.xml', '张堃'],
    ['rss/gb18030-declared.xml', '生僻字：𠮷，符号：€'],
  ]
  it.each(encoded)('decodes %s from the XML declaration', async (name, expected) => {
    const bytes = readFileSync(corpusFile(name))
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
    const report = await ingest(corpus(name))
    expect(report).toMatchObject({ outcome: 'ingested', added: 2, rejected: [] })
    const prefix = path.basename(name, '.xml')
    const item = await data(`${prefix}:gbk-0501`)
    expect(item.title).toBe('关于做好2024年高校毕业生就业工作的通知解读')
    expect(JSON.stringify(item.body)).toContain(expected)
    expect(await data(`${prefix}:gbk-0502`)).toMatchObject({ title: '工伤保险待遇调整问答（第二期）', category: '社会保险' })
  })

  it('takes the encoding from the HTTP header when the declaration names none', async () => {
    server.answer('/rss/gbk-header.xml', { headers: { 'content-type': 'application/rss+xml; charset=GBK' }, body: readFileSync(corpusFile('rss/gbk-undeclared.xml')) })
    const report = await ingest(urlSource(server.url('/rss/gbk-header.xml'))!)
    expect(report).toMatchObject({ outcome: 'ingested', rejected: [] })
    expect(await data('127.0.0.1:gbk-0502')).toMatchObject({ title: '工伤保险待遇调整问答（第二期）' })
  })

  it('reads undeclared bytes that are not UTF-8 as GB18030', async () => {
    const file = path.join(tempDir(), 'undeclared.xml')
    writeFileSync(file, readFileSync(corpusFile('rss/gbk-undeclared.xml')))
    expect(await ingest(fileSource(file))).toMatchObject({ outcome: 'ingested', added: 2 })
    expect(await data('undeclared:gbk-0501')).toMatchObject({ title: '关于做好2024年高校毕业生就业工作的通知解读' })
  })

  it('accepts the external DOCTYPE of old RSS 0.91 exports (no internal subset, nothing fetched)', async () => {
    const file = path.join(tempDir(), 'netscape.xml')
    writeFileSync(
      file,
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n' +
        '<rss version="0.91"><channel><title>Old</title><link>http://old.example.gov.cn/</link><item><title>Caf&#233; policy</title><link>http://old.example.gov.cn/1.html</link><description>Body</description></item></channel></rss>',
    )
    expect(await ingest({ ...fileSource(file), defaultCategory: '劳动关系' })).toMatchObject({ outcome: 'ingested', added: 1 })
  })

  it('refuses an encoding it cannot read', async () => {
    const file = path.join(tempDir(), 'klingon.xml')
    writeFileSync(file, '<?xml version="1.0" encoding="x-klingon"?><rss><channel></channel></rss>')
    expect(await ingest(fileSource(file))).toMatchObject({ outcome: 'failed', error: '订阅源使用了不支持的文字编码“x-klingon”，请改用 UTF-8 或 GB18030' })
  })
})

describe('Atom', () => {
  it('reads html, xhtml and text content', async () => {
    const report = await ingest({ ...corpus('atom/cms.xml'), defaultCategory: '就业创业' })
    expect(report).toMatchObject({ outcome: 'ingested', format: 'atom', added: 3, rejected: [] })
    const rows = [...(await storedItems(app().db)).values()].filter((row) => row.source.endsWith('atom/cms.xml'))
    const byTitle = new Map(rows.map((row) => [row.data.title, row.data]))
    expect(byTitle.get('工伤认定申请流程')).toMatchObject({
      category: '社会保险',
      tags: ['工伤'],
      summary: '职工发生事故伤害，用人单位应当在30日内提出工伤认定申请。',
      sourceUrl: 'https://rsj.example.gov.cn/atom/injury.html',
      publishedDate: '2024-05-02',
      body: [
        { name: 'h2', children: [{ type: 'text', text: '一、申请时限' }] },
        { name: 'p', children: [{ type: 'text', text: '用人单位应当自事故伤害发生之日起' }, { name: 'b', children: [{ type: 'text', text: '30日' }] }, { type: 'text', text: '内提出申请。' }] },
      ],
    })
    expect(byTitle.get('失业保险金申领')).toMatchObject({
      category: '就业创业',
      sourceUrl: 'https://rsj.example.gov.cn/atom/unemployment.html',
      body: [{ name: 'div', children: [{ name: 'p', children: [{ type: 'text', text: '失业人员可以通过' }, { name: 'a', attrs: { href: 'https://rsj.example.gov.cn/wb' }, children: [{ type: 'text', text: '网上办事大厅' }] }, { type: 'text', text: '申领。' }] }] }],
    })
    expect(byTitle.get('纯文本条目 <不是标签>')).toMatchObject({
      body: [
        { name: 'p', children: [{ type: 'text', text: '第一行' }] },
        { name: 'p', children: [{ type: 'text', text: '第二行 & 更多' }] },
      ],
    })
  })
})

describe('hostile and broken sources change nothing', () => {
  it.each([
    ['hostile/billion-laughs.xml', '订阅源含有 DTD 实体声明，出于安全考虑不予处理'],
    ['hostile/external-entity.xml', '订阅源含有 DTD 实体声明，出于安全考虑不予处理'],
    ['hostile/cms-error-page.html', '订阅源地址返回的是网页，不是订阅源（请检查地址是否正确）'],
    ['hostile/not-a-feed.txt', '订阅源不是可识别的 JSON Feed、RSS 2.0 或 Atom 格式'],
    ['hostile/unknown-xml.xml', '订阅源不是可识别的 JSON Feed、RSS 2.0 或 Atom 格式'],
  ])('%s fails with a plain reason and writes nothing', async (name, error) => {
    const before = await storedItems(app().db)
    const started = Date.now()
    expect(await ingest(corpus(name))).toMatchObject({ outcome: 'failed', error })
    expect(Date.now() - started).toBeLessThan(2000)
    expect(await storedItems(app().db)).toEqual(before)
  })

  it('fails an empty file', async () => {
    const file = path.join(tempDir(), 'empty.json')
    writeFileSync(file, '')
    expect(await ingest(fileSource(file))).toMatchObject({ outcome: 'failed', error: '订阅源是空的' })
  })

  it('fails a missing file', async () => {
    expect(await ingest(fileSource(path.join(tempDir(), 'nope.json')))).toMatchObject({ outcome: 'failed', error: '找不到订阅源文件' })
  })

  const limits = { maxFeedBytes: 64 * 1024, maxItems: 10, maxBodyBytes: 1024, timeoutMs: 400 }
  const hugeFeed = jsonFeed([policyItem('huge', { content_html: `<p>${'大'.repeat(40_000)}</p>` })])

  it('refuses a file over the size limit', async () => {
    const file = path.join(tempDir(), 'huge.json')
    writeFileSync(file, hugeFeed)
    expect(await ingest(fileSource(file), { limits })).toMatchObject({ outcome: 'failed', error: '订阅源超过 64 KB 的上限，未处理' })
  })

  it('refuses an answer over the size limit, by its Content-Length or while it streams in', async () => {
    server.answer('/huge-declared.json', { body: hugeFeed })
    server.answer('/huge-chunked.json', { body: hugeFeed, chunked: true })
    for (const name of ['/huge-declared.json', '/huge-chunked.json']) {
      expect(await ingest(urlSource(server.url(name))!, { limits })).toMatchObject({ outcome: 'failed', error: '订阅源超过 64 KB 的上限，未处理' })
    }
  })

  it('refuses an endless answer at the size limit before the timeout', async () => {
    server.answer('/endless.json', { trickle: { chunk: 'x'.repeat(32 * 1024), intervalMs: 1 } })
    expect(await ingest(urlSource(server.url('/endless.json'))!, { limits: { ...limits, timeoutMs: 5000 } })).toMatchObject({
      outcome: 'failed',
      error: '订阅源超过 64 KB 的上限，未处理',
    })
  })

  it('refuses a feed with too many items', async () => {
    const file = path.join(tempDir(), 'many.json')
    writeFileSync(file, jsonFeed(Array.from({ length: 11 }, (_, index) => policyItem(`many-${index}`))))
    expect(await ingest(fileSource(file), { limits })).toMatchObject({ outcome: 'failed', error: '订阅源有 11 条内容，超过 10 条的上限，未处理' })
    const rss = `<rss version="2.0"><channel>${'<item><title>t</title><link>http://a.example/x</link></item>'.repeat(11)}</channel></rss>`
    writeFileSync(file, rss)
    expect(await ingest(fileSource(file), { limits })).toMatchObject({ outcome: 'failed', error: '订阅源有 11 条内容，超过 10 条的上限，未处理' })
  })

  it('rejects only the item whose body is over the limit', async () => {
    const file = path.join(tempDir(), 'body.json')
    writeFileSync(file, jsonFeed([policyItem('body-ok'), policyItem('body-big', { content_html: `<p>${'长'.repeat(2000)}</p>` })]))
    const report = await ingest(fileSource(file), { limits })
    expect(report).toMatchObject({ outcome: 'ingested', added: 1 })
    expect(rejectedReasons(report)).toEqual(['第2条（id: body-big）：content_html 有 6 KB，超过 1 KB 的上限'])
  })

  it('gives up on a server that does not answer in time', async () => {
    server.answer('/slow-headers.json', { delayMs: 5000, body: jsonFeed([]) })
    server.answer('/slow-body.json', { trickle: { chunk: ' ', intervalMs: 100 } })
    for (const name of ['/slow-headers.json', '/slow-body.json']) {
      const started = Date.now()
      expect(await ingest(urlSource(server.url(name))!, { limits })).toMatchObject({ outcome: 'failed', error: '订阅源在 0.4 秒内没有返回完整内容' })
      expect(Date.now() - started).toBeLessThan(3000)
    }
  })

  it('names HTTP errors and unreachable servers', async () => {
    server.answer('/error.json', { status: 500, body: 'Internal Server Error' })
    expect(await ingest(urlSource(server.url('/error.json'))!)).toMatchObject({ outcome: 'failed', error: '订阅源返回了错误（HTTP 500）' })
    const port = await freePort()
    expect(await ingest(urlSource(`http://127.0.0.1:${port}/feed.json`)!)).toMatchObject({ outcome: 'failed', error: '无法读取订阅源：订阅源的服务器拒绝连接' })
  })
})
