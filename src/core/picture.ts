/**
 * A picture the app draws for the person to keep (the contest certificate, the report's receipt):
 * laid out as data (a paper colour, frames, texts at given places and sizes), then drawn by
 * drawPicture on WeChat's Canvas 2D or the browser's canvas, which give the same picture.
 */

export interface PictureText {
  text: string
  /** Where the text is anchored: its left end, horizontal centre or right end (by `align`); its baseline. */
  x: number
  y: number
  size: number
  bold: boolean
  colour: string
  align: 'left' | 'center' | 'right'
}

export interface PictureFrame {
  x: number
  y: number
  width: number
  height: number
  lineWidth: number
  colour: string
}

export interface PictureLayout {
  width: number
  height: number
  paper: string
  /** Rectangles outlined in their colour and line width. */
  frames: PictureFrame[]
  texts: PictureText[]
}

/** Splits text into lines of at most `perLine` characters (CJK text has no spaces to break at). */
export function wrapText(text: string, perLine: number): string[] {
  const characters = Array.from(text)
  const lines: string[] = []
  for (let start = 0; start < characters.length; start += perLine) lines.push(characters.slice(start, start + perLine).join(''))
  return lines.length > 0 ? lines : ['']
}

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

/** Draws the picture as laid out. */
export function drawPicture(drawing: Drawing, layout: PictureLayout): void {
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
