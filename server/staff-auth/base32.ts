// Base32 of RFC 4648 (A–Z, 2–7, no padding): the alphabet authenticator apps read secrets in, and
// the one enrolment codes are written in (no 0, 1, 8 or 9 to mistake for O, I, B or g).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export function base32Encode(bytes: Uint8Array): string {
  let text = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff
    bits += 8
    while (bits >= 5) {
      bits -= 5
      text += ALPHABET[(buffer >> bits) & 0b11111]
    }
  }
  if (bits > 0) text += ALPHABET[(buffer << (5 - bits)) & 0b11111]
  return text
}

/** The bytes of unpadded upper-case base32, or undefined when it is not that. */
export function base32Decode(text: string): Buffer | undefined {
  const bytes: number[] = []
  let buffer = 0
  let bits = 0
  for (const char of text) {
    const value = ALPHABET.indexOf(char)
    if (value < 0) return undefined
    buffer = ((buffer << 5) | value) & 0xfff
    bits += 5
    if (bits >= 8) {
      bits -= 8
      bytes.push((buffer >> bits) & 0xff)
    }
  }
  return Buffer.from(bytes)
}
