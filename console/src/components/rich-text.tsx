import { createElement, type ReactNode } from 'react'

import type { RichElement, RichNode } from '../../../src/core/content/model'
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS } from '../../../src/core/content/rich-text'

// An explainer's body as the app shows it: the same rich-text node tree, drawn as the same
// elements (Taro's H5 RichText does so too), never as HTML text. Only the content model's elements
// and attributes are drawn; anything else is left out with what it holds.

const VOID_TAGS = new Set(['br', 'img', 'hr'])
const MAX_DEPTH = 24
const WEB_URL = /^https?:\/\//i
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/
const REACT_NAMES: Readonly<Record<string, string>> = { colspan: 'colSpan', rowspan: 'rowSpan' }

function propsOf(element: RichElement, key: string): Record<string, string> {
  const props: Record<string, string> = { key }
  for (const name of ALLOWED_ATTRIBUTES[element.name] ?? []) {
    const value = element.attrs?.[name]
    if (value === undefined) continue
    if (name === 'href' && !WEB_URL.test(value)) continue
    if (name === 'src' && !WEB_URL.test(value) && !DATA_IMAGE.test(value)) continue
    props[REACT_NAMES[name] ?? name] = value
  }
  // A link leaves the console for the government site, in a tab of its own.
  if (element.name === 'a' && props.href !== undefined) Object.assign(props, { target: '_blank', rel: 'noopener noreferrer' })
  if (element.name === 'img') props.alt ??= ''
  return props
}

function draw(node: RichNode, key: string, depth: number): ReactNode {
  // As Taro's H5 RichText draws text: &nbsp; written out in a text node is a no-break space.
  if ('type' in node) return node.type === 'text' && typeof node.text === 'string' ? node.text.replace(/&nbsp;/g, '\u00a0') : null
  if (!ALLOWED_TAGS.includes(node.name) || depth >= MAX_DEPTH) return null
  const props = propsOf(node, key)
  if (VOID_TAGS.has(node.name)) return createElement(node.name, props)
  return createElement(node.name, props, ...(node.children ?? []).map((child, index) => draw(child, `${key}.${index}`, depth + 1)))
}

/** The nodes of a rich-text tree as React elements. */
export function RichText({ nodes }: { nodes: readonly RichNode[] }) {
  return <>{nodes.map((node, index) => draw(node, String(index), 0))}</>
}
