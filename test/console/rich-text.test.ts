// The console's preview draws an explainer's rich-text nodes as elements, the content model's only.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'

import { RichText } from '../../console/src/components/rich-text'
import type { RichNode } from '../../src/core/content/model'

const html = (nodes: RichNode[]) => renderToStaticMarkup(createElement(RichText, { nodes }))
const text = (value: string): RichNode => ({ type: 'text', text: value })

describe('the preview of rich-text nodes', () => {
  it('draws the allowed elements and attributes as the app does', () => {
    const nodes: RichNode[] = [
      { name: 'h2', children: [text('先协商')] },
      { name: 'p', children: [text('向'), { name: 'strong', children: [text('劳动保障监察')] }, text('投诉&nbsp;举报'), { name: 'br' }] },
      { name: 'ol', attrs: { start: '3' }, children: [{ name: 'li', children: [text('一')] }] },
      { name: 'table', children: [{ name: 'tr', children: [{ name: 'td', attrs: { colspan: '2' }, children: [text('格')] }] }] },
      { name: 'a', attrs: { href: 'https://rsj.example.gov.cn/a.html', title: '原文' }, children: [text('原文')] },
      { name: 'img', attrs: { src: 'https://rsj.example.gov.cn/a.png', alt: '流程图', width: '300' } },
    ]
    expect(html(nodes)).toBe(
      '<h2>先协商</h2><p>向<strong>劳动保障监察</strong>投诉\u00a0举报<br/></p><ol start="3"><li>一</li></ol>' +
        '<table><tr><td colSpan="2">格</td></tr></table>' +
        '<a href="https://rsj.example.gov.cn/a.html" title="原文" target="_blank" rel="noopener noreferrer">原文</a>' +
        '<img src="https://rsj.example.gov.cn/a.png" alt="流程图" width="300"/>',
    )
  })

  it('leaves out other elements, attributes and addresses, and escapes text', () => {
    const nodes = [
      { name: 'script', children: [text('alert(1)')] },
      { name: 'p', attrs: { onclick: 'alert(1)', style: 'color:red', class: 'x' }, children: [text('<b>不是标签</b>')] },
      { name: 'a', attrs: { href: 'javascript:alert(1)' }, children: [text('链接')] },
      { name: 'img', attrs: { src: 'data:text/html;base64,PHNjcmlwdD4=' } },
      { name: 'iframe', attrs: { src: 'https://evil.example/' } },
    ] as RichNode[]
    expect(html(nodes)).toBe('<p>&lt;b&gt;不是标签&lt;/b&gt;</p><a>链接</a><img alt=""/>')
  })
})
