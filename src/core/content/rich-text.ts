import type { RichNode } from './model'

// The elements and attributes a body may have: the ingest's sanitiser keeps these only
// (server/ingest/html.ts), and the console's preview renders these only.
export const BLOCK_TAGS: readonly string[] = ['p', 'div', 'section', 'blockquote', 'pre', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'caption']
const INLINE_TAGS = ['span', 'strong', 'b', 'em', 'i', 'u', 'sub', 'sup', 'code', 'a', 'br', 'img', 'th', 'td']
export const ALLOWED_TAGS: readonly string[] = [...BLOCK_TAGS, ...INLINE_TAGS]

const CELL_ATTRIBUTES = ['colspan', 'rowspan']
export const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'width', 'height'],
  td: CELL_ATTRIBUTES,
  th: CELL_ATTRIBUTES,
  ol: ['start'],
}

const BLOCKS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'br', 'blockquote', 'section'])

/** The readable text of a node tree, with block elements separated by line breaks. */
export function plainText(nodes: RichNode[]): string {
  const parts: string[] = []
  const walk = (list: RichNode[]) => {
    for (const node of list) {
      if ('type' in node) {
        parts.push(node.text)
        continue
      }
      if (node.children) walk(node.children)
      if (BLOCKS.has(node.name)) parts.push('\n')
    }
  }
  walk(nodes)
  return parts.join('').replace(/\n{2,}/g, '\n').trim()
}
