import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describeInBrowser, openPhonePage, useProductInBrowser } from './pages'

// The OWASP filter-evasion vectors, one block each, as the bodies of explainers in a feed.
function vectors(): string[] {
  const text = fs.readFileSync(path.join(__dirname, '..', 'corpus', 'xss', 'owasp-filter-evasion.txt'), 'utf8')
  return text
    .split(/^=====$/m)
    .slice(1)
    .map((block) => block.trim())
    .filter((block) => block !== '')
}

function hostileFeed(): string {
  const all = vectors()
  const marker = '<script>window.__pufaXss = 1</script><img src=x onerror="window.__pufaXss = 2">'
  const items = [all.join('\n'), ...all.slice(0, 20)].map((html, index) => ({
    id: `xss-${index}`,
    title: `恶意内容测试 ${index}`,
    summary: '用于检查正文清洗。',
    content_html: `<p>正文开始</p>${marker}${html}<p>正文结束</p>`,
    _pufa: { type: 'policy', schema: 1, category: '劳动关系', validity: '有效' },
  }))
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'XSS', _pufa: { complete: true }, items })
}

describeInBrowser('hostile HTML from the CMS', () => {
  const feedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pufa-xss-'))
  const feed = path.join(feedDir, 'xss.json')
  fs.writeFileSync(feed, hostileFeed())
  const running = useProductInBrowser({ CONTENT_SOURCES: feed })

  beforeAll(async () => {
    // The configured source is read right after start; wait for it before the app syncs.
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const health = (await (await fetch(`${running.product().url}api/v1/health`)).json()) as { content?: { items?: number } }
      if ((health.content?.items ?? 0) > 0) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })

  afterAll(() => fs.rmSync(feedDir, { recursive: true, force: true }))

  it('reaches the H5 page as inert text and elements: no script runs', async () => {
    const { page } = await openPhonePage(running.browser())
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    // Every vector at once (xss-0), then each of the first ones alone, where nothing before it can
    // swallow it.
    for (let index = 0; index <= 20; index += 1) {
      await page.goto(`${running.product().url}#/packages/policy/detail/index?id=xss-${index}`)
      await page.getByRole('heading', { name: `恶意内容测试 ${index}`, level: 1 }).locator('visible=true').waitFor()
      const body = page.locator('.policy-detail__body:visible')
      await body.hover()
      await body.click({ position: { x: 5, y: 5 } })

      const found = await page.evaluate(() => {
        const elements = Array.from(document.querySelectorAll('.policy-detail__body *'))
        return {
          flag: (window as unknown as { __pufaXss?: number }).__pufaXss ?? null,
          scripts: elements.filter((el) => ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'FORM', 'STYLE'].includes(el.tagName.toUpperCase())).length,
          handlers: elements.flatMap((el) => el.getAttributeNames().filter((name) => name.toLowerCase().startsWith('on'))),
          urls: elements.flatMap((el) =>
            ['href', 'src'].map((name) => el.getAttribute(name) ?? '').filter((value) => /^\s*(javascript|vbscript|data:text)/i.test(value)),
          ),
        }
      })
      expect({ index, ...found }).toEqual({ index, flag: null, scripts: 0, handlers: [], urls: [] })
    }
    expect(dialogs).toEqual([])
  })
})
