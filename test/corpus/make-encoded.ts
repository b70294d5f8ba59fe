/**
 * Writes the corpus's non-UTF-8 feeds (GBK, GB2312, GB18030 bytes, as Chinese government CMSs
 * publish them) from the text below. The encoded files are committed; run this only to change
 * them: `npx tsx test/corpus/make-encoded.ts`.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'

import iconv from 'iconv-lite'

function feed(declaration: string, extra = ''): string {
  return `<?xml version="1.0"${declaration}?>
<rss version="2.0">
<channel>
<title>某市人力资源和社会保障局 政策解读</title>
<link>http://rsj.gbk.example.gov.cn/</link>
<description>政策解读栏目</description>
<item>
<title>关于做好2024年高校毕业生就业工作的通知解读</title>
<link>http://rsj.gbk.example.gov.cn/zcjd/2024/0501.html</link>
<description><![CDATA[<p>\u3000\u3000为做好高校毕业生就业工作，现就有关事项解读如下。</p><p>联系人：张堃，电话：12333。</p>${extra}]]></description>
<category>就业创业</category>
<pubDate>2024-05-01 09:30:00</pubDate>
<guid>gbk-0501</guid>
</item>
<item>
<title>工伤保险待遇调整问答（第二期）</title>
<link>http://rsj.gbk.example.gov.cn/zcjd/2024/0502.html</link>
<description>&lt;p&gt;问：伤残津贴如何调整？答：按规定调整。&lt;/p&gt;</description>
<category>社会保险</category>
<pubDate>2024-05-02 10:00:00</pubDate>
<guid>gbk-0502</guid>
</item>
</channel>
</rss>
`
}

const here = __dirname
const files: [string, string, string][] = [
  ['rss/gbk-declared.xml', 'gbk', feed(' encoding="GBK"')],
  // Labelled GB2312 but with a character only GBK has (堃), as such feeds routinely are.
  ['rss/gb2312-declared.xml', 'gbk', feed(' encoding="gb2312"')],
  // GB18030's four-byte sequences: a CJK Extension B character and the euro sign.
  ['rss/gb18030-declared.xml', 'gb18030', feed(' encoding="GB18030"', '<p>生僻字：𠮷，符号：€</p>')],
  // No encoding in the declaration: the HTTP header names it, or nothing does.
  ['rss/gbk-undeclared.xml', 'gbk', feed('')],
]

for (const [name, encoding, text] of files) {
  writeFileSync(path.join(here, name), iconv.encode(text, encoding))
}
