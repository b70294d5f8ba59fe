import fs from 'node:fs'
import path from 'node:path'
import util from 'node:util'
import vm from 'node:vm'
import { applySetData, renderedNodes, type RenderedNode } from './render-tree'
import { createWx, type DeviceSettings, type Reachable, type WxCall, type WxStub } from './wx-stub'

/** Something that went wrong inside the build, where the build's own stack points. */
export interface Fault {
  /** Path inside the build. */
  file: string
  line: number
  column?: number
  message: string
}

export interface PageVisit {
  route: string
  registered: boolean
  /** The functions of the object the page passed to Page(): lifecycle and share hooks such as onShareAppMessage. */
  methods: string[]
  /** setData payloads, in order; the first is the first render. */
  renders: Record<string, unknown>[]
  /** Errors thrown, promises rejected and console.error calls while the page loaded and rendered. */
  faults: Fault[]
  /** wx calls made while the page loaded and rendered. */
  calls: WxCall[]
  /** The built WXSS of the page or component, where a scenario checks sizes. */
  styles?: string
}

/** A page left open after its first render, which a scenario reads and taps. */
export interface ShownPage {
  /** What happened so far: renders, faults and wx calls since the page was opened. */
  visit(): PageVisit
  /** The page as it stands now (every setData applied), depth first. */
  nodes(): RenderedNode[]
  /** Taps the element showing exactly this text; false when the page shows no such text. */
  tap(text: string): Promise<boolean>
  /** Waits until the page shows what `done` looks for (at most a few seconds); whether it does. */
  waitFor(done: (nodes: RenderedNode[]) => boolean, timeoutMs?: number): Promise<boolean>
  /** onHide and onUnload, as when the person leaves the page. */
  close(): void
}

/** The parts of app.json the sandbox needs. */
export interface AppLayout {
  subpackageRoots: string[]
}

type Hook = (this: unknown, ...args: unknown[]) => unknown
type Registered = Record<string, unknown>
interface Module {
  exports: unknown
}

// WeChat renders within a frame or two; a page with nothing on screen after this is broken.
const FIRST_RENDER_TIMEOUT_MS = 3000
// After the first render, time for effects (and the errors they may throw) to run.
const SETTLE_MS = 50
const LAUNCH_OPTIONS = { path: '', query: {}, scene: 1001, referrerInfo: {} }

/**
 * The build running the way WeChat's JS engine runs it, inside a node:vm context: app.js and page
 * files evaluated with a mini-program `require` (relative paths, packages that may not reach into
 * one another's files), the globals App, Page, Component, getApp and getCurrentPages, and a stubbed
 * `wx`. Every timer the build sets is tracked, so dispose() leaves nothing running.
 */
export class MiniProgramSandbox {
  readonly wx: WxStub
  private readonly dist: string
  private readonly context: vm.Context
  private readonly modules = new Map<string, Module>()
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly faults: Fault[] = []
  private app: Registered | undefined
  private registeredPage: Registered | undefined
  /** Set while a custom component's file is evaluated, to catch its Component() call. */
  private registeredComponent: Registered | undefined
  private expectingComponent = false
  private pageStack: Registered[] = []
  private disposed = false
  /** The file being evaluated or the page being shown: where faults without a usable stack are reported. */
  private currentFile = 'app.js'
  private readonly onRejection = (reason: unknown) => this.faults.push(this.locate(reason, 'unhandled promise rejection: '))

  constructor(
    dist: string,
    private readonly layout: AppLayout,
    device: DeviceSettings,
    service?: Reachable,
  ) {
    this.dist = path.resolve(dist)
    this.wx = createWx(device, (callback) => this.setTimer(setTimeout, callback, 0), service)
    // React reports an error in rendering through console.error (and then renders nothing), so it counts as a fault.
    const console = {
      log: () => undefined,
      info: () => undefined,
      debug: () => undefined,
      warn: () => undefined,
      error: (...args: unknown[]) => this.faults.push(this.locate(args.find(isErrorLike) ?? util.format(...args), 'console.error: ')),
    }
    this.context = vm.createContext({
      console,
      wx: this.wx.wx,
      setTimeout: (callback: () => void, ms?: number) => this.setTimer(setTimeout, callback, ms),
      setInterval: (callback: () => void, ms?: number) => this.setTimer(setInterval, callback, ms),
      clearTimeout: (timer: NodeJS.Timeout | undefined) => this.clearTimer(timer),
      clearInterval: (timer: NodeJS.Timeout | undefined) => this.clearTimer(timer),
      App: (config: Registered) => this.registerApp(config),
      Page: (config: Registered) => this.registerPage(config),
      // Taro's comp.js registers its recursive wrapper; instances of it belong to the renderer, which this is not.
      // A custom component opened by openComponent() (the custom tab bar) is caught and attached.
      Component: (config: Registered) => {
        if (this.expectingComponent) this.registeredComponent = config
      },
      Behavior: (definition: Registered) => definition,
      getApp: () => this.app,
      getCurrentPages: () => this.pageStack,
    })
    process.on('unhandledRejection', this.onRejection)
  }

  /** Evaluates app.js (App() must be called) and runs onLaunch and onShow. */
  launch(): Fault[] {
    const before = this.faults.length
    this.currentFile = 'app.js'
    this.run(() => this.load('app.js'))
    if (!this.app) {
      if (this.faults.length === before) this.faults.push({ file: 'app.js', line: 1, message: 'app.js ran without calling App()' })
      return this.faults.slice(before)
    }
    this.callHook(this.app, 'onLaunch', LAUNCH_OPTIONS)
    this.callHook(this.app, 'onShow', LAUNCH_OPTIONS)
    return this.faults.slice(before)
  }

  /** Opens a page as WeChat does (onLoad, onShow, first render, onReady), then closes it (onHide, onUnload). */
  async openPage(route: string, query: Record<string, string> = {}): Promise<PageVisit> {
    const shown = await this.showPage(route, query)
    shown.close()
    return shown.visit()
  }

  /**
   * Opens a page as WeChat does with this query (onLoad gets it as WeChat passes it, values as they
   * stand in the URL), up to its first render and onReady, and leaves it open: the person may then
   * read it and tap it until close().
   */
  async showPage(route: string, query: Record<string, string> = {}): Promise<ShownPage> {
    const file = `${route}.js`
    const faultsBefore = this.faults.length
    const callsBefore = this.wx.calls.length
    const renders: Record<string, unknown>[] = []
    let registered = false
    let methods: string[] = []
    const visit = (): PageVisit => ({ route, registered, methods, renders, faults: this.faults.slice(faultsBefore), calls: this.wx.calls.slice(callsBefore) })
    const nothingShown = (): ShownPage => ({ visit, nodes: () => [], tap: () => Promise.resolve(false), waitFor: () => Promise.resolve(false), close: () => undefined })
    this.currentFile = file
    this.registeredPage = undefined
    if (!fs.existsSync(path.join(this.dist, file))) {
      this.faults.push({ file: 'app.json', line: 1, message: `page ${route} is in app.json but ${file} is not in the build` })
      return nothingShown()
    }
    this.run(() => this.load(file))
    const config = this.registeredPage as Registered | undefined
    if (!config) {
      if (this.faults.length === faultsBefore) this.faults.push({ file, line: 1, message: `${file} ran without calling Page()` })
      return nothingShown()
    }
    registered = true
    methods = Object.keys(config).filter((key) => typeof config[key] === 'function')

    const data = JSON.parse(JSON.stringify(config.data ?? {})) as Record<string, unknown>
    const page: Registered = {
      ...config,
      data,
      route,
      __route__: route,
      options: { ...query },
      setData: (payload: Record<string, unknown>, callback?: () => void) => {
        renders.push(JSON.parse(JSON.stringify(payload)))
        applySetData(data, payload)
        if (callback) this.setTimer(setTimeout, callback, 0)
      },
    }
    this.pageStack = [page]
    this.callHook(page, 'onLoad', { ...query })
    this.callHook(page, 'onShow')
    await this.until(() => renders.length > 0 || this.faults.length > faultsBefore, FIRST_RENDER_TIMEOUT_MS)
    this.callHook(page, 'onReady')
    await pause(SETTLE_MS)
    const nodes = () => renderedNodes(data)
    let open = true
    return {
      visit,
      nodes,
      tap: async (text) => {
        // The innermost element showing exactly this text, as a finger lands on it; WeChat then calls
        // the handler Taro binds on it and on each element around it, innermost first.
        const target = nodes().find((node) => node.isText && node.text.trim() === text)
        if (!target) return false
        const [first, ...around] = target.sid === undefined || target.isText ? target.ancestors : [target.sid, ...target.ancestors]
        if (first === undefined) return false
        const handler = page.eh
        if (typeof handler !== 'function') return false
        for (const sid of [first, ...around]) {
          const event = { type: 'tap', timeStamp: Date.now(), detail: { x: 0, y: 0 }, target: { id: first, dataset: { sid: first } }, currentTarget: { id: sid, dataset: { sid } } }
          this.run(() => (handler as Hook).call(page, event))
        }
        await pause(SETTLE_MS)
        return true
      },
      waitFor: async (done, timeoutMs = FIRST_RENDER_TIMEOUT_MS) => {
        await this.until(() => done(nodes()), timeoutMs)
        return done(nodes())
      },
      close: () => {
        if (!open) return
        open = false
        this.callHook(page, 'onHide')
        this.callHook(page, 'onUnload')
        this.pageStack = []
      },
    }
  }

  /**
   * Attaches a custom component of the build (e.g. custom-tab-bar/index) as WeChat does beside the
   * page last opened, waits for its first render, then detaches it. Its renders count as a visit.
   */
  async openComponent(name: string): Promise<PageVisit> {
    const file = `${name}.js`
    const faultsBefore = this.faults.length
    const callsBefore = this.wx.calls.length
    const renders: Record<string, unknown>[] = []
    const visit = (registered: boolean): PageVisit => ({
      route: name,
      registered,
      methods: [],
      renders,
      faults: this.faults.slice(faultsBefore),
      calls: this.wx.calls.slice(callsBefore),
    })
    this.currentFile = file
    if (!fs.existsSync(path.join(this.dist, file))) {
      this.faults.push({ file: 'app.json', line: 1, message: `component ${name} is not in the build` })
      return visit(false)
    }
    this.registeredComponent = undefined
    this.expectingComponent = true
    try {
      this.run(() => this.load(file))
    } finally {
      this.expectingComponent = false
    }
    const config = this.registeredComponent as Registered | undefined
    if (!config) {
      if (this.faults.length === faultsBefore) this.faults.push({ file, line: 1, message: `${file} ran without calling Component()` })
      return visit(false)
    }
    const lifetimes = (config.lifetimes ?? {}) as Registered
    const instance: Registered = {
      ...((config.methods ?? {}) as Registered),
      data: JSON.parse(JSON.stringify(config.data ?? {})),
      is: name,
      setData: (payload: Record<string, unknown>, callback?: () => void) => {
        renders.push(JSON.parse(JSON.stringify(payload)))
        if (callback) this.setTimer(setTimeout, callback, 0)
      },
    }
    const hook = (key: string) => (typeof lifetimes[key] === 'function' ? lifetimes[key] : config[key])
    const attached = hook('attached')
    if (typeof attached === 'function') this.run(() => (attached as Hook).apply(instance))
    await this.until(() => renders.length > 0 || this.faults.length > faultsBefore, FIRST_RENDER_TIMEOUT_MS)
    await pause(SETTLE_MS)
    const detached = hook('detached')
    if (typeof detached === 'function') this.run(() => (detached as Hook).apply(instance))
    return visit(true)
  }

  /** Stops every timer the build set and stops listening for its rejected promises. */
  dispose(): void {
    this.disposed = true
    this.timers.forEach((timer) => clearTimeout(timer))
    this.timers.clear()
    process.off('unhandledRejection', this.onRejection)
  }

  private registerApp(config: Registered): void {
    if (this.app) throw new Error('App() was called a second time')
    this.app = config
  }

  private registerPage(config: Registered): void {
    if (this.registeredPage) throw new Error('Page() was called a second time by the same page')
    this.registeredPage = config
  }

  private callHook(target: Registered, name: string, ...args: unknown[]): void {
    const hook = target[name]
    if (typeof hook === 'function') this.run(() => (hook as Hook).apply(target, args))
  }

  /** Runs build code, turning what it throws into a fault. */
  private run(action: () => unknown): void {
    try {
      action()
    } catch (error) {
      this.faults.push(this.locate(error))
    }
  }

  private setTimer(start: typeof setTimeout | typeof setInterval, callback: () => void, ms = 0): NodeJS.Timeout | undefined {
    // An answer arriving after the sandbox was closed (a request still under way) runs nothing.
    if (this.disposed) return undefined
    const timer: NodeJS.Timeout = start(() => {
      if (start === setTimeout) this.timers.delete(timer)
      this.run(callback)
    }, ms)
    this.timers.add(timer)
    return timer
  }

  private clearTimer(timer: NodeJS.Timeout | undefined): void {
    if (timer === undefined) return
    clearTimeout(timer)
    this.timers.delete(timer)
  }

  private until(done: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    return new Promise((resolve) => {
      const poll = () => (done() || Date.now() >= deadline ? resolve() : setTimeout(poll, 5))
      poll()
    })
  }

  /** Evaluates a file of the build once, as WeChat does, with its own module, exports and require. */
  private load(file: string): unknown {
    const cached = this.modules.get(file)
    if (cached) return cached.exports
    const module: Module = { exports: {} }
    this.modules.set(file, module)
    const source = fs.readFileSync(path.join(this.dist, file), 'utf8')
    const evaluate = vm.compileFunction(source, ['require', 'module', 'exports'], {
      filename: path.join(this.dist, file),
      parsingContext: this.context,
    })
    evaluate((request: string) => this.require(file, request), module, module.exports)
    return module.exports
  }

  /** WeChat's rules: paths relative to the requiring file, `.js` optional, no reaching into another package. */
  private require(from: string, request: string): unknown {
    const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), request))
    const target = joined.endsWith('.js') ? joined : `${joined}.js`
    if (target.startsWith('../')) throw new Error(`${from} requires "${request}", which is outside the build`)
    const owner = this.packageOf(target)
    if (owner !== 'main' && owner !== this.packageOf(from)) {
      const source = this.packageOf(from) === 'main' ? 'the main package' : `subpackage ${this.packageOf(from)}`
      throw new Error(`${from} requires ${target} of subpackage ${owner}, which WeChat does not load for ${source}`)
    }
    if (!fs.existsSync(path.join(this.dist, target))) throw new Error(`module "${target}" is not defined (required by ${from})`)
    return this.load(target)
  }

  private packageOf(file: string): string {
    return this.layout.subpackageRoots.find((root) => file.startsWith(root)) ?? 'main'
  }

  /** The innermost frame of the stack that lies in the build, or else the file being run. */
  private locate(error: unknown, prefix = ''): Fault {
    const message = prefix + (isErrorLike(error) ? `${error.name}: ${error.message}` : String(error))
    const stack = isErrorLike(error) ? (error.stack ?? '') : ''
    const escaped = this.dist.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const frame = new RegExp(`${escaped}/([^\\s:()]+):(\\d+)(?::(\\d+))?`).exec(stack)
    if (!frame) return { file: this.currentFile, line: 1, message }
    return { file: frame[1], line: Number(frame[2]), column: frame[3] ? Number(frame[3]) : undefined, message }
  }
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Errors made inside the sandbox are not instances of this realm's Error, hence duck typing. */
function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as Error).message === 'string' && typeof (value as Error).stack === 'string'
}
