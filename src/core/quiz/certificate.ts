/**
 * The electronic certificate of a finished contest attempt: the name to print, checked by the
 * nickname rule (it may end up in a chat group), and the drawing as data (what text goes where, at
 * what size), so that WeChat's and the browser's canvases draw the same picture (../picture.ts).
 */
import { chinaDateOf } from '../calendar/working-days'
import { type Check, fail } from '../check'
import { formatChineseDate } from '../format-date'
import { wrapText, type PictureLayout, type PictureText } from '../picture'
import { isBlankText } from '../text-rules'
import { checkNickname } from './nickname'

export const CERTIFICATE_WIDTH = 900
export const CERTIFICATE_HEIGHT = 1200
const MARGIN = 90
const COLOUR = { paper: '#fffaf0', frame: '#b3261e', title: '#b3261e', text: '#1f1f1f', muted: '#4d4d4d' }

export interface CertificateFacts {
  name: string
  contestTitle: string
  score: number
  questionCount: number
  /** When the attempt finished (ISO 8601); printed as its date in China. */
  finishedAt: string
  bureauName: string
}

export type CertificateText = PictureText
export type CertificateLayout = PictureLayout

export { wrapText }

/** The name as it will be printed, or a message saying what is wrong with it. */
export function checkCertificateName(input: string): Check<string> {
  if (isBlankText(input)) return fail('请填写要印在证书上的姓名或昵称')
  const checked = checkNickname(input)
  if (!checked.ok) return checked
  return checked.value === null ? fail('请填写要印在证书上的姓名或昵称') : { ok: true, value: checked.value }
}

export function certificateLayout(facts: CertificateFacts): CertificateLayout {
  const centre = CERTIFICATE_WIDTH / 2
  const bodySize = 40
  // A CJK character is about as wide as the font is tall.
  const perLine = Math.floor((CERTIFICATE_WIDTH - 2 * MARGIN) / bodySize)
  const texts: PictureText[] = []
  const add = (text: string, y: number, size: number, options: Partial<Pick<PictureText, 'bold' | 'colour' | 'align' | 'x'>> = {}) =>
    texts.push({ text, x: options.x ?? centre, y, size, bold: options.bold ?? false, colour: options.colour ?? COLOUR.text, align: options.align ?? 'center' })

  add('参赛证书', 250, 88, { bold: true, colour: COLOUR.title })
  add(facts.name, 420, 60, { bold: true })
  let y = 540
  for (const line of wrapText(`参加“${facts.contestTitle}”`, perLine)) {
    add(line, y, bodySize)
    y += bodySize * 1.6
  }
  add(`答对 ${facts.score} 题（共 ${facts.questionCount} 题）`, y + 20, 52, { bold: true, colour: COLOUR.title })
  add('特发此证，以资鼓励。', y + 140, bodySize, { colour: COLOUR.muted })
  const right = CERTIFICATE_WIDTH - MARGIN - 20
  add(facts.bureauName, CERTIFICATE_HEIGHT - 220, 36, { align: 'right', x: right })
  add(formatChineseDate(chinaDateOf(new Date(facts.finishedAt))), CERTIFICATE_HEIGHT - 160, 36, { align: 'right', x: right })

  return {
    width: CERTIFICATE_WIDTH,
    height: CERTIFICATE_HEIGHT,
    paper: COLOUR.paper,
    frames: [
      { x: 30, y: 30, width: CERTIFICATE_WIDTH - 60, height: CERTIFICATE_HEIGHT - 60, lineWidth: 12, colour: COLOUR.frame },
      { x: 56, y: 56, width: CERTIFICATE_WIDTH - 112, height: CERTIFICATE_HEIGHT - 112, lineWidth: 3, colour: COLOUR.frame },
    ],
    texts,
  }
}
