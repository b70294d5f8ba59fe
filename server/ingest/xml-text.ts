/**
 * The raw inner text of an XML element kept whole by the parser (stop nodes): CDATA sections are
 * taken literally, and the XML entities and character references elsewhere are decoded once.
 * What remains may be HTML (escaped, in CDATA, or written inline as CMSs do); the sanitiser
 * takes it from there. Entity names XML does not know (&nbsp;) are left for the HTML reader.
 */
const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeReferences(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd'
    }
    return XML_ENTITIES[body] ?? whole
  })
}

export function decodeXmlText(raw: string): string {
  let out = ''
  let index = 0
  while (index < raw.length) {
    const start = raw.indexOf('<![CDATA[', index)
    if (start === -1) {
      out += decodeReferences(raw.slice(index))
      break
    }
    out += decodeReferences(raw.slice(index, start))
    const end = raw.indexOf(']]>', start + 9)
    if (end === -1) {
      out += raw.slice(start + 9)
      break
    }
    out += raw.slice(start + 9, end)
    index = end + 3
  }
  return out.trim()
}
