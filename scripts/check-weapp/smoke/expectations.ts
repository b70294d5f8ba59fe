import type { DeviceSettings } from './wx-stub'

/**
 * The heading each page shows on its first render, so that a blank page fails. Every page of
 * app.json (main package and subpackages) must be here: add a line when you add a page.
 */
export const PAGE_TITLES: Record<string, string> = {
  'pages/home/index': '法治人社',
  'pages/policies/index': '政策解读',
  'pages/quiz/index': '法治答题',
  'pages/report/index': '欠薪反映',
  'pages/me/index': '我的',
  'packages/policy/detail/index': '政策详情',
  'packages/policy/holidays/index': '节假日与加班工资',
  'packages/policy/search/index': '搜索政策',
  'packages/quiz/practice/index': '练习答题',
  'packages/quiz/mistakes/index': '错题本',
  'packages/quiz/report-question/index': '题目纠错',
  'packages/quiz/contest/index': '知识竞赛',
  'packages/quiz/contest-play/index': '竞赛答题',
  'packages/quiz/contest-result/index': '竞赛成绩',
  'packages/quiz/contest-stats/index': '各区参与情况',
  'packages/report/guide/index': '反映前的准备',
  'packages/report/form/index': '填写欠薪反映',
  'packages/report/receipt/index': '反映回执',
  'packages/report/mine/index': '我的反映',
  'packages/report/status/index': '查询进度',
  'packages/me/favourites/index': '我的收藏',
  'packages/me/history/index': '阅读记录',
  'packages/me/feedback/index': '投诉建议',
  'packages/me/privacy/index': '隐私政策',
  'packages/me/about/index': '关于',
}

/** Something a page's first render, or the wx calls made while it loaded, must show. */
export type Expectation =
  /** A class on some rendered element, e.g. the elder-mode class `pufa-elder`. */
  | { kind: 'class'; className: string; present: boolean }
  /** A wx API called while the page loaded, optionally with these first arguments. */
  | { kind: 'called'; api: string; args?: unknown[] }
  /** A text somewhere on the page, e.g. an offline notice. */
  | { kind: 'text'; text: string; present: boolean }
  /** An attribute, by its WXML name (e.g. `aria-role`), sent for some rendered element with this value. */
  | { kind: 'attribute'; name: string; value: unknown }
  /** A function of the page's Page() object, e.g. onShareAppMessage, without which WeChat offers no sharing. */
  | { kind: 'pageMethod'; name: string }
  /** A length in the built WXSS of the page (or component): the rule for `selector` sets `property` to at least this many px. */
  | { kind: 'style'; selector: string; property: string; atLeastPx: number }

/** One launch of the app on a phone set up a given way, and what a page must then do. */
export interface Scenario {
  name: string
  /** What differs from DEFAULT_DEVICE (font size 17, empty storage, wifi). */
  device: Partial<DeviceSettings>
  page: string
  /** A custom component shown beside the page (e.g. custom-tab-bar/index): `expect` is then about its first render and WXSS. */
  component?: string
  expect: Expectation[]
}

const ELDER_CLASS = 'pufa-elder'
const TAB_BAR = 'custom-tab-bar/index'

/**
 * The WeChat-only code paths (the `.weapp.ts` files of src, and the wx APIs behind Taro's), each run
 * at least once. Network-status scenarios join when that feature lands, e.g.
 * `{ device: { networkType: 'none' }, expect: [{ kind: 'called', api: 'getNetworkType' }, { kind: 'text', … }] }`.
 */
export const PLATFORM_SCENARIOS: Scenario[] = [
  {
    name: 'large system font (24px) turns elder mode on (font-size.weapp.ts)',
    device: { fontSizeSetting: 24 },
    page: 'pages/home/index',
    expect: [
      { kind: 'called', api: 'getAppBaseInfo' },
      { kind: 'class', className: ELDER_CLASS, present: true },
    ],
  },
  {
    name: 'standard system font (17px) leaves elder mode off',
    device: { fontSizeSetting: 17 },
    page: 'pages/home/index',
    expect: [
      { kind: 'called', api: 'getAppBaseInfo' },
      { kind: 'class', className: ELDER_CLASS, present: false },
    ],
  },
  {
    name: 'elder mode stored on the device wins over a standard font (storage.ts)',
    device: { fontSizeSetting: 17, storage: { 'pufa.elderMode': true } },
    page: 'pages/home/index',
    expect: [
      { kind: 'called', api: 'getStorageSync', args: ['pufa.elderMode'] },
      { kind: 'class', className: ELDER_CLASS, present: true },
    ],
  },
  {
    name: 'elder mode switched off on the device wins over a large font',
    device: { fontSizeSetting: 24, storage: { 'pufa.elderMode': false } },
    page: 'pages/me/index',
    expect: [
      { kind: 'called', api: 'getStorageSync', args: ['pufa.elderMode'] },
      { kind: 'class', className: ELDER_CLASS, present: false },
    ],
  },
  {
    name: 'headings carry WeChat screen-reader roles (a11y.weapp.ts)',
    device: {},
    page: 'pages/home/index',
    expect: [{ kind: 'attribute', name: 'aria-role', value: 'heading' }],
  },
  {
    name: '我的反映 signs in with wx.login when no WeChat session is kept, to list the reports of this WeChat (wechat-session.weapp.ts)',
    device: {},
    page: 'packages/report/mine/index',
    expect: [{ kind: 'called', api: 'login' }],
  },
  {
    name: 'the complaint form offers the phone number bound to WeChat (wechat-phone/index.weapp.tsx)',
    device: {},
    page: 'packages/report/form/index',
    expect: [{ kind: 'text', text: '使用微信绑定的手机号', present: true }],
  },
  {
    name: 'text inputs carry their label as WeChat screen-reader name (control.weapp.ts)',
    device: {},
    page: 'packages/report/form/index',
    expect: [{ kind: 'attribute', name: 'aria-label', value: '用人单位名称' }],
  },
  {
    name: 'the custom tab bar shows the five tabs at normal size, the shown tab selected (custom-tab-bar)',
    device: { fontSizeSetting: 17 },
    page: 'pages/quiz/index',
    component: TAB_BAR,
    expect: [
      ...['首页', '政策', '答题', '反映', '我的'].map((text): Expectation => ({ kind: 'text', text, present: true })),
      { kind: 'class', className: 'tab-bar--elder', present: false },
      { kind: 'attribute', name: 'aria-label', value: '答题，当前页' },
      { kind: 'style', selector: '.tab-bar__item', property: 'min-height', atLeastPx: 48 },
    ],
  },
  {
    name: 'in elder mode the custom tab bar has labels of 18 px or more and targets of 60 px or more',
    device: { fontSizeSetting: 17, storage: { 'pufa.elderMode': true } },
    page: 'pages/me/index',
    component: TAB_BAR,
    expect: [
      { kind: 'class', className: 'tab-bar--elder', present: true },
      { kind: 'attribute', name: 'aria-label', value: '我的，当前页' },
      { kind: 'style', selector: '.tab-bar--elder .tab-bar__label', property: 'font-size', atLeastPx: 18 },
      { kind: 'style', selector: '.tab-bar--elder .tab-bar__item', property: 'min-height', atLeastPx: 60 },
    ],
  },
  ...['packages/policy/detail/index', 'packages/quiz/contest/index'].map(
    (page): Scenario => ({
      name: `${page} can be shared as a card (useShareAppMessage, enableShareAppMessage)`,
      device: {},
      page,
      expect: [{ kind: 'pageMethod', name: 'onShareAppMessage' }],
    }),
  ),
]
