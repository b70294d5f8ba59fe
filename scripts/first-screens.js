#!/usr/bin/env node
// After `taro build --type h5`: writes into dist/h5/index.html what each tab page shows first, so that a
// phone on a slow network sees the page's heading and its first card while the app's scripts are still
// on their way, instead of a blank screen.
//
// The first screens are the app's own: each tab page is opened in Chromium from the build, with the
// API held unanswered, which is what a phone opening the app for the first time shows until the
// first content sync answers (default bureau, no persona chosen, 正在同步). The page's elements are
// copied with the style rules that apply to them (those of html and body made the rules of the copy's
// root), nothing else. index.html keeps one <template> per page; a small inline script shows the one
// of the route in the URL, only when the device has nothing of the app stored (a returning phone may
// have chosen a persona, turned on elder mode or synced content, and its first screen would differ)
// and the browser's default font size is the one the copies were drawn with (a browser set to large
// text starts the app in elder mode, src/services/font-size.ts).
// The copy lives in a closed shadow root: its rules reach nothing of the app, nothing can find it by
// role or text, and it takes no taps or focus (inert, aria-hidden). The page component removes it
// when the app has drawn its first page (src/components/page-shell/platform.h5.tsx). The service
// allows the inline script by its hash, as it does the preload script. The app's own style sheet is
// written into the head, where its link was.
//
// Without Chromium (CHROMIUM_PATH or /usr/bin/chromium) index.html is left as it is: the app works
// the same, it only paints later.
const fs = require('node:fs')
const path = require('node:path')
const { browserAvailable, launchOptions } = require('../test/e2e/browser')

const dist = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist', 'h5'))
const ORIGIN = 'http://first-screen.invalid'
const VIEWPORT = { width: 375, height: 812 }
const MARK = '<!-- first screens -->'
const SHELL_ID = 'pufa-first-screen'
// The key prefix of everything the app stores (src/services/storage.ts writes through Taro's storage,
// which on H5 is localStorage under the same key).
const STORED_PREFIX = 'pufa.'

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json' }

/** The tab pages, in the app's order, from the app's configuration. */
function tabRoutes() {
  const config = fs.readFileSync(path.join(__dirname, '..', 'src', 'app.config.ts'), 'utf8')
  const tabBar = config.slice(config.indexOf('tabBar:'))
  return [...tabBar.matchAll(/pagePath: '([^']+)'/g)].map((match) => match[1])
}

/* global document, window, NodeFilter, CSSStyleRule, CSSMediaRule, CSSSupportsRule -- captureInPage runs in the page */

/** In the page: the shown page's elements and the style rules that reach them, as HTML. */
function captureInPage() {
  const root = document.getElementById('container') || document.getElementById('app')
  const clone = root.cloneNode(true)
  clone.querySelectorAll('.taro-navigation-bar-hide, .taro_page:not(.taro_page_show), script').forEach((node) => node.remove())
  for (const node of [clone, ...clone.querySelectorAll('*')]) {
    for (const name of ['id', 'tabindex', 'tab-index']) node.removeAttribute(name)
  }
  const walker = document.createTreeWalker(clone, NodeFilter.SHOW_COMMENT)
  const comments = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) comments.push(node)
  comments.forEach((node) => node.remove())

  const STATE = /::?(before|after|placeholder|selection|first-line|first-letter|-webkit-[\w-]+|-moz-[\w-]+)|:(hover|active|focus|focus-visible|focus-within|visited)\b/g
  const reaches = (selector) => {
    const plain = selector.replace(STATE, '').trim()
    if (!plain) return false
    try {
      return document.documentElement.matches(plain) || document.body.matches(plain) || root.matches(plain) || root.querySelector(plain) !== null
    } catch {
      return false
    }
  }
  // Split a selector list at its top-level commas (not those inside :is(…) or [attr="a,b"]).
  const selectors = (text) => {
    const parts = []
    let depth = 0
    let start = 0
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i]
      if (c === '(' || c === '[') depth += 1
      else if (c === ')' || c === ']') depth -= 1
      else if (c === ',' && depth === 0) {
        parts.push(text.slice(start, i).trim())
        start = i + 1
      }
    }
    parts.push(text.slice(start).trim())
    return parts
  }
  // In the shadow root, the document's html and body are the copy's host; and the copy's custom
  // elements (Taro's components) are renamed, or the app's scripts would bring them to life there.
  const hosted = (selector) =>
    selector.replace(/(^|[\s>+~(])(?:html|body|:root)(?=$|[\s>+~:[),])/g, '$1:host').replace(/(^|[\s>+~(])([a-z][a-z0-9]*-[a-z0-9-]*)/g, '$1copy-$2')
  const kept = (rules) => {
    let css = ''
    for (const rule of rules) {
      if (rule instanceof CSSStyleRule) {
        const reaching = selectors(rule.selectorText).filter(reaches).map(hosted)
        if (reaching.length > 0 && rule.style.cssText) css += `${reaching.join(',')}{${rule.style.cssText}}`
      } else if (rule instanceof CSSMediaRule && window.matchMedia(rule.conditionText).matches) {
        const inner = kept(rule.cssRules)
        if (inner) css += `@media ${rule.conditionText}{${inner}}`
      } else if (rule instanceof CSSSupportsRule) {
        const inner = kept(rule.cssRules)
        if (inner) css += `@supports ${rule.conditionText}{${inner}}`
      }
    }
    return css
  }
  let css = ''
  for (const sheet of document.styleSheets) {
    try {
      css += kept(sheet.cssRules)
    } catch {
      // A sheet of another origin cannot be read; the build has none.
    }
  }
  return `<style>${css}</style>${clone.outerHTML.replace(/<(\/?)([a-z][a-z0-9]*-[a-z0-9-]*)/g, '<$1copy-$2')}`
}

/** The browser's default font size, as src/services/font-size.ts reads it. */
function defaultFontSizeInPage() {
  const probe = document.createElement('div')
  probe.style.cssText = 'font-size:medium;position:absolute;visibility:hidden'
  document.body.appendChild(probe)
  const size = window.getComputedStyle(probe).fontSize
  probe.remove()
  return size
}

/**
 * The inline script: shows the route's first screen while nothing of the app is stored and the
 * browser's default font size is the one the copies were drawn with.
 */
function chooserScript(homeRoute, fontSize) {
  return (
    `(function(){try{for(var i=0;i<localStorage.length;i++)if(localStorage.key(i).indexOf(${JSON.stringify(STORED_PREFIX)})===0)return}catch(e){return}` +
    `var d=document.createElement('div');if(!d.attachShadow)return;` +
    `d.style.cssText='font-size:medium;position:absolute;visibility:hidden';document.body.appendChild(d);` +
    `var f=getComputedStyle(d).fontSize;document.body.removeChild(d);if(f!==${JSON.stringify(fontSize)})return;` +
    `var p=location.hash.replace(/^#\\/?/,'').split('?')[0]||${JSON.stringify(homeRoute)};` +
    `var t=document.querySelector('template[data-route="'+p+'"]');if(!t)return;` +
    `d.id=${JSON.stringify(SHELL_ID)};d.setAttribute('inert','');d.setAttribute('aria-hidden','true');` +
    `d.style.cssText='position:fixed;top:0;right:0;bottom:0;left:0;z-index:10000;overflow:hidden';` +
    `d.attachShadow({mode:'closed'}).appendChild(t.content.cloneNode(true));document.body.insertBefore(d,document.getElementById('app'))})()`
  )
}

async function capture(routes, indexHtml) {
  const { chromium } = require('playwright-core')
  const browser = await chromium.launch(launchOptions())
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' })
    await context.route('**/*', async (route) => {
      const { pathname } = new URL(route.request().url())
      // The API is held unanswered, as on a first launch before the first sync answers.
      if (pathname.startsWith('/api/')) return
      if (pathname === '/') return route.fulfill({ status: 200, contentType: TYPES['.html'], body: indexHtml })
      const file = path.join(dist, decodeURIComponent(pathname))
      if (!file.startsWith(dist) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return route.fulfill({ status: 404, body: '' })
      return route.fulfill({ status: 200, contentType: TYPES[path.extname(file)] ?? 'application/octet-stream', body: fs.readFileSync(file) })
    })
    const screens = {}
    let fontSize = ''
    for (const route of routes) {
      const page = await context.newPage()
      await page.goto(route === routes[0] ? `${ORIGIN}/` : `${ORIGIN}/#/${route}`)
      await page.locator('.taro_page_show .pufa-page__title').waitFor({ timeout: 60_000 })
      // Let the page settle: images decoded, the first effects run.
      await page.waitForLoadState('load')
      await page.waitForTimeout(300)
      screens[route] = await page.evaluate(captureInPage)
      fontSize ||= await page.evaluate(defaultFontSizeInPage)
      await page.close()
    }
    return { screens, fontSize }
  } finally {
    await browser.close()
  }
}

async function main() {
  const indexFile = path.join(dist, 'index.html')
  const html = fs.readFileSync(indexFile, 'utf8')
  if (html.includes(MARK)) throw new Error(`${indexFile} already holds the first screens: build it again first`)
  if (!browserAvailable()) {
    console.log('first screens: Chromium not found (CHROMIUM_PATH or /usr/bin/chromium), index.html left as built; the app only paints later')
    return
  }
  const routes = tabRoutes()
  const { screens, fontSize } = await capture(routes, html)
  const templates = routes.map((route) => `<template data-route="${route}">${screens[route]}</template>`).join('')
  if (!html.includes('<div id="app">')) throw new Error(`${indexFile} has no <div id="app">`)
  // The app's own style sheet (a few KB) goes into the head where its link was: a sheet to fetch
  // would hold back the first paint by a round trip, and in its place it keeps its rank among the
  // page styles the app adds later.
  const inlined = html.replace(/<link href="(\/css\/app\.[0-9a-f]+\.css)" rel="stylesheet">/g, (link, href) => {
    const sheet = fs.readFileSync(path.join(dist, href), 'utf8').replace(/^@charset "UTF-8";/, '')
    return `<style>${sheet}</style>`
  })
  const inserted = `${MARK}${templates}<script>${chooserScript(routes[0], fontSize)}</script>`
  fs.writeFileSync(indexFile, inlined.replace('<div id="app">', `${inserted}<div id="app">`))
  const sizes = routes.map((route) => `${route} ${(Buffer.byteLength(screens[route]) / 1024).toFixed(1)} KB`).join(', ')
  console.log(`first screens written into ${path.relative(process.cwd(), indexFile)}: ${sizes}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
