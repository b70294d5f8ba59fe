// The service's WeChat client against the stand-in of WeChat's documented server API.
import { WeChatApi, WeChatError, WeChatUnavailable, WECHAT_ERRCODES } from '../../server/wechat/wechat-api'
import { freePort } from '../support/free-port'
import { startWeChatStandIn, type WeChatStandIn } from '../support/wechat-standin'

describe('the WeChat client', () => {
  let wechat: WeChatStandIn
  let api: WeChatApi
  let now = Date.now()

  beforeEach(async () => {
    wechat = await startWeChatStandIn()
    now = Date.now()
    api = new WeChatApi({ appId: wechat.appId, secret: wechat.secret, apiBase: wechat.url }, () => now)
  })
  afterEach(() => wechat.close())

  it('exchanges a login code for the openid, once', async () => {
    const code = wechat.loginCode('o-worker-1')
    expect(await api.code2Session(code)).toEqual({ openid: 'o-worker-1' })
    const again = await api.code2Session(code).catch((error: unknown) => error)
    expect(again).toBeInstanceOf(WeChatError)
    expect((again as WeChatError).errcode).toBe(WECHAT_ERRCODES.codeUsed)
    expect(String(again)).not.toContain(code)
  })

  it('refuses with a wrong secret, naming no secret', async () => {
    const wrong = new WeChatApi({ appId: wechat.appId, secret: 'a'.repeat(32), apiBase: wechat.url })
    const error = await wrong.code2Session(wechat.loginCode('o-1')).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(WeChatError)
    expect(String(error)).not.toContain('a'.repeat(32))
  })

  it('keeps the access token until shortly before it expires, and renews it when WeChat voids it', async () => {
    wechat.templates.add('tpl-accepted')
    for (let i = 0; i < 3; i++) wechat.grant('o-1', 'tpl-accepted')
    const message = { openid: 'o-1', templateId: 'tpl-accepted', page: 'packages/report/status/index?code=X', data: { thing1: '已受理' } }
    await api.sendSubscribeMessage(message)
    await api.sendSubscribeMessage(message)
    expect(wechat.calls('/cgi-bin/stable_token')).toBe(1)
    // Voided early by WeChat: one refresh, and the send goes through.
    wechat.expireTokens()
    await api.sendSubscribeMessage(message)
    expect(wechat.calls('/cgi-bin/stable_token')).toBe(2)
    expect(wechat.sent).toHaveLength(3)
    expect(wechat.sent[0]).toMatchObject({ touser: 'o-1', template_id: 'tpl-accepted', data: { thing1: { value: '已受理' } } })
    // Close to its end (7,200 s, renewed 5 minutes before).
    now += 7200 * 1000 - 4 * 60 * 1000
    wechat.grant('o-1', 'tpl-accepted')
    await api.sendSubscribeMessage(message)
    expect(wechat.calls('/cgi-bin/stable_token')).toBe(3)
  })

  it('tells a refusal (no subscription left) from WeChat being unavailable', async () => {
    wechat.templates.add('tpl-closed')
    const message = { openid: 'o-2', templateId: 'tpl-closed', page: 'packages/report/status/index', data: { thing1: '已办结' } }
    const refused = await api.sendSubscribeMessage(message).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(WeChatError)
    expect((refused as WeChatError).errcode).toBe(WECHAT_ERRCODES.userRefused)
    expect(String(refused)).not.toContain('o-2')

    wechat.failNext('/cgi-bin/message/subscribe/send', 1, 'busy')
    await expect(api.sendSubscribeMessage(message)).rejects.toBeInstanceOf(WeChatUnavailable)
    wechat.failNext('/cgi-bin/message/subscribe/send', 1, 'http')
    await expect(api.sendSubscribeMessage(message)).rejects.toBeInstanceOf(WeChatUnavailable)
    const nobody = new WeChatApi({ appId: wechat.appId, secret: wechat.secret, apiBase: `http://127.0.0.1:${await freePort()}` })
    await expect(nobody.code2Session('x')).rejects.toBeInstanceOf(WeChatUnavailable)
  })

  it('reads the phone number behind a getPhoneNumber code', async () => {
    expect(await api.phoneNumber(wechat.phoneCode('13800138000'))).toBe('13800138000')
    const error = await api.phoneNumber('not-a-code').catch((caught: unknown) => caught)
    expect((error as WeChatError).errcode).toBe(WECHAT_ERRCODES.invalidCode)
  })
})
