// PostCSS plugin for the WeChat build (config/index.ts, mini.postcss): NutUI's Button style sheet
// styles every type, size, fill and shape, and the icon sheet every icon animation, all of it in the
// main package's common.wxss. This keeps the variants our pages can produce and drops the rest:
// - Button: the values of type, size, fill and shape written in src (`<Button type='primary'>`), and
//   NutUI's defaults. A value given as an expression (`type={kind}`) keeps every value of that prop
//   (but for a plain choice of two, `type={on ? 'primary' : 'default'}`), so nothing our code can
//   produce is ever dropped.
// - Icons: the animation classes (.nut-icon-am-*), set only by an Icon's own props, which we never
//   render (Button's loading spinner has its own rule), and keyframes nothing left refers to.
// - Right-to-left rules (.nut-rtl, [dir=rtl]): no page sets a right-to-left direction.
const fs = require('node:fs')
const path = require('node:path')

const BUTTON_PROPS = {
  type: ['default', 'primary', 'info', 'success', 'warning', 'danger'],
  size: ['xlarge', 'large', 'normal', 'small', 'mini'],
  fill: ['solid', 'outline', 'dashed', 'none'],
  shape: ['round', 'square'],
}
// What NutUI sets with no prop written: a primary Button with no fill is drawn solid (nut-button-primary-solid).
const NUTUI_DEFAULTS = { type: ['default'], size: ['normal'], fill: ['outline', 'solid'], shape: ['round'] }

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx$/.test(entry.name) ? [full] : []
  })
}

/** The opening tags `<Button …>` of a source file, whole: a `>` inside braces or quotes does not end one. */
function buttonTags(source) {
  const tags = []
  for (const { index } of source.matchAll(/<Button\b/g)) {
    let depth = 0
    let quote = null
    for (let at = index; at < source.length; at += 1) {
      const char = source[at]
      if (quote) {
        if (char === quote) quote = null
      } else if (char === "'" || char === '"' || char === '`') quote = char
      else if (char === '{') depth += 1
      else if (char === '}') depth -= 1
      else if (char === '>' && depth === 0) {
        tags.push(source.slice(index, at + 1))
        break
      }
    }
  }
  return tags
}

/**
 * The values a prop written in a tag can take: `type='primary'` or `type={a ? 'default' : 'primary'}`
 * give those; any other expression could be anything (null); not written gives none ([]).
 */
function writtenValues(tag, prop) {
  const literal = new RegExp(`\\b${prop}=(?:'([a-z]+)'|"([a-z]+)")`).exec(tag)
  if (literal) return [literal[1] ?? literal[2]]
  const expression = new RegExp(`\\b${prop}=\\{([^{}]*)\\}`).exec(tag)
  if (expression) {
    const choice = /^[^?'"]+\?\s*'([a-z]+)'\s*:\s*'([a-z]+)'\s*$/.exec(expression[1].trim())
    return choice ? [choice[1], choice[2]] : null
  }
  return new RegExp(`\\b${prop}=`).test(tag) ? null : []
}

/** The Button variant values no source file can produce, e.g. Set { 'danger', 'xlarge', … }. */
function unusedButtonValues(sourceDir) {
  const used = Object.fromEntries(Object.entries(NUTUI_DEFAULTS).map(([prop, values]) => [prop, new Set(values)]))
  for (const file of sourceFiles(sourceDir)) {
    for (const tag of buttonTags(fs.readFileSync(file, 'utf8'))) {
      for (const prop of Object.keys(BUTTON_PROPS)) {
        const values = writtenValues(tag, prop) ?? BUTTON_PROPS[prop]
        values.forEach((value) => used[prop].add(value))
      }
    }
  }
  return new Set(Object.entries(BUTTON_PROPS).flatMap(([prop, values]) => values.filter((value) => !used[prop].has(value))))
}

/** Whether a selector can only match an element our pages never have. */
function neverMatches(selector, unusedValues) {
  if (/\.nut-rtl\b|\[dir=["']?rtl["']?\]/.test(selector)) return true
  if (/\.nut-icon-am-/.test(selector)) return true
  return [...selector.matchAll(/\.nut-button-([a-z-]+)/g)].some(([, rest]) => rest.split('-').some((word) => unusedValues.has(word)))
}

module.exports = ({ sourceDir } = {}) => {
  const unusedValues = unusedButtonValues(sourceDir ?? path.join(__dirname, '..', 'src'))
  return {
    postcssPlugin: 'pufa-nutui-used',
    Once(root) {
      if (!/[\\/]@nutui[\\/]/.test(root.source?.input.file ?? '')) return
      root.walkRules((rule) => {
        const kept = rule.selectors.filter((selector) => !neverMatches(selector, unusedValues))
        if (kept.length === 0) rule.remove()
        else if (kept.length < rule.selectors.length) rule.selectors = kept
      })
      const animated = new Set()
      root.walkDecls(/^animation(-name)?$/, (decl) => decl.value.split(/[\s,]+/).forEach((word) => animated.add(word)))
      root.walkAtRules(/keyframes$/, (atRule) => {
        if (!animated.has(atRule.params.trim())) atRule.remove()
      })
    },
  }
}
module.exports.postcss = true
