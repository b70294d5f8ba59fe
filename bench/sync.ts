/**
 * `npm run bench:sync`: the content pipeline on a generated feed of 1,000 policy explainers of
 * about 3 KB each. Measures the ingest, then a phone's cold sync (every page, gzip, bytes on the
 * wire over loopback) and warm sync (nothing new) against the real service, on SQLite and, when
 * it answers, PostgreSQL (TEST_PG_URL). A benchmark, not a test: it prints figures.
 */
import { EventEmitter } from 'node:events'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'


import { loadConfig, type Config } from '../server/config'
import { openDatabase } from '../server/db/database'
import { migrate } from '../server/db/migrations'
import { ingestSource } from '../server/ingest/ingest'
import { fileSource } from '../server/ingest/sources'
import { listen } from '../server/server'
import { freePort } from '../test/support/free-port'
import { PG_URL_SHOWN, postgresDatabase } from './postgres'

const ITEMS = 1000
const PAGE_SIZE = 200

// Sentences of the kind explainers are made of, combined at random (seeded) with words drawn
// from common characters, so that the text compresses about as well as real prose (3 to 4 times
// with gzip), not like a few phrases repeated.
const COMMON = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往历市克何除消构府称太准精值号率族维划选标写存候亲快效院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严'
const SUBJECTS = ['用人单位', '劳动者', '农民工', '施工总承包单位', '人力资源社会保障行政部门', '职工', '灵活就业人员', '高校毕业生', '退役军人', '失业人员']
const VERBS = ['应当', '可以', '不得', '有权', '依法', '按照规定', '在规定期限内', '及时', '如实', '主动']
const ACTIONS = [
  '与劳动者订立书面劳动合同', '按月足额支付工资', '为职工缴纳社会保险费', '申请工伤认定', '办理失业登记',
  '领取失业保险金', '申请劳动争议仲裁', '向劳动保障监察机构投诉', '参加职业技能培训', '申领就业补贴',
  '开设农民工工资专用账户', '存储工资保证金', '公示农民工工资支付情况', '支付经济补偿', '安排带薪年休假',
  '办理社会保险关系转移接续', '申请技能提升补贴', '享受创业担保贷款贴息', '提供劳动合同文本', '保存工资支付台账',
]
const CLAUSES = [
  '自用工之日起一个月内', '在工资支付周期结束后七日内', '自事故伤害发生之日起三十日内', '按照国家和本市的规定',
  '经人力资源社会保障部门核实后', '在劳动合同期满前三十日', '依照《劳动合同法》第八十二条', '根据《保障农民工工资支付条例》',
  '按照《工伤保险条例》第十七条', '在法定节假日期间', '参照本市上年度职工月平均工资', '对符合条件的人员',
]
const TOPICS = ['劳动合同', '工资支付', '工伤保险', '失业保险', '养老保险', '就业补贴', '技能培训', '劳动争议', '休息休假', '人才引进']
const CATEGORIES = ['就业创业', '社会保险', '劳动关系', '工资支付', '人才人事', '职业技能']

function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

function generateFeed(): unknown {
  const random = prng(20240501)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const characters = [...COMMON]
  const words = (length: number) => Array.from({ length }, () => pick(characters)).join('')
  const sentence = () => `${pick(CLAUSES)}，${pick(SUBJECTS)}${words(6 + Math.floor(random() * 10))}${pick(VERBS)}${pick(ACTIONS)}。`
  const paragraph = (sentences: number) => Array.from({ length: sentences }, sentence).join('')
  const items = Array.from({ length: ITEMS }, (_, index) => {
    const topic = pick(TOPICS)
    const number = String(index + 1).padStart(4, '0')
    const paragraphs = Array.from({ length: 5 }, () => `<p>\u3000\u3000${paragraph(3)}</p>`).join('')
    return {
      id: `bench-policy-${number}`,
      title: `${topic}政策解读（第${index + 1}期）：${pick(ACTIONS)}`,
      summary: paragraph(1),
      content_html: `<h2>一、${topic}的基本规定</h2>${paragraphs}<h2>二、办理渠道</h2><p>详情请咨询 12333 或登录<a href="https://rsj.example.gov.cn/bs/${number}.html">网上办事大厅</a>。</p>`,
      external_url: `https://rsj.example.gov.cn/zcjd/${number}.html`,
      date_published: `2024-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')} 09:30:00`,
      tags: [topic, pick(TOPICS)],
      _pufa: {
        type: 'policy',
        schema: 1,
        category: pick(CATEGORIES),
        validity: '有效',
        documentNumber: `粤人社规[2024]${index + 1}号`,
        issuer: '某市人力资源和社会保障局',
        effectiveDate: '2024-06-01',
        qa: [{ question: `${pick(SUBJECTS)}如何${pick(ACTIONS)}？`, answer: paragraph(1) }],
      },
    }
  })
  return { version: 'https://jsonfeed.org/version/1.1', title: '基准测试订阅源', _pufa: { complete: true }, items }
}

interface Exchange {
  status: number
  /** Bytes the client received: status line, headers and (compressed) body. */
  bytes: number
  body: Buffer
  headers: http.IncomingHttpHeaders
}

function get(url: string, headers: Record<string, string>): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const socket = response.socket
        const bytes = socket.bytesRead
        resolve({ status: response.statusCode ?? 0, bytes, body: Buffer.concat(chunks), headers: response.headers })
      })
    })
    request.on('error', reject)
  })
}

interface Page {
  items: { data?: unknown }[]
  cursor: string
  hasMore: boolean
}

function decoded(exchange: Exchange): Page {
  const raw = exchange.headers['content-encoding'] === 'gzip' ? gunzipSync(exchange.body) : exchange.body
  return JSON.parse(raw.toString('utf8')) as Page
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

async function measure(label: string, config: Config, feedFile: string, contentGzipBytes: number): Promise<void> {
  const database = openDatabase(config)
  let ingestMs: number
  try {
    await migrate(database.db)
    const started = performance.now()
    const report = await ingestSource(database.db, fileSource(feedFile))
    ingestMs = performance.now() - started
    if (report.outcome !== 'ingested' || report.added !== ITEMS) throw new Error(`ingest: ${report.outcome} ${report.error ?? ''} added ${report.added}`)
  } finally {
    await database.close()
  }

  const signals = new EventEmitter()
  const emptySampleDir = mkdtempSync(path.join(os.tmpdir(), 'pufa-bench-nosample-'))
  const running = await listen({ ...config, port: await freePort() }, { logger: false, signals, sampleFeedDir: emptySampleDir })
  const base = `${running.url}api/v1/content/changes`
  const gzip = { 'accept-encoding': 'gzip' }
  try {
    await get(`${base}?limit=1`, gzip)

    let since: string | undefined
    let received = 0
    let pages = 0
    let items = 0
    let last: Exchange | undefined
    const coldStarted = performance.now()
    for (;;) {
      const exchange = await get(`${base}?limit=${PAGE_SIZE}${since ? `&since=${since}` : ''}`, gzip)
      if (exchange.status !== 200) throw new Error(`cold sync: HTTP ${exchange.status}`)
      const page = decoded(exchange)
      received += exchange.bytes
      pages += 1
      items += page.items.length
      since = page.cursor
      last = exchange
      if (!page.hasMore) break
    }
    const coldMs = performance.now() - coldStarted
    if (items !== ITEMS) throw new Error(`cold sync saw ${items} items`)

    const warmStarted = performance.now()
    const warm = await get(`${base}?since=${since}`, gzip)
    const warmMs = performance.now() - warmStarted
    const notModified = await get(`${base}?since=${since}`, { ...gzip, 'if-none-match': String(warm.headers.etag) })
    if (warm.status !== 200 || decoded(warm).items.length !== 0 || notModified.status !== 304) throw new Error('warm sync did not find nothing new')
    void last

    console.log(`\n${label}`)
    console.log(`  ingest of ${ITEMS} explainers: ${ingestMs.toFixed(0)} ms (${(ingestMs / ITEMS).toFixed(2)} ms per item)`)
    console.log(`  cold sync: ${pages} pages of up to ${PAGE_SIZE}, ${kb(received)} on the wire (gzip, headers included), ${coldMs.toFixed(0)} ms over loopback`)
    console.log(`  warm sync, nothing new: ${warm.bytes} bytes (200 with an empty page) in ${warmMs.toFixed(1)} ms; with If-None-Match: ${notModified.bytes} bytes (304)`)
    console.log(`  ratio cold-sync bytes ÷ gzip size of the content: ${(received / contentGzipBytes).toFixed(3)} (aim ≤ 1.1)`)
    console.log(`  warm-sync bytes: ${warm.bytes} (aim ≤ 1024)`)
  } finally {
    signals.emit('SIGTERM', 'SIGTERM')
    await running.stopped
    rmSync(emptySampleDir, { recursive: true, force: true })
  }
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pufa-bench-sync-'))
  try {
    const feedFile = path.join(dir, 'feed.json')
    writeFileSync(feedFile, JSON.stringify(generateFeed()))

    // What the content amounts to: every item's stored data, as one gzip stream.
    const probe = loadConfig({ DATA_DIR: path.join(dir, 'probe'), LOG_LEVEL: 'silent' })
    const probeDb = openDatabase(probe)
    let contentBytes: number
    let contentGzipBytes: number
    try {
      await migrate(probeDb.db)
      await ingestSource(probeDb.db, fileSource(feedFile))
      const rows = await probeDb.db.selectFrom('content_items').select('data').orderBy('seq').execute()
      const content = Buffer.from(`[${rows.map((row) => row.data).join(',')}]`)
      contentBytes = content.length
      contentGzipBytes = gzipSync(content).length
    } finally {
      await probeDb.close()
    }
    console.log(`generated ${ITEMS} explainers: content ${kb(contentBytes)} (${(contentBytes / ITEMS / 1024).toFixed(2)} KB per item as stored), gzip ${kb(contentGzipBytes)}`)

    const sqliteDir = path.join(dir, 'sqlite')
    mkdirSync(sqliteDir)
    await measure('SQLite', loadConfig({ DATA_DIR: sqliteDir, LOG_LEVEL: 'silent' }), feedFile, contentGzipBytes)

    const postgres = await postgresDatabase()
    if (postgres === undefined) {
      console.log(`\nPostgreSQL at ${PG_URL_SHOWN} is unreachable: skipped`)
    } else {
      try {
        await measure('PostgreSQL', loadConfig({ DATA_DIR: path.join(dir, 'pg'), DATABASE_URL: postgres.url, LOG_LEVEL: 'silent' }), feedFile, contentGzipBytes)
      } finally {
        await postgres.drop()
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
