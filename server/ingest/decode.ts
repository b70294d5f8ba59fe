/**
 * Feed bytes → text. Chinese government CMSs still publish GB2312/GBK/GB18030 feeds. The encoding
 * is taken from a byte-order mark, else the XML declaration, else the HTTP Content-Type, else
 * UTF-8. The declaration comes before the header on purpose: these sites' web servers often send
 * a default charset that does not match the file, while the file's own declaration does.
 */
import iconv from 'iconv-lite'

import { SourceError } from './source-error'

const PROLOG_BYTES = 1024
const XML_ENCODING = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/
const CHARSET = /;\s*charset\s*=\s*"?([A-Za-z0-9._:-]+)"?/i

// GB2312 and GBK are subsets of GB18030; CMSs labelled GB2312 routinely contain GBK characters.
const ALIASES: Record<string, string> = {
  gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', cp936: 'gb18030', 'windows-936': 'gb18030', ms936: 'gb18030',
  'gb_2312-80': 'gb18030', csgb2312: 'gb18030', 'iso-ir-58': 'gb18030', 'chinese': 'gb18030', gb18030: 'gb18030',
  utf8: 'utf-8', 'utf-8': 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
}

export interface DecodedFeed {
  text: string
  /** The encoding used, as iconv-lite names it. */
  encoding: string
}

function normaliseLabel(label: string): string {
  const lower = label.trim().toLowerCase()
  return ALIASES[lower] ?? lower
}

function declaredEncoding(bytes: Buffer, contentType: string | undefined): string | undefined {
  const head = bytes.subarray(0, PROLOG_BYTES).toString('latin1')
  return XML_ENCODING.exec(head)?.[1] ?? (contentType ? CHARSET.exec(contentType)?.[1] : undefined)
}

export function decodeFeed(bytes: Buffer, contentType?: string): DecodedFeed {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' }
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' }

  const declared = declaredEncoding(bytes, contentType)
  const encoding = declared === undefined ? 'utf-8' : normaliseLabel(declared)
  if (encoding === 'utf-8') {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding }
    } catch {
      // Undeclared and not UTF-8: on these sites that is GB18030 in practice. Declared UTF-8 with a
      // few bad bytes keeps the rest of the feed readable.
      if (declared === undefined) return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030' }
      return { text: bytes.toString('utf8'), encoding }
    }
  }
  if (!iconv.encodingExists(encoding)) {
    throw new SourceError(`订阅源使用了不支持的文字编码“${declared?.slice(0, 40)}”，请改用 UTF-8 或 GB18030`)
  }
  return { text: iconv.decode(bytes, encoding), encoding }
}
