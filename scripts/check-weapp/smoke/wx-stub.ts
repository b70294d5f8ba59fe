/** What the stubbed phone reports; each smoke scenario changes some of it. */
export interface DeviceSettings {
  /** WeChat's 「字体大小」 in px, as getAppBaseInfo reports it: 17 is the standard size. */
  fontSizeSetting: number
  /** What is in the mini-program's storage before launch, by key. */
  storage: Record<string, unknown>
  /** What getNetworkType reports: 'wifi', '4g', 'none', … */
  networkType: string
  /** What the person taps for every template in WeChat's subscription dialog (wx.requestSubscribeMessage). */
  subscribeAnswer: 'accept' | 'reject'
}

export const DEFAULT_DEVICE: DeviceSettings = { fontSizeSetting: 17, storage: {}, networkType: 'wifi', subscribeAnswer: 'accept' }

/** wx.request's options, as far as the service needs them. */
export interface WxRequest {
  url: string
  method?: string
  data?: unknown
  header?: Record<string, string>
}

export interface WxResponse {
  statusCode: number
  data: unknown
  header: Record<string, string>
}

/** A service the phone reaches: it answers wx.request, and WeChat gives login codes it accepts. Without one the phone is offline. */
export interface Reachable {
  request(options: WxRequest): Promise<WxResponse>
  /** A fresh login code, as wx.login gives (single use). */
  loginCode(): string
}

export interface WxCall {
  api: string
  args: unknown[]
}

export interface WxStub {
  /** The object the build sees as `wx`. */
  wx: Record<string, unknown>
  /** Every call the build made, in order. */
  calls: WxCall[]
  /** Properties the build read that the stub lacks (a hint for whoever extends it). */
  unstubbed: Set<string>
  storage: Map<string, unknown>
}

type Callback = (result: unknown) => void
interface AsyncOptions {
  success?: Callback
  fail?: Callback
  complete?: Callback
}

// Properties the build itself puts on `wx` (webpack's chunk list), not APIs.
const BUILD_PROPERTIES = new Set(['webpackJsonp'])

/**
 * A `wx` that answers like a phone with the given settings and records every call. Without a
 * `service`, it never touches the network (request fails as it would offline); with one, wx.request
 * goes to it. Asynchronous APIs answer through `later`, the sandbox's own timer, so that their
 * callbacks run inside the sandbox's error handling.
 */
export function createWx(device: DeviceSettings, later: (callback: () => void) => void, service?: Reachable): WxStub {
  const calls: WxCall[] = []
  const unstubbed = new Set<string>()
  const storage = new Map(Object.entries(device.storage))
  const systemInfo = {
    brand: 'devtools', model: 'iPhone 12', pixelRatio: 3, screenWidth: 390, screenHeight: 844,
    windowWidth: 390, windowHeight: 753, statusBarHeight: 47, language: 'zh_CN', version: '8.0.50',
    system: 'iOS 17.0', platform: 'ios', SDKVersion: '3.6.0', theme: 'light', enableDebug: false,
    fontSizeSetting: device.fontSizeSetting, safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
  }
  const launchOptions = { path: '', query: {}, scene: 1001, referrerInfo: {} }

  const answer = (api: string, options: AsyncOptions | undefined, result: Record<string, unknown>, failed = false) => {
    later(() => {
      const payload = { errMsg: `${api}:${failed ? 'fail' : 'ok'}`, ...result }
      if (failed) options?.fail?.(payload)
      else options?.success?.(payload)
      options?.complete?.(payload)
    })
  }
  const succeeds = (api: string, result: Record<string, unknown> = {}) => (options?: AsyncOptions) => answer(api, options, result)

  const apis: Record<string, (...args: never[]) => unknown> = {
    canIUse: (schema: string) => Object.hasOwn(apis, schema.split('.')[0]),
    getSystemInfoSync: () => ({ ...systemInfo }),
    getSystemInfo: succeeds('getSystemInfo', systemInfo),
    getWindowInfo: () => ({ ...systemInfo }),
    getAppBaseInfo: () => ({ ...systemInfo }),
    getDeviceInfo: () => ({ ...systemInfo }),
    getSystemSetting: () => ({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true, deviceOrientation: 'portrait' }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 51, right: 380, bottom: 83, left: 293 }),
    getLaunchOptionsSync: () => ({ ...launchOptions }),
    getEnterOptionsSync: () => ({ ...launchOptions }),

    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage: (options: AsyncOptions & { key: string }) =>
      answer('getStorage', options, { data: storage.get(options.key) }, !storage.has(options.key)),
    setStorage: (options: AsyncOptions & { key: string; data: unknown }) => {
      storage.set(options.key, options.data)
      answer('setStorage', options, {})
    },
    removeStorage: (options: AsyncOptions & { key: string }) => {
      storage.delete(options.key)
      answer('removeStorage', options, {})
    },

    getNetworkType: (options?: AsyncOptions) => answer('getNetworkType', options, { networkType: device.networkType }),
    onNetworkStatusChange: () => undefined,
    offNetworkStatusChange: () => undefined,
    request: (options?: AsyncOptions & WxRequest) => {
      if (!service || !options) answer('request', options, { errMsg: 'request:fail the smoke test has no network' }, true)
      else {
        service.request(options).then(
          (response) => answer('request', options, { ...response }),
          (error: unknown) => answer('request', options, { errMsg: `request:fail ${String(error)}` }, true),
        )
      }
      return { abort: () => undefined, onHeadersReceived: () => undefined, offHeadersReceived: () => undefined }
    },

    // A login code as WeChat gives one: without a service, its sign-in then fails like every request (offline).
    login: (options?: AsyncOptions) => answer('login', options, { code: service ? service.loginCode() : 'smoke-test-login-code' }),

    // WeChat's dialog for subscription messages, answered for every template as the device settings say.
    requestSubscribeMessage: (options?: AsyncOptions & { tmplIds?: string[] }) =>
      answer('requestSubscribeMessage', options, Object.fromEntries((options?.tmplIds ?? []).map((id) => [id, device.subscribeAnswer]))),

    showShareMenu: succeeds('showShareMenu'),
    hideShareMenu: succeeds('hideShareMenu'),
    updateShareMenu: succeeds('updateShareMenu'),

    navigateTo: succeeds('navigateTo'),
    redirectTo: succeeds('redirectTo'),
    switchTab: succeeds('switchTab'),
    reLaunch: succeeds('reLaunch'),
    navigateBack: succeeds('navigateBack'),
    setNavigationBarTitle: succeeds('setNavigationBarTitle'),
    setNavigationBarColor: succeeds('setNavigationBarColor'),
    pageScrollTo: succeeds('pageScrollTo'),
    stopPullDownRefresh: succeeds('stopPullDownRefresh'),
    showToast: succeeds('showToast'),
    hideToast: succeeds('hideToast'),
    showLoading: succeeds('showLoading'),
    hideLoading: succeeds('hideLoading'),
    showModal: succeeds('showModal', { confirm: true, cancel: false }),
    makePhoneCall: succeeds('makePhoneCall'),
    setClipboardData: succeeds('setClipboardData'),
    nextTick: (callback: () => void) => later(callback),
  }

  const wx: Record<string, unknown> = { env: { USER_DATA_PATH: 'wxfile://usr' } }
  for (const [api, implementation] of Object.entries(apis)) {
    wx[api] = (...args: never[]) => {
      calls.push({ api, args })
      return implementation(...args)
    }
  }
  const recorded = new Proxy(wx, {
    get(target, property, receiver) {
      if (typeof property === 'string' && !(property in target) && !BUILD_PROPERTIES.has(property)) unstubbed.add(property)
      return Reflect.get(target, property, receiver)
    },
  })
  return { wx: recorded, calls, unstubbed, storage }
}
