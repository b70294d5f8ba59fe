import type { Expectation } from './expectations'
import { renderedNodes, visibleTexts, type RenderedNode } from './render-tree'
import type { PageVisit } from './sandbox'

const firstRender = (visit: PageVisit): RenderedNode[] => (visit.renders[0] ? renderedNodes(visit.renders[0]) : [])

const shown = (nodes: RenderedNode[]) => visibleTexts(nodes).map((text) => `「${text}」`).join(' ') || 'no text at all'

/** Why the page's first render does not show its title, or undefined when it does. */
export function missingTitle(visit: PageVisit, title: string): string | undefined {
  const nodes = firstRender(visit)
  if (nodes.some((node) => node.text.trim() === title)) return undefined
  return `first render of ${visit.route} lacks its title 「${title}」; it shows ${shown(nodes)}`
}

/**
 * The data key under which a component's template reads an attribute: `aria-role="{{i.p4||''}}"` in
 * <template name="tmpl_0_5"> means p4 for Taro's component 5. Input and textarea are drawn by the
 * templates tmpl_0_N_focus and tmpl_0_N_blur, which tmpl_0_N picks between. Undefined when no
 * template of the component has such an attribute.
 */
export function boundKey(templates: string, nodeName: string, attribute: string): string | undefined {
  const component = new RegExp(`<template name="tmpl_0_${nodeName}(?:_focus|_blur)?">([\\s\\S]*?)</template>`, 'g')
  for (const [, template] of templates.matchAll(component)) {
    const key = new RegExp(`\\s${attribute}="\\{\\{[^"]*?\\bi\\.(\\w+)`).exec(template)?.[1]
    if (key !== undefined) return key
  }
  return undefined
}

const camelCase = (name: string) => name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())

/** Why the visit does not meet the expectation, or undefined when it does; `templates` is the build's WXML. */
export function unmet(expectation: Expectation, visit: PageVisit, templates: string): string | undefined {
  const nodes = firstRender(visit)
  switch (expectation.kind) {
    case 'class': {
      const found = nodes.some((node) => node.classes.includes(expectation.className))
      if (found === expectation.present) return undefined
      return `first render ${found ? 'has' : 'lacks'} the class ${expectation.className}`
    }
    case 'text': {
      const found = nodes.some((node) => node.isText && node.text.includes(expectation.text))
      if (found === expectation.present) return undefined
      return `first render ${found ? 'shows' : 'does not show'} 「${expectation.text}」; it shows ${shown(nodes)}`
    }
    case 'attribute': {
      // Taro sends an attribute that the component's template declares under the template's key, any other under its camelCase name.
      const keyFor = (node: RenderedNode) => boundKey(templates, node.nodeName, expectation.name) ?? camelCase(expectation.name)
      const values = nodes.map((node) => node.attributes[keyFor(node)]).filter((value) => value !== undefined)
      if (values.some((value) => value === expectation.value)) return undefined
      return `no element of the first render has ${expectation.name}=${JSON.stringify(expectation.value)} (found ${JSON.stringify([...new Set(values)])})`
    }
    case 'style':
      return unmetStyle(expectation, visit.styles ?? '')
    case 'pageMethod':
      return visit.methods.includes(expectation.name) ? undefined : `the page's Page() object has no ${expectation.name} (it has ${visit.methods.join(', ')})`
    case 'called': {
      const calls = visit.calls.filter((call) => call.api === expectation.api)
      const args = expectation.args
      const matching = args ? calls.filter((call) => args.every((arg, index) => JSON.stringify(call.args[index]) === JSON.stringify(arg))) : calls
      if (matching.length > 0) return undefined
      const withArgs = args ? ` with ${args.map((arg) => JSON.stringify(arg)).join(', ')}` : ''
      return `wx.${expectation.api} was not called${withArgs} (calls: ${[...new Set(visit.calls.map((call) => call.api))].join(', ') || 'none'})`
    }
  }
}

/**
 * Attributes that Taro sends but no template of the build binds (as `i.<key>`): WeChat never shows
 * them, so for instance a screen-reader label set in the code would not reach the screen reader.
 */
export function unboundAttributes(visit: PageVisit, templates: string): string[] {
  const keys = new Set(firstRender(visit).flatMap((node) => Object.keys(node.attributes)))
  return [...keys].filter((key) => !new RegExp(`\\bi\\.${key.replace(/[^\w]/g, '')}\\b`).test(templates))
}

/** Why the WXSS does not give the rule for the selector at least the length asked, or undefined when it does. */
function unmetStyle(expectation: Extract<Expectation, { kind: 'style' }>, wxss: string): string | undefined {
  const { selector, property, atLeastPx } = expectation
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const rule = new RegExp(`(?:^|})\\s*${escaped}\\s*\\{([^}]*)\\}`).exec(wxss)?.[1]
  if (rule === undefined) return `the WXSS has no rule for ${selector}`
  const value = new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([\\d.]+)px\\b`, 'i').exec(rule)?.[1]
  if (value === undefined) return `the WXSS rule for ${selector} sets no ${property} in px (it is {${rule}})`
  return Number(value) >= atLeastPx ? undefined : `the WXSS gives ${selector} ${property}: ${value}px, less than ${atLeastPx}px`
}
