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

// Marks that may not begin a line in Chinese typesetting (行首禁则): closing brackets and quotes, and punctuation.
const NO_LINE_START = new Set(Array.from('，。、；：？！）》〉」』】”’…%,.;:?!)'))

/**
 * Splits text into lines of at most `perLine` characters (CJK text has no spaces to break at). A
 * line never begins with a closing mark or punctuation: the character before it goes down with it.
 */
export function wrapText(text: string, perLine: number): string[] {
  const characters = Array.from(text)
  const lines: string[] = []
  let start = 0
  while (start < characters.length) {
    let end = Math.min(start + perLine, characters.length)
    while (end < characters.length && end - start > 1 && NO_LINE_START.has(characters[end])) end -= 1
    lines.push(characters.slice(start, end).join(''))
    start = end
  }
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
