/**
 * The receipt of a report as a picture to keep (H5's 「保存回执图片」): the bureau, the tracking
 * code, when it was sent, the legal deadlines with their articles, and how to follow it up.
 *
 * The tracking code alone opens nothing (GET /tips/{code} needs the verifier too). A named report's
 * verifier is the last four digits of the worker's phone: personal data, which the worker knows,
 * so it is not printed. An anonymous report's access key is shown only once and cannot be recovered,
 * which is why the receipt asks the worker to keep it: it is printed, with a warning that whoever
 * has the picture can read the report.
 */
import { ESTIMATE_NOTE } from '../calendar/holiday-rules'
import { formatChinaDateTime, formatChineseDate } from '../format-date'
import { wrapText, type PictureLayout, type PictureText } from '../picture'
import { DEADLINE_RULES, TIP_DEADLINE_NOTE, type ApplicableDeadlines } from './deadlines'
import type { ReportKind } from './report-fields'

export const RECEIPT_PICTURE_WIDTH = 900
const MARGIN = 70
const COLOUR = { paper: '#ffffff', frame: '#b3261e', title: '#b3261e', text: '#1f1f1f', muted: '#4d4d4d', warning: '#b3261e' }

export interface ReceiptFacts {
  bureauName: string
  kind: ReportKind
  trackingCode: string
  /** An anonymous report's access key, when the receipt has it. */
  accessKey: string | null
  /** When the service accepted the report (ISO 8601); printed in China time. */
  sentAt: string
  deadlines: ApplicableDeadlines
}

export const RECEIPT_PICTURE_FILE = '欠薪反映回执.png'

// A letter or digit of the code, as wide as this share of the font size at most (bold sans-serif).
const CODE_CHARACTER_WIDTH = 0.62

/** A code in its groups of four, broken only between groups (as the receipt page shows it): 「K7QF-3MZP-」 then 「9XRD」. */
function codeLines(code: string, size: number): string[] {
  const fits = Math.floor((RECEIPT_PICTURE_WIDTH - 2 * MARGIN) / (size * CODE_CHARACTER_WIDTH))
  const groups = code.split('-')
  const lines: string[] = []
  let line = ''
  groups.forEach((group, index) => {
    const piece = index < groups.length - 1 ? `${group}-` : group
    if (line && line.length + piece.length > fits) {
      lines.push(line)
      line = ''
    }
    line += piece
  })
  return [...lines, line]
}

export function receiptPictureLayout(facts: ReceiptFacts): PictureLayout {
  const left = MARGIN
  const centre = RECEIPT_PICTURE_WIDTH / 2
  const texts: PictureText[] = []
  let y = MARGIN + 40
  const add = (text: string, size: number, options: Partial<Pick<PictureText, 'bold' | 'colour' | 'align'>> & { gap?: number; code?: boolean } = {}) => {
    const align = options.align ?? 'left'
    // A CJK character is about as wide as the font is tall.
    const perLine = Math.floor((RECEIPT_PICTURE_WIDTH - 2 * MARGIN) / size)
    for (const line of options.code ? codeLines(text, size) : wrapText(text, perLine)) {
      y += size
      texts.push({ text: line, x: align === 'center' ? centre : left, y, size, bold: options.bold ?? false, colour: options.colour ?? COLOUR.text, align })
      y += size * 0.45
    }
    y += options.gap ?? 0
  }

  add(facts.bureauName, 34, { align: 'center', colour: COLOUR.muted, gap: 4 })
  add(facts.kind === 'complaint' ? '欠薪投诉回执' : '欠薪举报回执', 60, { align: 'center', bold: true, colour: COLOUR.title, gap: 36 })
  add('查询码', 32, { colour: COLOUR.muted })
  add(facts.trackingCode, 60, { bold: true, gap: 16, code: true })
  if (facts.accessKey) {
    add('查询密钥', 32, { colour: COLOUR.muted })
    add(facts.accessKey, 44, { bold: true, gap: 16, code: true })
  }
  add(`提交时间：${formatChinaDateTime(facts.sentAt)}`, 32, { gap: 30 })

  add('办理期限', 40, { bold: true, gap: 8 })
  const rows = DEADLINE_RULES.filter((row) => facts.deadlines[row.key] !== null)
  for (const row of rows) {
    const deadline = facts.deadlines[row.key]
    if (!deadline) continue
    add(`${row.title}：最迟${formatChineseDate(deadline.date)}${deadline.covered ? '' : '（估算）'}`, 34, { bold: true })
    add(`${row.rule}（${row.citation}）`, 26, { colour: COLOUR.muted, gap: 10 })
  }
  if (facts.kind === 'tip' && rows.length === 0) add(TIP_DEADLINE_NOTE, 26, { colour: COLOUR.muted, gap: 10 })
  if (facts.kind === 'complaint') add('受理前，调查期限按最迟受理日推算；受理后从受理之日起计算。', 26, { colour: COLOUR.muted, gap: 10 })
  if (rows.some((row) => facts.deadlines[row.key]?.covered === false)) add(ESTIMATE_NOTE, 26, { colour: COLOUR.muted, gap: 10 })

  y += 20
  if (facts.accessKey) {
    add('查询进度要用查询码和查询密钥，密钥丢失后无法查询。请保存好这张图片。', 30, { bold: true })
    add('有这张图片就能查看您的反映，请不要发给别人。', 30, { bold: true, colour: COLOUR.warning })
  } else {
    add('查询进度要用查询码和您留下的电话号码后四位。请保存好这张图片。', 30, { bold: true })
  }
  const height = Math.ceil(y + MARGIN)

  return {
    width: RECEIPT_PICTURE_WIDTH,
    height,
    paper: COLOUR.paper,
    frames: [{ x: 24, y: 24, width: RECEIPT_PICTURE_WIDTH - 48, height: height - 48, lineWidth: 6, colour: COLOUR.frame }],
    texts,
  }
}
