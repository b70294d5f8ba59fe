import { boundKey, missingTitle, unboundAttributes, unmet } from '../../scripts/check-weapp/smoke/assertions'
import { applySetData, renderedNodes } from '../../scripts/check-weapp/smoke/render-tree'
import type { PageVisit } from '../../scripts/check-weapp/smoke/sandbox'
import { createWx, DEFAULT_DEVICE } from '../../scripts/check-weapp/smoke/wx-stub'

// A first render as Taro sends it for a page with a heading, in elder mode.
const firstRender = {
  'root.cn': [
    {
      nn: '6', sid: '_a', ariaRole: 'main', cl: 'pufa-page pufa-elder',
      cn: [{ nn: '5', sid: '_b', ariaRole: 'heading', cl: 'pufa-page__title', cn: [{ sid: '_c', v: '我的', nn: '9' }] }],
    },
  ],
  'root.uid': 'pages/me/index?$taroTimestamp=1',
}

const visit = (calls: PageVisit['calls'] = []): PageVisit => ({
  route: 'pages/me/index', registered: true, methods: ['onLoad', 'onShow'], renders: [firstRender], faults: [], calls,
})

describe('reading a render', () => {
  it('finds text, classes and attributes', () => {
    const nodes = renderedNodes(firstRender)
    expect(nodes.map((node) => node.text)).toEqual(['我的', '我的', '我的'])
    expect(nodes[0].classes).toEqual(['pufa-page', 'pufa-elder'])
    expect(nodes[1].attributes).toEqual({ ariaRole: 'heading' })
  })

  it('keeps the page as WeChat does after later setData paths, and knows where a tap bubbles', () => {
    const data: Record<string, unknown> = {}
    applySetData(data, firstRender)
    applySetData(data, { 'root.cn.[0].cn.[0].cn.[0].v': '关于', 'root.cn.[0].cl': 'pufa-page' })
    // The page's root first, then its elements.
    const nodes = renderedNodes(data)
    expect(nodes.map((node) => node.text)).toEqual(['关于', '关于', '关于', '关于'])
    expect(nodes[1].classes).toEqual(['pufa-page'])
    expect(nodes[3]).toMatchObject({ isText: true, sid: '_c', ancestors: ['_b', '_a'] })
  })

  it('checks the title, classes, texts and attributes', () => {
    expect(missingTitle(visit(), '我的')).toBeUndefined()
    expect(missingTitle(visit(), '关于')).toBe('first render of pages/me/index lacks its title 「关于」; it shows 「我的」')
    expect(unmet({ kind: 'class', className: 'pufa-elder', present: true }, visit(), '')).toBeUndefined()
    expect(unmet({ kind: 'class', className: 'pufa-elder', present: false }, visit(), '')).toBe('first render has the class pufa-elder')
    expect(unmet({ kind: 'text', text: '网络不可用', present: true }, visit(), '')).toBe('first render does not show 「网络不可用」; it shows 「我的」')
  })

  it('finds an attribute under its camelCase name, or under the key its template binds it to', () => {
    const role = { kind: 'attribute' as const, name: 'aria-role', value: 'heading' }
    expect(unmet(role, visit(), '<template name="tmpl_0_5"><text class="{{i.cl}}"></text></template>')).toBeUndefined()
    // With aria-role declared on Taro's Text (component 5), Taro sends it as p4.
    const declared = '<template name="tmpl_0_5">\n  <text aria-role="{{i.p4||\'\'}}" class="{{i.cl}}"></text>\n</template>'
    expect(boundKey(declared, '5', 'aria-role')).toBe('p4')
    expect(unmet(role, visit(), declared)).toBe('no element of the first render has aria-role="heading" (found ["main"])')
    const sentAsP4 = { ...firstRender, 'root.cn': [{ nn: '5', sid: '_b', p4: 'heading', cn: [{ sid: '_c', v: '我的', nn: '9' }] }] }
    expect(unmet(role, { ...visit(), renders: [sentAsP4] }, declared)).toBeUndefined()
  })

  it('finds the key of an input, whose attributes sit in the focus and blur templates its own template picks', () => {
    const input = [
      '<template name="tmpl_0_33"><template is="{{xs.c(i, \'tmpl_0_33_\')}}" data="{{i:i}}" /></template>',
      '<template name="tmpl_0_33_focus"><input value="{{i.p21}}" aria-label="{{i.p2||\'\'}}" focus="{{i.focus}}" /></template>',
      '<template name="tmpl_0_33_blur"><input value="{{i.p21}}" aria-label="{{i.p2||\'\'}}" /></template>',
    ].join('\n')
    expect(boundKey(input, '33', 'aria-label')).toBe('p2')
    expect(boundKey(input, '33', 'aria-role')).toBeUndefined()
    expect(boundKey(input, '3', 'aria-label')).toBeUndefined()
  })

  it('checks the wx calls, with or without arguments', () => {
    const calls = [{ api: 'getStorageSync', args: ['pufa.elderMode'] }]
    expect(unmet({ kind: 'called', api: 'getStorageSync', args: ['pufa.elderMode'] }, visit(calls), '')).toBeUndefined()
    expect(unmet({ kind: 'called', api: 'getStorageSync', args: ['other'] }, visit(calls), '')).toBe('wx.getStorageSync was not called with "other" (calls: getStorageSync)')
    expect(unmet({ kind: 'called', api: 'showShareMenu' }, visit(calls), '')).toBe('wx.showShareMenu was not called (calls: getStorageSync)')
  })

  it('checks a length in the built WXSS, by exact selector', () => {
    const styles = '.bar__item{min-height:50PX}.bar--elder .bar__item{min-height:64PX}.bar--elder .bar__label{font-size:16px}'
    const styled = { ...visit(), styles }
    expect(unmet({ kind: 'style', selector: '.bar--elder .bar__item', property: 'min-height', atLeastPx: 60 }, styled, '')).toBeUndefined()
    expect(unmet({ kind: 'style', selector: '.bar__item', property: 'min-height', atLeastPx: 60 }, styled, '')).toBe(
      'the WXSS gives .bar__item min-height: 50px, less than 60px',
    )
    expect(unmet({ kind: 'style', selector: '.bar--elder .bar__label', property: 'font-size', atLeastPx: 18 }, styled, '')).toBe(
      'the WXSS gives .bar--elder .bar__label font-size: 16px, less than 18px',
    )
    expect(unmet({ kind: 'style', selector: '.bar__label', property: 'font-size', atLeastPx: 12 }, styled, '')).toBe('the WXSS has no rule for .bar__label')
  })

  it('checks the functions the page gave Page()', () => {
    expect(unmet({ kind: 'pageMethod', name: 'onShow' }, visit(), '')).toBeUndefined()
    expect(unmet({ kind: 'pageMethod', name: 'onShareAppMessage' }, visit(), '')).toBe("the page's Page() object has no onShareAppMessage (it has onLoad, onShow)")
  })

  it('names attributes that no template binds', () => {
    expect(unboundAttributes(visit(), '<view class="{{i.cl}}" aria-role="{{i.ariaRole}}"/>')).toEqual([])
    expect(unboundAttributes(visit(), '<view class="{{i.cl}}"/>')).toEqual(['ariaRole'])
  })
})

describe('the stubbed wx', () => {
  const later = (callback: () => void) => callback()

  it('answers with the device settings and records calls', () => {
    const { wx, calls, unstubbed } = createWx({ ...DEFAULT_DEVICE, fontSizeSetting: 24, storage: { 'pufa.elderMode': true } }, later)
    const api = wx as Record<string, (...args: unknown[]) => unknown>
    expect(api.canIUse('getAppBaseInfo')).toBe(true)
    expect(api.canIUse('openBluetoothAdapter')).toBe(false)
    expect(api.getAppBaseInfo()).toMatchObject({ fontSizeSetting: 24 })
    expect(api.getStorageSync('pufa.elderMode')).toBe(true)
    expect(api.getStorageSync('missing')).toBe('')
    expect(calls.map((call) => call.api)).toEqual(['canIUse', 'canIUse', 'getAppBaseInfo', 'getStorageSync', 'getStorageSync'])
    expect(wx.cloud).toBeUndefined()
    expect([...unstubbed]).toEqual(['cloud'])
  })

  it('answers asynchronous APIs through callbacks: network type as set, requests fail offline', () => {
    const { wx } = createWx({ ...DEFAULT_DEVICE, networkType: 'none' }, later)
    const api = wx as Record<string, (options: object) => unknown>
    const network = jest.fn()
    api.getNetworkType({ success: network })
    expect(network).toHaveBeenCalledWith({ errMsg: 'getNetworkType:ok', networkType: 'none' })
    const fail = jest.fn()
    api.request({ url: 'http://127.0.0.1:3000/api/v1/health', fail })
    expect(fail).toHaveBeenCalledWith(expect.objectContaining({ errMsg: expect.stringMatching(/^request:fail/) }))
  })
})
