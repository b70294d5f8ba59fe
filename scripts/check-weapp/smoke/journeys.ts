import { newOutboxReport } from '../../../src/core/tips/outbox'
import { complaintPayload, MOBILE } from '../../../test/support/report-fixtures'
import { visibleTexts, type RenderedNode } from './render-tree'
import type { ShownPage } from './sandbox'
import { SMOKE_TEMPLATES, type SmokeService } from './service'
import type { DeviceSettings, WxStub } from './wx-stub'

/**
 * A person's way through a page of the build while the real service answers (service.ts): the
 * phone as it stands before launch, the page opened with its query, then what the person taps and
 * must see. Unlike a scenario, it goes on past the first render.
 */
export interface Journey {
  name: string
  /** What differs from DEFAULT_DEVICE, besides the storage that `prepare` gives. */
  device: Partial<DeviceSettings>
  /** Before launch: what the phone holds, and which page opens with which query. */
  prepare(): { storage: Record<string, unknown>; page: string; query: Record<string, string> }
  /** What the person does and sees; why the build falls short of it (nothing when it does not). */
  run(page: ShownPage, service: SmokeService, wx: WxStub): Promise<string[]>
}

const RECEIPT = 'packages/report/receipt/index'
const SUBSCRIBE = '接收办理进度提醒'
// The Idempotency-Key the form made for the report.
const REPORT_KEY = 'k7Qf3mZp9xRd2wT8aB4cD6eF8gH0jK2m'

const shows = (text: string) => (nodes: RenderedNode[]) => nodes.some((node) => node.isText && node.text.includes(text))
const shown = (page: ShownPage) => visibleTexts(page.nodes(), 40).map((text) => `「${text}」`).join(' ') || 'no text at all'

/**
 * As the form leaves the phone when the worker taps 提交 in WeChat: the complaint queued in the
 * outbox (storage 'pufa.outbox'), not yet sent, and the receipt opened with the report's key.
 */
function justSubmitted(): ReturnType<Journey['prepare']> {
  return {
    storage: { 'pufa.outbox': [newOutboxReport(REPORT_KEY, complaintPayload(), [], Date.now())] },
    page: RECEIPT,
    query: { key: encodeURIComponent(REPORT_KEY) },
  }
}

/** The receipt once the outbox has sent the report: its tracking code, and the reminder offer. Why not, when it is not. */
async function receiptWithOffer(page: ShownPage, service: SmokeService): Promise<{ trackingCode: string; offered: string[] } | string> {
  if (!(await page.waitFor(shows('查询码')))) return `the receipt never showed 「查询码」 (the report was not sent, or not shown as sent); it shows ${shown(page)}`
  const sent = service.requests.find((request) => request.method === 'POST' && request.path === '/api/v1/tips' && request.status === 201)
  const trackingCode = (sent?.answer as { trackingCode?: string } | undefined)?.trackingCode
  if (!trackingCode) return 'the receipt shows 「查询码」 but the app never got a 201 from POST /api/v1/tips'
  const firstGroup = trackingCode.split('-')[0]
  if (!shows(firstGroup)(page.nodes())) return `the receipt does not show the tracking code ${trackingCode}; it shows ${shown(page)}`
  if (!(await page.waitFor(shows(SUBSCRIBE)))) return `the receipt never offered 「${SUBSCRIBE}」; it shows ${shown(page)}`
  const listed = service.requests.find((request) => request.method === 'GET' && request.path === '/api/v1/wechat/templates' && request.status === 200)
  if (!listed) return `the receipt offered 「${SUBSCRIBE}」 without asking GET /api/v1/wechat/templates`
  const offered = ((listed.answer as { items?: { id: string }[] }).items ?? []).map((item) => item.id)
  return { trackingCode, offered }
}

/** wx.requestSubscribeMessage after the tap, with exactly the templates the service offers. Why not, when it was not. */
function askedWeChat(wx: WxStub, callsBefore: number, offered: string[]): string | undefined {
  const asked = wx.calls.slice(callsBefore).filter((call) => call.api === 'requestSubscribeMessage')
  if (asked.length !== 1) return `tapping 「${SUBSCRIBE}」 called wx.requestSubscribeMessage ${asked.length} times, not once`
  const ids = (asked[0].args[0] as { tmplIds?: unknown } | undefined)?.tmplIds
  const configured = Object.values(SMOKE_TEMPLATES)
  if (JSON.stringify(ids) !== JSON.stringify(offered) || [...offered].sort().join() !== [...configured].sort().join()) {
    return `wx.requestSubscribeMessage got tmplIds ${JSON.stringify(ids)}; the service offers ${JSON.stringify(offered)} (configured: ${configured.join(', ')})`
  }
  return undefined
}

/**
 * Taps 「接收办理进度提醒」, waits for `outcome` on the receipt, then for every request the build made to
 * be answered: a second POST sent alongside the first would still be on its way when the first one's
 * answer shows.
 */
async function subscribeShowing(page: ShownPage, service: SmokeService, outcome: string): Promise<boolean> {
  await page.tap(SUBSCRIBE)
  const done = await page.waitFor(shows(outcome))
  await service.settled()
  return done
}

const subscriptionRequests = (service: SmokeService) => service.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/subscriptions'))

export const JOURNEYS: Journey[] = [
  {
    name: `after sending a report, the receipt subscribes to the bureau's reminders: ${SUBSCRIBE}, all accepted in WeChat (progress-reminders.weapp.ts)`,
    device: { subscribeAnswer: 'accept' },
    prepare: justSubmitted,
    async run(page, service, wx) {
      const receipt = await receiptWithOffer(page, service)
      if (typeof receipt === 'string') return [receipt]
      const callsBefore = wx.calls.length
      const codesBefore = service.loginCodes.length
      const done = await subscribeShowing(page, service, `已开启 ${receipt.offered.length} 项提醒`)
      const problems: string[] = []
      const notAsked = askedWeChat(wx, callsBefore, receipt.offered)
      if (notAsked) problems.push(notAsked)
      const posts = subscriptionRequests(service)
      const expectedPath = `/api/v1/tips/${receipt.trackingCode}/subscriptions`
      if (posts.length !== 1) problems.push(`tapping 「${SUBSCRIBE}」 made ${posts.length} POST …/subscriptions requests, not one`)
      else {
        const [post] = posts
        const body = post.body as { loginCode?: string; accepted?: string[]; pageKey?: string }
        const freshCodes = service.loginCodes.slice(codesBefore)
        if (post.path !== expectedPath) problems.push(`the subscription went to ${post.path}, not ${expectedPath}`)
        if (post.headers['x-tip-verifier'] !== MOBILE.slice(-4)) problems.push(`the subscription's X-Tip-Verifier is ${JSON.stringify(post.headers['x-tip-verifier'])}, not the last four digits of the phone number the worker gave`)
        if (!body.loginCode || !freshCodes.includes(body.loginCode)) problems.push('the subscription does not carry a login code that wx.login gave after the tap')
        if (JSON.stringify(body.accepted) !== JSON.stringify(receipt.offered)) problems.push(`the subscription names ${JSON.stringify(body.accepted)} as accepted; WeChat's dialog accepted ${JSON.stringify(receipt.offered)}`)
        if (body.pageKey !== REPORT_KEY) problems.push(`the subscription's pageKey is ${JSON.stringify(body.pageKey)}, not the report's key (the message opens its status page)`)
        if (post.status !== 200) problems.push(`the service answered the subscription with ${post.status}: ${JSON.stringify(post.answer)}`)
      }
      if (!done) problems.push(`after the tap the receipt does not say 「已开启 ${receipt.offered.length} 项提醒」; it shows ${shown(page)}`)
      else if (shows(SUBSCRIBE)(page.nodes())) problems.push(`once subscribed, the receipt still offers 「${SUBSCRIBE}」`)
      return problems
    },
  },
  {
    name: `the worker refuses in WeChat's dialog: nothing is subscribed, and the receipt says so and offers ${SUBSCRIBE} again`,
    device: { subscribeAnswer: 'reject' },
    prepare: justSubmitted,
    async run(page, service, wx) {
      const receipt = await receiptWithOffer(page, service)
      if (typeof receipt === 'string') return [receipt]
      const callsBefore = wx.calls.length
      const done = await subscribeShowing(page, service, '您没有同意接收提醒')
      const problems: string[] = []
      const notAsked = askedWeChat(wx, callsBefore, receipt.offered)
      if (notAsked) problems.push(notAsked)
      const posts = subscriptionRequests(service)
      if (posts.length > 0) problems.push(`after a refusal the app still sent POST ${posts[0].path}`)
      if (!done) problems.push(`after a refusal the receipt does not say 「您没有同意接收提醒」; it shows ${shown(page)}`)
      else if (!shows(SUBSCRIBE)(page.nodes())) problems.push(`after a refusal the receipt no longer offers 「${SUBSCRIBE}」`)
      return problems
    },
  },
]
