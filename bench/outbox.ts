/**
 * `npm run bench:outbox`: subscription messages through the WeChat outbox, against the stand-in of
 * WeChat's API (test/support/wechat-standin.ts), on SQLite and, when it answers, PostgreSQL. Reports
 * are sent and subscribed as the receipt does; staff accept them all over the staff API, as fast as
 * the console can; the sender, started as `pufa serve` starts it, delivers. Prints messages per
 * second and the delay from a staff action's answer to WeChat receiving its message (p50, p99).
 * Then the same with WeChat answering "system busy" to one call in five: the count of messages
 * still owed (retried after 30 s, beyond this run) and that none was sent twice.
 * A benchmark, not a test: it prints figures.
 */
import type { FastifyInstance } from 'fastify'

import type { Config } from '../server/config'
import { migrate } from '../server/db/migrations'
import { loadSampleContentIfEmpty } from '../server/ingest/sample'
import { createServer } from '../server/server'
import { parseTemplateSetting } from '../server/wechat/notice-templates'
import { act, actionTo, complaint, createStaffToken, MOBILE, submit } from '../test/server/staff-helpers'
import { startWeChatStandIn, type SentMessage, type WeChatStandIn } from '../test/support/wechat-standin'
import { printTable } from './load'
import { onEachDatabase } from './postgres'

const REPORTS = Number(process.env.BENCH_REPORTS ?? 200)
const TEMPLATE = 'tpl-accepted-bench'
const SEND = '/cgi-bin/message/subscribe/send'

const rows: string[][] = []

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  return true
}

/** Reports subscribed by distinct WeChat users, each granted one 受理 message. */
async function subscribedReports(app: FastifyInstance, wechat: WeChatStandIn, label: string): Promise<{ id: string; openid: string }[]> {
  const reports: { id: string; openid: string }[] = []
  for (let i = 0; i < REPORTS; i++) {
    const report = await submit(app, complaint())
    const openid = `o-bench-${label}-${i}`
    wechat.grant(openid, TEMPLATE)
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/tips/${report.trackingCode}/subscriptions`,
      headers: { 'content-type': 'application/json', 'x-tip-verifier': MOBILE.slice(-4) },
      payload: JSON.stringify({ loginCode: wechat.loginCode(openid), accepted: [TEMPLATE] }),
    })
    if (response.statusCode !== 200) throw new Error(`subscription answered ${response.statusCode}: ${response.body}`)
    reports.push({ id: report.id, openid })
  }
  return reports
}

async function run(storage: string, base: Config, failOneInFive: boolean): Promise<void> {
  const wechat = await startWeChatStandIn()
  wechat.templates.add(TEMPLATE)
  const received = new Map<string, number>()
  const push = wechat.sent.push.bind(wechat.sent)
  wechat.sent.push = (...messages: SentMessage[]) => {
    for (const message of messages) received.set(message.touser, performance.now())
    return push(...messages)
  }
  const config: Config = {
    ...base,
    rateLimits: false,
    wechatAppId: wechat.appId,
    wechatSecret: wechat.secret,
    wechatApiBase: wechat.url,
    wechatTemplateAccepted: parseTemplateSetting('WECHAT_TEMPLATE_ACCEPTED', TEMPLATE, []),
  }
  const app = await createServer(config, { logger: false })
  try {
    await app.ready()
    await migrate(app.db)
    await loadSampleContentIfEmpty(app.db)
    const staff = (await createStaffToken(config, '广州市劳动保障监察支队')).token
    const label = `${storage}-${failOneInFive ? 'busy' : 'ok'}`
    const reports = await subscribedReports(app, wechat, label)
    if (failOneInFive) wechat.failNext(SEND, Math.floor(REPORTS / 5), 'busy')
    app.noticeSender?.start()

    const acted = new Map<string, number>()
    const started = performance.now()
    for (const report of reports) {
      const response = await act(app, staff, report.id, actionTo('accepted'))
      if (response.statusCode !== 200) throw new Error(`accept answered ${response.statusCode}: ${response.body}`)
      acted.set(report.openid, performance.now())
    }
    const expected = failOneInFive ? REPORTS - Math.floor(REPORTS / 5) : REPORTS
    const done = await waitFor(() => received.size >= expected, 60_000)
    const seconds = (performance.now() - started) / 1000
    const delays = reports
      .flatMap((report) => {
        const at = received.get(report.openid)
        return at === undefined ? [] : [at - (acted.get(report.openid) ?? at)]
      })
      .sort((a, b) => a - b)
    const owed = await app.db.selectFrom('wechat_outbox').select(({ fn }) => fn.countAll<number>().as('count')).where('state', 'in', ['pending', 'sending']).executeTakeFirstOrThrow()
    const twice = wechat.sent.length - new Set(wechat.sent.map((message) => message.touser)).size
    rows.push([
      storage,
      failOneInFive ? '1 in 5 busy' : 'answers',
      String(REPORTS),
      String(received.size),
      (received.size / seconds).toFixed(0),
      percentile(delays, 50).toFixed(0),
      percentile(delays, 99).toFixed(0),
      String(Number(owed.count)),
      String(twice),
      done ? '' : 'timed out',
    ])
  } finally {
    await app.close()
    await wechat.close()
  }
}

async function main(): Promise<void> {
  await onEachDatabase('outbox', async (storage, config) => {
    await run(storage, config, false)
  })
  await onEachDatabase('outbox-busy', async (storage, config) => {
    await run(storage, config, true)
  })
  console.log(`\nsubscription messages: ${REPORTS} reports subscribed to 受理, accepted one after another by staff over the API; the sender as \`pufa serve\` runs it; WeChat is the local stand-in\n`)
  printTable(['storage', 'WeChat', 'owed', 'sent', 'messages/s', 'p50 ms', 'p99 ms', 'still owed', 'sent twice', ''], rows, 2)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
