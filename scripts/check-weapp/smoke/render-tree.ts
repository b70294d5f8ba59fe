/**
 * Reading what Taro sends to WeChat in setData. Taro renders a page as a tree of plain objects:
 * `nn` names the component, `cn` holds the children, `v` a text node's text, `cl` the class, `sid`
 * and `uid` the ids; other keys are attributes (short names such as `p1` for common ones).
 */
export interface RenderedNode {
  /** Taro's number for the component (`nn`), which names its template in base.wxml: tmpl_0_<nn>. */
  nodeName: string
  /** A text node (what a person reads), rather than an element. */
  isText: boolean
  /** All the text inside the node, its descendants' included. */
  text: string
  classes: string[]
  /** Attributes by the keys Taro sends them under, without the structural ones. */
  attributes: Record<string, unknown>
  /** Taro's id of the node (`sid`), by which its event handler finds it. */
  sid: string | undefined
  /** The ids of the elements around it, the nearest first: where WeChat bubbles a tap. */
  ancestors: string[]
}

const STRUCTURAL_KEYS = new Set(['nn', 'cn', 'v', 'cl', 'sid', 'uid'])

type TaroNode = Record<string, unknown>

const isNode = (value: unknown): value is TaroNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && ('cn' in value || 'v' in value)

/** Every node in a setData payload (`{ 'root.cn': [...], 'root.uid': '…' }` for a first render), depth first. */
export function renderedNodes(payload: Record<string, unknown>): RenderedNode[] {
  const nodes: RenderedNode[] = []
  const visit = (node: TaroNode, ancestors: string[]): string => {
    const sid = typeof node.sid === 'string' ? node.sid : undefined
    const entry: RenderedNode = {
      nodeName: String(node.nn ?? ''),
      isText: typeof node.v === 'string',
      text: '',
      classes: typeof node.cl === 'string' ? node.cl.split(/\s+/).filter(Boolean) : [],
      attributes: Object.fromEntries(Object.entries(node).filter(([key]) => !STRUCTURAL_KEYS.has(key))),
      sid,
      ancestors,
    }
    nodes.push(entry)
    const children = Array.isArray(node.cn) ? node.cn.filter(isNode) : []
    const inner = sid === undefined ? ancestors : [sid, ...ancestors]
    entry.text = (typeof node.v === 'string' ? node.v : '') + children.map((child) => visit(child, inner)).join('')
    return entry.text
  }
  const walk = (value: unknown): void => {
    if (isNode(value)) visit(value, [])
    else if (Array.isArray(value)) value.forEach(walk)
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk)
  }
  walk(payload)
  return nodes
}

/** The first texts a person would read, for messages. */
export function visibleTexts(nodes: RenderedNode[], limit = 5): string[] {
  return nodes
    .filter((node) => node.isText && node.text.trim())
    .slice(0, limit)
    .map((node) => node.text.trim())
}

/**
 * The page's data after a setData payload, as WeChat keeps it: each key is a path such as
 * `root.cn.[0].cn.[2].v` (Taro's updates after the first render) whose value replaces what is there.
 */
export function applySetData(data: Record<string, unknown>, payload: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(payload)) {
    const steps = key.split('.').flatMap((part) => {
      const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part)
      if (!match) return [part]
      const indices = [...match[2].matchAll(/\[(\d+)\]/g)].map((index) => Number(index[1]))
      return [...(match[1] ? [match[1]] : []), ...indices]
    })
    let target: Record<string | number, unknown> = data
    steps.slice(0, -1).forEach((step, index) => {
      const next = target[step]
      if (typeof next !== 'object' || next === null) target[step] = typeof steps[index + 1] === 'number' ? [] : {}
      target = target[step] as Record<string | number, unknown>
    })
    target[steps[steps.length - 1]] = JSON.parse(JSON.stringify(value ?? null)) as unknown
  }
}
