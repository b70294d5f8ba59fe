import type { CertificateLayout } from '../../../core/quiz/certificate'

/** The part of a 2D canvas context both WeChat's Canvas 2D and the browser's have. */
export interface Drawing {
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  font: string
  textAlign: string
  textBaseline: string
  fillRect(x: number, y: number, width: number, height: number): void
  strokeRect(x: number, y: number, width: number, height: number): void
  fillText(text: string, x: number, y: number): void
}

const FONTS = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'

/** Draws the certificate as core/quiz/certificate.ts lays it out. */
export function drawCertificate(drawing: Drawing, layout: CertificateLayout): void {
  drawing.fillStyle = layout.paper
  drawing.fillRect(0, 0, layout.width, layout.height)
  for (const frame of layout.frames) {
    drawing.strokeStyle = frame.colour
    drawing.lineWidth = frame.lineWidth
    drawing.strokeRect(frame.x, frame.y, frame.width, frame.height)
  }
  drawing.textBaseline = 'alphabetic'
  for (const text of layout.texts) {
    drawing.font = `${text.bold ? 'bold ' : ''}${text.size}px ${FONTS}`
    drawing.fillStyle = text.colour
    drawing.textAlign = text.align
    drawing.fillText(text.text, text.x, text.y)
  }
}

export interface SaveOutcome {
  ok: boolean
  /** What to tell the person, in a status line on the page. */
  message: string
  /** WeChat refused the album: offer the settings page, where the person can allow it. */
  offerSettings?: boolean
}
