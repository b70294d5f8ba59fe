import type { RichNode } from './model'

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
