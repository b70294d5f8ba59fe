import { ID_SHAPES } from '../schemas'

/**
 * The sync cursor, opaque to clients: base64url of "<epoch>.<seq>.<floor>". The epoch ties it to
 * one database; seq is the last change the client has applied; floor is the purge horizon the
 * client was last served under. A client behind the horizon is still whole if the horizon has
 * not moved since (it started after that purge); if it has moved, deletions may be lost: 410.
 */
export interface Cursor {
  epoch: string
  seq: number
  floor: number
}

const DECODED = /^([A-Za-z0-9_-]{1,64})\.(\d{1,15})\.(\d{1,15})$/
const ENCODED = new RegExp(ID_SHAPES.cursor.pattern)

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.epoch}.${cursor.seq}.${cursor.floor}`, 'utf8').toString('base64url')
}

/** The cursor, or undefined when the text is not one of ours. */
export function decodeCursor(text: string): Cursor | undefined {
  if (!ENCODED.test(text)) return undefined
  const match = DECODED.exec(Buffer.from(text, 'base64url').toString('utf8'))
  if (!match) return undefined
  const seq = Number(match[2])
  const floor = Number(match[3])
  return Number.isSafeInteger(seq) && Number.isSafeInteger(floor) ? { epoch: match[1], seq, floor } : undefined
}
