import { TIP_DEADLINE_NOTE } from '../../../src/core/tips/deadlines'
import { receiptPictureLayout, RECEIPT_PICTURE_WIDTH, type ReceiptFacts } from '../../../src/core/tips/receipt-picture'
import { ACCESS_KEY_RANDOM_BYTES, formatAccessKey, formatTrackingCode, TRACKING_CODE_RANDOM_BYTES } from '../../../src/core/tips/tracking-code'
import { MOBILE, NAME } from '../../support/report-fixtures'

const bytes = (count: number, seed: number) => Uint8Array.from({ length: count }, (_, index) => (index * 37 + seed) % 256)
const trackingCode = formatTrackingCode(bytes(TRACKING_CODE_RANDOM_BYTES, 11))
const accessKey = formatAccessKey(bytes(ACCESS_KEY_RANDOM_BYTES, 5))

const complaint: ReceiptFacts = {
  bureauName: '广州市人力资源和社会保障局',
  kind: 'complaint',
  trackingCode,
  accessKey: null,
  // 23:30 on 6 December in UTC is already 7 December in China.
  sentAt: '2026-12-06T23:30:00.000Z',
  deadlines: {
    acceptBy: { date: '2026-12-14', covered: true },
    investigateBy: { date: '2027-03-15', covered: false },
    extendedBy: { date: '2027-04-27', covered: false },
  },
}
const anonymousTip: ReceiptFacts = { ...complaint, kind: 'tip', accessKey, deadlines: { acceptBy: null, investigateBy: null, extendedBy: null } }

const linesOf = (facts: ReceiptFacts) => receiptPictureLayout(facts).texts.map((text) => text.text)
/** Wrapped lines joined again, to find a sentence whatever its breaks. */
const allText = (facts: ReceiptFacts) => linesOf(facts).join('')

/** A CJK character is about as wide as the font is tall, a Latin capital or digit (bold) at most about 0.62 of it. */
const widthOf = (text: string, size: number) => Array.from(text).reduce((sum, char) => sum + (char.charCodeAt(0) < 0x2e80 ? 0.62 : 1) * size, 0)

describe('the receipt as a picture', () => {
  it('a named complaint: bureau, tracking code whole, China time of sending, each deadline with its article, how to follow it up', () => {
    const lines = linesOf(complaint)
    expect(lines.slice(0, 5)).toEqual(['广州市人力资源和社会保障局', '欠薪投诉回执', '查询码', trackingCode, '提交时间：2026年12月7日 07:30'])
    const text = allText(complaint)
    expect(text).toContain('受理：最迟2026年12月14日')
    expect(text).toContain('符合受理条件的投诉，收到后5个工作日内受理（《关于实施〈劳动保障监察条例〉若干规定》第十八条）')
    expect(text).toContain('调查：最迟2027年3月15日（估算）')
    expect(text).toContain('延长调查：最迟2027年4月27日（估算）')
    expect(text).toContain('情况复杂的，经负责人批准可延长30个工作日（《劳动保障监察条例》第十七条）')
    expect(text).toContain('标有“估算”的日期')
    expect(text).toContain('查询进度要用查询码和您留下的电话号码后四位。请保存好这张图片。')
  })

  it('a named complaint: neither the name nor any digits of the phone, nor a key', () => {
    const text = allText(complaint)
    expect(text).not.toContain(NAME)
    expect(text).not.toContain(MOBILE.slice(-4))
    expect(text).not.toContain('查询密钥')
  })

  it('an anonymous 举报: the access key, shown once, is printed with the warning not to pass the picture on; the 举报 rule instead of dates', () => {
    const lines = linesOf(anonymousTip)
    // The key in its groups of four, broken between groups only.
    const keyLines = lines.slice(5, lines.indexOf('提交时间：2026年12月7日 07:30'))
    expect(lines.slice(0, 5)).toEqual(['广州市人力资源和社会保障局', '欠薪举报回执', '查询码', trackingCode, '查询密钥'])
    expect(keyLines.join('')).toBe(accessKey)
    for (const line of keyLines) expect(line).toMatch(/^([0-9A-Z]{4}-)*[0-9A-Z]{4}-?$/)
    const text = allText(anonymousTip)
    expect(text).toContain(TIP_DEADLINE_NOTE)
    expect(text).not.toContain('最迟')
    expect(text).toContain('密钥丢失后无法查询')
    expect(text).toContain('有这张图片就能查看您的反映，请不要发给别人。')
  })

  it('keeps every line inside the frame, top to bottom, the picture as tall as its text', () => {
    for (const facts of [complaint, anonymousTip]) {
      const layout = receiptPictureLayout(facts)
      const [frame] = layout.frames
      expect(layout.width).toBe(RECEIPT_PICTURE_WIDTH)
      expect(frame.y + frame.height).toBeLessThan(layout.height)
      for (const text of layout.texts) {
        const width = widthOf(text.text, text.size)
        const left = text.align === 'center' ? text.x - width / 2 : text.x
        expect(left).toBeGreaterThanOrEqual(frame.x + frame.lineWidth)
        expect(left + width).toBeLessThanOrEqual(frame.x + frame.width - frame.lineWidth)
        expect(text.y - text.size).toBeGreaterThan(frame.y)
        expect(text.y).toBeLessThan(frame.y + frame.height)
      }
      // No line begins with punctuation or a closing mark (行首禁则).
      for (const text of layout.texts) expect(text.text).not.toMatch(/^[，。、；：？！）》〉」』】”]/)
      const ys = layout.texts.map((text) => text.y)
      expect(ys).toEqual([...ys].sort((a, b) => a - b))
      expect(layout.height - Math.max(...ys)).toBeLessThan(150)
    }
  })
})
