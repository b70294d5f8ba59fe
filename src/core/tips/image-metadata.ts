// Removes what a photo says about where and with what it was taken (Exif GPS, camera, XMP,
// Photoshop/IPTC records, text chunks) before staff see it, leaving the image data byte for byte.
// A JPEG keeps one fact of its Exif: the orientation (a phone held upright stores the pixels
// turned and says so there), in a minimal Exif segment of its own, so the photo still shows upright.
import type { EvidenceMediaType } from './image-type'

/**
 * The photo without its metadata, or null when the file cannot be walked reliably (truncated,
 * malformed, or HEIC, whose metadata sits in item boxes that cannot be dropped without rewriting
 * the file's offsets): a null must never be replaced by the original bytes.
 */
export function stripImageMetadata(bytes: Uint8Array, mediaType: EvidenceMediaType): Uint8Array | null {
  switch (mediaType) {
    case 'image/jpeg':
      return stripJpeg(bytes)
    case 'image/png':
      return stripPng(bytes)
    case 'image/webp':
      return stripWebp(bytes)
    case 'image/heic':
      return null
  }
}

function concat(pieces: Uint8Array[]): Uint8Array {
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0)
  const out = new Uint8Array(total)
  let offset = 0
  for (const piece of pieces) {
    out.set(piece, offset)
    offset += piece.length
  }
  return out
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  let text = ''
  for (let index = offset; index < offset + length; index += 1) text += String.fromCharCode(bytes[index])
  return text
}

function uint32BigEndian(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0
}

function uint32LittleEndian(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24)) >>> 0
}

const JPEG_SOI = 0xd8
const JPEG_EOI = 0xd9
const JPEG_SOS = 0xda
const JPEG_TEM = 0x01
const JPEG_APP1 = 0xe1 // Exif (with GPS and the thumbnail, which has its own Exif) and XMP
const JPEG_APP13 = 0xed // Photoshop IRB with IPTC: captions, places, names

function isRestartMarker(marker: number): boolean {
  return marker >= 0xd0 && marker <= 0xd7
}

// Segments are walked to the end, scans included (a progressive JPEG has markers between its
// scans, where an APP1 could hide too). Everything after EOI is dropped: phones append secondary
// images (previews, depth maps, motion-photo video) there, each with its own Exif.
function stripJpeg(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== JPEG_SOI) return null
  const pieces: Uint8Array[] = [bytes.subarray(0, 2)]
  let position = 2
  let sawScan = false
  let keptOrientation = false
  while (position < bytes.length) {
    if (bytes[position] !== 0xff) return null
    // Any number of 0xFF fill bytes may precede a marker.
    while (position + 1 < bytes.length && bytes[position + 1] === 0xff) position += 1
    if (position + 1 >= bytes.length) return null
    const marker = bytes[position + 1]
    if (marker === JPEG_EOI) {
      pieces.push(bytes.subarray(position, position + 2))
      return sawScan ? concat(pieces) : null
    }
    if (marker === JPEG_TEM || isRestartMarker(marker)) {
      pieces.push(bytes.subarray(position, position + 2))
      position += 2
      continue
    }
    if (marker === 0x00 || marker === JPEG_SOI || position + 4 > bytes.length) return null
    const segmentEnd = position + 2 + ((bytes[position + 2] << 8) | bytes[position + 3])
    if (segmentEnd < position + 4 || segmentEnd > bytes.length) return null
    if (marker !== JPEG_APP1 && marker !== JPEG_APP13) pieces.push(bytes.subarray(position, segmentEnd))
    else if (marker === JPEG_APP1 && !sawScan && !keptOrientation) {
      const orientation = exifOrientation(bytes, position + 4, segmentEnd)
      if (orientation !== undefined && orientation !== 1) {
        pieces.push(orientationSegment(orientation))
        keptOrientation = true
      }
    }
    position = segmentEnd
    if (marker === JPEG_SOS) {
      sawScan = true
      const scanEnd = endOfEntropyCodedData(bytes, position)
      if (scanEnd === null) return null
      pieces.push(bytes.subarray(position, scanEnd))
      position = scanEnd
    }
  }
  return null
}

const EXIF_HEADER = 'Exif\0\0'
const TIFF_ORIENTATION = 0x0112
const TIFF_SHORT = 3

/** The Orientation (1–8) of IFD0 in an Exif APP1 payload at [start, end); undefined when there is none or it cannot be read. */
function exifOrientation(bytes: Uint8Array, start: number, end: number): number | undefined {
  if (end - start < EXIF_HEADER.length + 8 || ascii(bytes, start, EXIF_HEADER.length) !== EXIF_HEADER) return undefined
  const tiff = start + EXIF_HEADER.length
  const order = ascii(bytes, tiff, 2)
  if (order !== 'II' && order !== 'MM') return undefined
  const little = order === 'II'
  const u16 = (offset: number) => (little ? bytes[offset] | (bytes[offset + 1] << 8) : (bytes[offset] << 8) | bytes[offset + 1])
  const u32 = (offset: number) => (little ? uint32LittleEndian(bytes, offset) : uint32BigEndian(bytes, offset))
  if (u16(tiff + 2) !== 42) return undefined
  const ifd = tiff + u32(tiff + 4)
  if (ifd + 2 > end) return undefined
  const count = u16(ifd)
  for (let index = 0; index < count; index += 1) {
    const entry = ifd + 2 + index * 12
    if (entry + 12 > end) return undefined
    if (u16(entry) !== TIFF_ORIENTATION) continue
    if (u16(entry + 2) !== TIFF_SHORT || u32(entry + 4) !== 1) return undefined
    const value = u16(entry + 8)
    return value >= 1 && value <= 8 ? value : undefined
  }
  return undefined
}

/** An APP1 segment with an Exif block holding only IFD0's Orientation (big-endian TIFF). */
function orientationSegment(orientation: number): Uint8Array {
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, TIFF_SHORT, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]
  const payload = [...Array.from(EXIF_HEADER, (char) => char.charCodeAt(0)), ...tiff]
  const length = payload.length + 2
  return Uint8Array.from([0xff, JPEG_APP1, length >> 8, length & 0xff, ...payload])
}

// Inside a scan, 0xFF is followed by 0x00 (a stuffed data byte), a restart marker, or more 0xFF
// fill; anything else is the next marker.
function endOfEntropyCodedData(bytes: Uint8Array, start: number): number | null {
  for (let index = start; index + 1 < bytes.length; index += 1) {
    if (bytes[index] !== 0xff) continue
    const next = bytes[index + 1]
    if (next === 0x00 || next === 0xff || isRestartMarker(next)) continue
    return index
  }
  return null
}

const PNG_SIGNATURE_LENGTH = 8
// eXIf: Exif with GPS; tEXt/zTXt/iTXt: free text, where XMP and editors' comments go.
const PNG_METADATA_CHUNKS = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt'])

function stripPng(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < PNG_SIGNATURE_LENGTH) return null
  const pieces: Uint8Array[] = [bytes.subarray(0, PNG_SIGNATURE_LENGTH)]
  let position = PNG_SIGNATURE_LENGTH
  // Each chunk: 4-byte length, 4-byte type, data, 4-byte CRC. Dropping whole chunks keeps every
  // remaining CRC valid. Nothing after IEND is kept.
  while (position + 12 <= bytes.length) {
    const length = uint32BigEndian(bytes, position)
    const chunkEnd = position + 12 + length
    if (length > 0x7fffffff || chunkEnd > bytes.length) return null
    const type = ascii(bytes, position + 4, 4)
    if (!PNG_METADATA_CHUNKS.has(type)) pieces.push(bytes.subarray(position, chunkEnd))
    if (type === 'IEND') return concat(pieces)
    position = chunkEnd
  }
  return null
}

const WEBP_HEADER_LENGTH = 12
const WEBP_METADATA_CHUNKS = new Set(['EXIF', 'XMP '])
const VP8X_EXIF_FLAG = 0x08
const VP8X_XMP_FLAG = 0x04

function stripWebp(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < WEBP_HEADER_LENGTH || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') return null
  const riffEnd = 8 + uint32LittleEndian(bytes, 4)
  if (riffEnd > bytes.length || riffEnd < WEBP_HEADER_LENGTH) return null
  const pieces: Uint8Array[] = []
  let position = WEBP_HEADER_LENGTH
  // Each chunk: FourCC, 4-byte little-endian size, data, a pad byte when the size is odd.
  while (position < riffEnd) {
    if (position + 8 > riffEnd) return null
    const fourCc = ascii(bytes, position, 4)
    const size = uint32LittleEndian(bytes, position + 4)
    const chunkEnd = position + 8 + size + (size % 2)
    if (chunkEnd > riffEnd) return null
    if (fourCc === 'VP8X') {
      if (size < 1) return null
      const chunk = bytes.slice(position, chunkEnd)
      // The extended header announces EXIF and XMP chunks; it must not promise what is gone.
      chunk[8] &= ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG) & 0xff
      pieces.push(chunk)
    } else if (!WEBP_METADATA_CHUNKS.has(fourCc)) {
      pieces.push(bytes.subarray(position, chunkEnd))
    }
    position = chunkEnd
  }
  const body = concat(pieces)
  const header = new Uint8Array(WEBP_HEADER_LENGTH)
  header.set(bytes.subarray(0, WEBP_HEADER_LENGTH))
  const riffSize = body.length + 4
  header[4] = riffSize & 0xff
  header[5] = (riffSize >>> 8) & 0xff
  header[6] = (riffSize >>> 16) & 0xff
  header[7] = (riffSize >>> 24) & 0xff
  return concat([header, body])
}
