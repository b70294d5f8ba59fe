// Which evidence photos are accepted, judged by their first bytes only: a declared Content-Type or
// a file name is whatever the sender says, the bytes are what a viewer will actually decode.

import type { EvidenceMediaType } from './uploads.schemas'

/**
 * The largest picture accepted, read from the file's header before anything is decoded: a side of
 * at most 10,000 pixels and at most 50 million pixels in all (a 48-megapixel phone photo is
 * 8,064 × 6,048). A small file can declare a huge picture that takes gigabytes to show.
 */
export const IMAGE_MAX_SIDE = 10_000
export const IMAGE_MAX_PIXELS = 50_000_000

/** How many leading bytes `detectImageType` needs at most (a HEIF `ftyp` box with many brands). */
export const IMAGE_TYPE_HEAD_BYTES = 256

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

// HEIF brands of HEVC-coded images and sequences: certainly HEIC.
const HEVC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs'])
// Brands of the HEIF container whatever the codec; AVIF files carry them too.
const HEIF_BRANDS = new Set(['mif1', 'msf1'])
const AVIF_BRANDS = new Set(['avif', 'avis'])

function startsWith(head: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  if (head.length < offset + bytes.length) return false
  return bytes.every((byte, index) => head[offset + index] === byte)
}

function ascii(head: Uint8Array, offset: number, length: number): string {
  let text = ''
  for (let index = offset; index < offset + length; index += 1) text += String.fromCharCode(head[index])
  return text
}

function hasAscii(head: Uint8Array, text: string, offset: number): boolean {
  return head.length >= offset + text.length && ascii(head, offset, text.length) === text
}

function uint32At(head: Uint8Array, offset: number): number {
  return ((head[offset] << 24) | (head[offset + 1] << 16) | (head[offset + 2] << 8) | head[offset + 3]) >>> 0
}

/**
 * The image type of a file from its first bytes (at least what is available, up to
 * IMAGE_TYPE_HEAD_BYTES), or null when it is none of the accepted kinds or too short to tell.
 */
export function detectImageType(head: Uint8Array): EvidenceMediaType | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(head, PNG_SIGNATURE)) return 'image/png'
  if (hasAscii(head, 'RIFF', 0) && hasAscii(head, 'WEBP', 8)) return 'image/webp'
  if (isHeic(head)) return 'image/heic'
  return null
}

// ISO-BMFF starts with an `ftyp` box: 32-bit size, 'ftyp', major brand, minor version, then
// compatible brands to the end of the box.
function isHeic(head: Uint8Array): boolean {
  if (head.length < 16 || !hasAscii(head, 'ftyp', 4)) return false
  const boxSize = uint32At(head, 0)
  // Size 0 (to end of file) and 1 (64-bit size follows) are legal elsewhere but never in a real
  // photo's ftyp box; a size that does not hold whole brands is not an ftyp box.
  if (boxSize < 16 || (boxSize - 16) % 4 !== 0) return false
  const major = ascii(head, 8, 4)
  if (AVIF_BRANDS.has(major)) return false
  const brands = [major]
  for (let offset = 16; offset + 4 <= Math.min(boxSize, head.length); offset += 4) brands.push(ascii(head, offset, 4))
  if (brands.some((brand) => HEVC_BRANDS.has(brand))) return true
  // A plain HEIF container that also declares AVIF is an AVIF image, which phones cannot all show.
  return brands.some((brand) => HEIF_BRANDS.has(brand)) && !brands.some((brand) => AVIF_BRANDS.has(brand))
}
