/**
 * HTML bodies from the CMS → WeChat `rich-text` nodes. sanitize-html reduces the markup to the
 * allowlist below; its output has a narrow, regular grammar (known tags, double-quoted escaped
 * attributes, escaped text), which a small reader turns into the node tree. The reader applies
 * the allowlist again, so nothing outside it reaches a phone even if the sanitiser changed.
 * Phones never parse HTML: they render these nodes.
 */
import sanitizeHtml from 'sanitize-html'

import type { RichElement, RichNode } from '../../src/core/content/model'
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS, BLOCK_TAGS } from '../../src/core/content/rich-text'

// The allowlist is the content model's (the console's preview renders the same elements only).
export { ALLOWED_ATTRIBUTES, ALLOWED_TAGS } from '../../src/core/content/rich-text'

const VOID_TAGS = new Set(['br', 'img', 'hr'])

// Their content is code or form controls, not text to keep when the tag goes.
const DROPPED_WITH_CONTENT = [
  'script', 'style', 'textarea', 'option', 'select', 'noscript', 'title', 'iframe', 'frame', 'frameset', 'object',
  'embed', 'applet', 'svg', 'math', 'template', 'xmp', 'noembed', 'noframes', 'plaintext', 'head', 'button',
]

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_TAGS],
  allowedAttributes: Object.fromEntries(Object.entries(ALLOWED_ATTRIBUTES).map(([tag, names]) => [tag, [...names]])),
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  allowedStyles: {},
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  enforceHtmlBoundary: true,
  parseStyleAttributes: false,
}

const MAX_DEPTH = 24
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/
const DIMENSION = /^\d{1,4}%?$/
const SPAN = /^\d{1,3}$/
const COLLAPSIBLE_SPACE = /[ \t\n\r\f]+/g

export interface HtmlToNodesOptions {
  /** Where relative links and images point from (the item's or the feed's page); else they are dropped. */
  baseUrl?: string
}

function absoluteUrl(value: string, baseUrl: string | undefined, allowDataImage: boolean): string | undefined {
  const trimmed = value.trim()
  if (allowDataImage && trimmed.toLowerCase().startsWith('data:')) {
    const compact = trimmed.replace(/\s+/g, '')
    return DATA_IMAGE.test(compact) ? compact : undefined
  }
  // Quotes, backticks and angle brackets belong to markup, not to a link: such a value is an
  // attack or a broken attribute (`src=\`javascript:…\``, `src= onmouseover="…"`).
  if (/["'`<>\\]/.test(trimmed)) return undefined
  let url: URL
  try {
    url = baseUrl === undefined ? new URL(trimmed) : new URL(trimmed, baseUrl)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  url.username = ''
  url.password = ''
  return url.href
}

function cleanAttributes(name: string, raw: Record<string, string>, baseUrl: string | undefined): Record<string, string> | undefined {
  const allowed = ALLOWED_ATTRIBUTES[name] ?? []
  const attrs: Record<string, string> = {}
  for (const [key, value] of Object.entries(raw)) {
    if (!allowed.includes(key)) continue
    if (key === 'href' || key === 'src') {
      const url = absoluteUrl(value, baseUrl, name === 'img')
      if (url !== undefined) attrs[key] = url
    } else if (key === 'width' || key === 'height') {
      if (DIMENSION.test(value.trim())) attrs[key] = value.trim()
    } else if (key === 'colspan' || key === 'rowspan' || key === 'start') {
      if (SPAN.test(value.trim())) attrs[key] = value.trim()
    } else {
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      const text = value.replace(/[\u0000-\u001F\u007F]/g, '').trim()
      if (text !== '') attrs[key] = text.slice(0, 500)
    }
  }
  return Object.keys(attrs).length > 0 ? attrs : undefined
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

/** sanitize-html escapes `& < > "` in what it writes; numeric references are decoded for safety. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd'
    }
    return ENTITIES[body.toLowerCase()] ?? whole
  })
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)\s*(\/?)>/y
const ATTRIBUTE = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g

interface OpenElement {
  name: string
  node: RichElement | undefined
  children: RichNode[]
  depth: number
}

/** Reads sanitize-html's output into nodes, keeping only allowlisted elements and attributes. */
function readSanitised(html: string, baseUrl: string | undefined): RichNode[] {
  const root: OpenElement = { name: '#root', node: undefined, children: [], depth: 0 }
  const stack: OpenElement[] = [root]
  const top = () => stack[stack.length - 1]
  const addText = (text: string) => {
    if (text === '') return
    const children = top().children
    const last = children[children.length - 1]
    if (last !== undefined && 'type' in last) last.text += text
    else children.push({ type: 'text', text })
  }
  const close = () => {
    const element = stack.pop()
    if (!element) return
    const parent = top()
    if (element.node) {
      if (element.children.length > 0) element.node.children = element.children
      if (element.node.name !== 'img' || element.node.attrs?.src !== undefined) parent.children.push(element.node)
    } else {
      for (const child of element.children) {
        if ('type' in child) addText(child.text)
        else parent.children.push(child)
      }
    }
  }

  let index = 0
  while (index < html.length) {
    const next = html.indexOf('<', index)
    if (next === -1) {
      addText(decodeEntities(html.slice(index)))
      break
    }
    addText(decodeEntities(html.slice(index, next)))
    TAG.lastIndex = next
    const match = TAG.exec(html)
    if (!match) {
      addText('<')
      index = next + 1
      continue
    }
    index = TAG.lastIndex
    const [, closing, rawName, rawAttributes, selfClosing] = match
    const name = rawName.toLowerCase()
    if (closing) {
      const at = stack.map((element) => element.name).lastIndexOf(name)
      if (at > 0) while (stack.length > at) close()
      continue
    }
    const parent = top()
    const allowed = ALLOWED_TAGS.includes(name) && parent.depth < MAX_DEPTH
    const raw: Record<string, string> = {}
    for (const attribute of rawAttributes.matchAll(ATTRIBUTE)) raw[attribute[1].toLowerCase()] = decodeEntities(attribute[2] ?? '')
    const attrs = allowed ? cleanAttributes(name, raw, baseUrl) : undefined
    const node: RichElement | undefined = allowed ? (attrs ? { name, attrs } : { name }) : undefined
    stack.push({ name, node, children: [], depth: allowed ? parent.depth + 1 : parent.depth })
    if (selfClosing || VOID_TAGS.has(name)) close()
  }
  while (stack.length > 1) close()
  return root.children
}

// Whitespace is collapsed as a browser would, except in <pre>; whitespace a browser would not
// show (between blocks, at the start and end of a block, in lists and tables) is dropped.
const BLOCKS = new Set(BLOCK_TAGS)
const NO_LOOSE_TEXT = new Set(['ul', 'ol', 'table', 'thead', 'tbody', 'tfoot', 'tr'])

function isBlock(node: RichNode | undefined): boolean {
  return node !== undefined && !('type' in node) && BLOCKS.has(node.name)
}

function tidy(nodes: RichNode[], parent: string, preformatted: boolean): RichNode[] {
  const blockParent = parent === '#root' || BLOCKS.has(parent)
  const out: RichNode[] = []
  nodes.forEach((node, index) => {
    if ('type' in node) {
      let text = preformatted ? node.text : node.text.replace(COLLAPSIBLE_SPACE, ' ')
      if (!preformatted && blockParent) {
        if (index === 0 || isBlock(nodes[index - 1])) text = text.replace(/^ /, '')
        if (index === nodes.length - 1 || isBlock(nodes[index + 1])) text = text.replace(/ $/, '')
      }
      if (text === '' || (text === ' ' && NO_LOOSE_TEXT.has(parent))) return
      out.push({ type: 'text', text })
      return
    }
    const children = node.children ? tidy(node.children, node.name, preformatted || node.name === 'pre') : undefined
    const element: RichElement = { name: node.name }
    if (node.attrs) element.attrs = node.attrs
    if (children && children.length > 0) element.children = children
    out.push(element)
  })
  return out
}

/** The HTML with only the allowlisted tags and attributes left (sanitize-html's output). */
export function sanitiseHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS)
}

/** A CMS body as rich-text nodes: sanitised, relative URLs made absolute (or dropped). */
export function htmlToNodes(html: string, options: HtmlToNodesOptions = {}): RichNode[] {
  return tidy(readSanitised(sanitiseHtml(html), options.baseUrl), '#root', false)
}
