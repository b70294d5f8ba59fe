import { readFileSync } from 'node:fs'
import path from 'node:path'

import type { RichNode } from '../../src/core/content/model'
import { plainText } from '../../src/core/content/rich-text'
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS, htmlToNodes } from '../../server/ingest/html'

const CORPUS = path.join(__dirname, '..', 'corpus')

function owaspVectors(): string[] {
  const text = readFileSync(path.join(CORPUS, 'xss', 'owasp-filter-evasion.txt'), 'utf8')
  const blocks = text.split(/^=====$/m).slice(1)
  return [
    ...blocks.map((block) => block.replace(/^\n/, '').replace(/\n$/, '')),
    // Vectors of the cheat sheet with raw control characters, which a text file shows badly.
    '<IMG SRC=java\0script:alert("XSS")>',
    '<SCR\0IPT>alert("XSS")</SCR\0IPT>',
    '<IMG SRC=" \u000e  javascript:alert(\'XSS\');">',
    '<a href="\u0001javascript:alert(1)">x</a>',
  ]
}

const SAFE_URL = /^(https?:\/\/[^\s"'<>`\\]+|data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+)$/

interface Finding {
  vector: string
  problem: string
}

/** Every way a node tree could carry something executable or outside the allowlist. */
function findProblems(vector: string, nodes: RichNode[], findings: Finding[]): void {
  for (const node of nodes) {
    if ('type' in node) {
      if (node.type !== 'text' || typeof node.text !== 'string') findings.push({ vector, problem: `bad text node ${JSON.stringify(node)}` })
      continue
    }
    if (!ALLOWED_TAGS.includes(node.name)) findings.push({ vector, problem: `element <${node.name}>` })
    for (const [name, value] of Object.entries(node.attrs ?? {})) {
      if (!(ALLOWED_ATTRIBUTES[node.name] ?? []).includes(name)) findings.push({ vector, problem: `attribute ${name} on <${node.name}>` })
      if (/^on/i.test(name)) findings.push({ vector, problem: `event attribute ${name}` })
      if (name === 'style' && /expression|url\s*\(|javascript|behavior|binding/i.test(value)) findings.push({ vector, problem: `style ${value}` })
      if ((name === 'href' || name === 'src') && !SAFE_URL.test(value)) findings.push({ vector, problem: `${name}=${value}` })
      if (/javascript:|vbscript:|livescript:|data:text/i.test(value)) findings.push({ vector, problem: `${name}=${value}` })
    }
    if (node.children) findProblems(vector, node.children, findings)
  }
}

describe('the sanitiser on the OWASP XSS filter-evasion vectors', () => {
  const vectors = owaspVectors()

  it('has the vectors', () => {
    expect(vectors.length).toBeGreaterThan(120)
  })

  it('lets nothing executable and nothing outside the allowlist through', () => {
    const findings: Finding[] = []
    for (const vector of vectors) {
      const nodes = htmlToNodes(vector, { baseUrl: 'https://rsj.example.gov.cn/zcjd/' })
      findProblems(vector, nodes, findings)
      // The tree is plain data: it survives a JSON round trip unchanged.
      expect(JSON.parse(JSON.stringify(nodes))).toEqual(nodes)
    }
    expect(findings).toEqual([])
  })

  it('never keeps script or style content as text', () => {
    for (const vector of vectors) {
      const text = plainText(htmlToNodes(vector))
      expect(text).not.toMatch(/<script[\s>]/i)
      expect(text).not.toContain('list-style-image')
      expect(text).not.toContain('background:url')
    }
  })

  it('keeps the harmless part of a vector', () => {
    expect(htmlToNodes('<a href="https://example.com/" target="_blank" rel="opener" onclick="alert(1)">ok link</a>')).toEqual([
      { name: 'a', attrs: { href: 'https://example.com/' }, children: [{ type: 'text', text: 'ok link' }] },
    ])
    expect(htmlToNodes('<p style="color:red" onclick="alert(1)" class="x" id="y">styled</p>')).toEqual([{ name: 'p', children: [{ type: 'text', text: 'styled' }] }])
    expect(htmlToNodes('<a href="javascript&colon;alert(1)">colon entity</a>')).toEqual([{ name: 'a', children: [{ type: 'text', text: 'colon entity' }] }])
    expect(htmlToNodes('<IMG SRC="javascript:alert(\'XSS\');">')).toEqual([])
  })
})

describe('htmlToNodes on CMS bodies', () => {
  it('decodes entities into text', () => {
    expect(htmlToNodes('<p>工资 &amp; 社保 &lt;通知&gt; &quot;全文&quot; &copy; &#x4E2D;&#25991;&nbsp;</p>')).toEqual([
      { name: 'p', children: [{ type: 'text', text: '工资 & 社保 <通知> "全文" © 中文\u00a0' }] },
    ])
  })

  it('collapses whitespace as a browser shows it, except in <pre>', () => {
    expect(htmlToNodes('<div>\n  <p>  第一条\n  规定 <strong>内容</strong> </p>\n  <pre>  a\n  b</pre>\n</div>')).toEqual([
      {
        name: 'div',
        children: [
          { name: 'p', children: [{ type: 'text', text: '第一条 规定 ' }, { name: 'strong', children: [{ type: 'text', text: '内容' }] }] },
          { name: 'pre', children: [{ type: 'text', text: '  a\n  b' }] },
        ],
      },
    ])
  })

  it('keeps full-width indentation, which Chinese documents use for paragraphs', () => {
    expect(htmlToNodes('<p>\u3000\u3000第一条</p>')).toEqual([{ name: 'p', children: [{ type: 'text', text: '\u3000\u3000第一条' }] }])
  })

  it('keeps tables with their spans, without loose whitespace', () => {
    expect(htmlToNodes('<table border="1" style="width:100%">\n<tbody>\n<tr>\n<td colspan="2" width="50%">缴费基数</td>\n</tr>\n</tbody>\n</table>')).toEqual([
      { name: 'table', children: [{ name: 'tbody', children: [{ name: 'tr', children: [{ name: 'td', attrs: { colspan: '2' }, children: [{ type: 'text', text: '缴费基数' }] }] }] }] },
    ])
  })

  it('makes relative links and images absolute, and drops them without a base', () => {
    const html = '<p><a href="/zcjd/1.html">全文</a><img src="images/a.png" alt="图"></p>'
    expect(htmlToNodes(html, { baseUrl: 'https://rsj.example.gov.cn/zcjd/index.html' })).toEqual([
      {
        name: 'p',
        children: [
          { name: 'a', attrs: { href: 'https://rsj.example.gov.cn/zcjd/1.html' }, children: [{ type: 'text', text: '全文' }] },
          { name: 'img', attrs: { src: 'https://rsj.example.gov.cn/zcjd/images/a.png', alt: '图' } },
        ],
      },
    ])
    expect(htmlToNodes(html)).toEqual([{ name: 'p', children: [{ name: 'a', children: [{ type: 'text', text: '全文' }] }] }])
  })

  it('keeps small data: images but not SVG ones', () => {
    expect(htmlToNodes('<img src="data:image/png;base64,iVBORw0KGgo=">')).toEqual([{ name: 'img', attrs: { src: 'data:image/png;base64,iVBORw0KGgo=' } }])
    expect(htmlToNodes('<img src="data:image/svg+xml;base64,PHN2Zz4=">')).toEqual([])
  })

  it('unwraps what WeChat does not know (font, Word markup) but keeps the text', () => {
    expect(htmlToNodes('<p><font color="red">红色</font><o:p></o:p><center>居中</center></p>')).toEqual([
      { name: 'p', children: [{ type: 'text', text: '红色居中' }] },
    ])
  })

  it('closes what the CMS left open and ignores stray closing tags', () => {
    expect(htmlToNodes('<p>未闭合 <span>段落</div>')).toEqual([
      { name: 'p', children: [{ type: 'text', text: '未闭合 ' }, { name: 'span', children: [{ type: 'text', text: '段落' }] }] },
    ])
  })

  it('flattens absurdly deep nesting', () => {
    const nodes = htmlToNodes(`${'<div>'.repeat(500)}深${'</div>'.repeat(500)}`)
    let depth = 0
    let level: RichNode[] | undefined = nodes
    while (level && level.length > 0 && !('type' in level[0])) {
      depth += 1
      level = level[0].children
    }
    expect(depth).toBeLessThanOrEqual(24)
    expect(plainText(nodes)).toBe('深')
  })

  it('treats plain text as text', () => {
    expect(htmlToNodes('1 < 2 且 3 > 2')).toEqual([{ type: 'text', text: '1 < 2 且 3 > 2' }])
  })
})
