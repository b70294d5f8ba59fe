// Reads an evidence photo once, as it streams in, and gives back only what draws the picture:
// what a photo says about where and with what it was taken (Exif GPS, camera, XMP, Photoshop/IPTC,
// ICC profiles and their names, JPEG comments, PNG and WebP text and Exif chunks) is dropped, the
// image data is kept byte for byte. A JPEG keeps one fact of its Exif: the orientation (a phone
// held upright stores the pixels turned and says so there), in a minimal Exif segment of its own,
// so the photo still shows upright. On the way it reads the picture's size from its header
// (JPEG SOFn, PNG IHDR, WebP VP8X/VP8/VP8L, HEIC ispe), before any pixel is decoded.
import type { EvidenceMediaType } from './uploads.schemas'

/** Width and height in pixels, as the file's header declares them. */
export interface ImageSize {
  width: number
  height: number
}

/** The bytes 4–7 of a WebP (its RIFF size) change once chunks are dropped: known only at the end. */
export interface HeaderPatch {
  offset: number
  bytes: Uint8Array
}

export interface StripperEnd {
  /** Bytes of the cleaned file still to write. */
  pieces: Uint8Array[]
  /** To write over bytes already given (only a WebP's RIFF size), or undefined. */
  patch: HeaderPatch | undefined
}

/**
 * A photo's metadata stripper, fed the file in pieces as it arrives; it holds back only what it
 * must read whole (a segment or chunk header, an Exif segment for the orientation, a HEIC meta box).
 * HEIC is passed through as it is (its metadata sits in items located by offsets, which cannot be
 * dropped without rewriting the file) and only measured: such a photo must never be shown as is.
 */
export interface MetadataStripper {
  /** Takes the next bytes; returns the cleaned bytes ready so far. Throws ImageFormatError. */
  push(chunk: Uint8Array): Uint8Array[]
  /** The end of the file; throws ImageFormatError when the file stopped short or never said its size. */
  end(): StripperEnd
  /** The picture's size once its header has been read. */
  readonly size: ImageSize | undefined
  /** Whether the output is cleaned (false for HEIC, passed through). */
  readonly strips: boolean
}

/** The file cannot be walked reliably (truncated, malformed): it must be refused, never passed on. */
export class ImageFormatError extends Error {
  constructor(reason: string) {
    super(`image cannot be read: ${reason}`)
    this.name = 'ImageFormatError'
  }
}

export function createMetadataStripper(mediaType: EvidenceMediaType): MetadataStripper {
  switch (mediaType) {
    case 'image/jpeg':
      return new JpegWalker()
    case 'image/png':
      return new PngWalker()
    case 'image/webp':
      return new WebpWalker()
    case 'image/heic':
      return new HeicWalker()
  }
}

/**
 * The photo without its metadata, or null when the file cannot be walked reliably (truncated,
 * malformed, or HEIC): a null must never be replaced by the original bytes.
 */
export function stripImageMetadata(bytes: Uint8Array, mediaType: EvidenceMediaType): Uint8Array | null {
  const stripper = createMetadataStripper(mediaType)
  if (!stripper.strips) return null
  try {
    const pieces = stripper.push(bytes)
    const end = stripper.end()
    const out = concat([...pieces, ...end.pieces])
    if (end.patch) out.set(end.patch.bytes, end.patch.offset)
    return out
  } catch (error) {
    if (error instanceof ImageFormatError) return null
    throw error
  }
}

/** The picture's size read from the header of a whole file, or undefined when it cannot be read. */
export function imageSizeOf(bytes: Uint8Array, mediaType: EvidenceMediaType): ImageSize | undefined {
  const stripper = createMetadataStripper(mediaType)
  try {
    stripper.push(bytes)
  } catch (error) {
    if (!(error instanceof ImageFormatError)) throw error
  }
  return stripper.size
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

function uint16BigEndian(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] << 8) | bytes[offset + 1]
}

function uint32BigEndian(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0
}

function uint32LittleEndian(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24)) >>> 0
}

function uint24LittleEndian(bytes: Uint8Array, offset: number): number {
  return bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16)
}

/**
 * The bytes received and not yet consumed, in the pieces they came in; a walker looks at the first
 * few (copied together only when a header straddles two pieces) and passes or drops the rest.
 */
abstract class Walker implements MetadataStripper {
  private queue: Uint8Array[] = []
  private queued = 0
  private copying = 0
  private skipping = 0
  private out: Uint8Array[] = []
  protected finished = false
  /** Bytes given out so far. */
  protected emitted = 0
  size: ImageSize | undefined
  readonly strips: boolean = true

  push(chunk: Uint8Array): Uint8Array[] {
    // After the end marker bytes still come in: the rest of the last chunk, then the trailer (dropped).
    if (chunk.length > 0) {
      this.queue.push(chunk)
      this.queued += chunk.length
      this.run()
    }
    const out = this.out
    this.out = []
    return out
  }

  end(): StripperEnd {
    this.run()
    if (this.copying > 0 || this.skipping > 0) throw new ImageFormatError('the file stops inside a segment')
    this.atEnd()
    if (!this.finished) throw new ImageFormatError('the file stops before its end marker')
    if (this.size === undefined) throw new ImageFormatError('the file never says its size')
    const pieces = this.out
    this.out = []
    return { pieces, patch: this.patch() }
  }

  protected patch(): HeaderPatch | undefined {
    return undefined
  }

  /** Called at the end of input, with the bytes left (a format whose last box runs to the end). */
  protected atEnd(): void {}

  /** One step of the format's walk; false when it needs more bytes. */
  protected abstract step(): boolean

  private run(): void {
    for (;;) {
      if (this.copying > 0 || this.skipping > 0) {
        if (this.queued === 0) return
        this.passOn()
        continue
      }
      if (this.finished) {
        // Whatever follows the end marker (phones append previews with their own Exif) is dropped.
        this.queue = []
        this.queued = 0
        return
      }
      if (!this.step()) return
    }
  }

  private passOn(): void {
    const first = this.queue[0]
    const wanted = this.copying > 0 ? this.copying : this.skipping
    const piece = first.length <= wanted ? first : first.subarray(0, wanted)
    if (piece.length === first.length) this.queue.shift()
    else this.queue[0] = first.subarray(piece.length)
    this.queued -= piece.length
    if (this.copying > 0) {
      this.copying -= piece.length
      this.emit(piece)
    } else {
      this.skipping -= piece.length
    }
  }

  protected get available(): number {
    return this.queued
  }

  /** The first `length` bytes without consuming them, or undefined until that many have come. */
  protected peek(length: number): Uint8Array | undefined {
    if (this.queued < length) return undefined
    if (this.queue[0].length < length) {
      const joined = concat(this.queue)
      this.queue = [joined]
    }
    return this.queue[0].subarray(0, length)
  }

  /** The first piece as it is (for scanning entropy-coded data), or undefined when none is left. */
  protected firstPiece(): Uint8Array | undefined {
    return this.queue[0]
  }

  /** Joins the first piece with the next, when a two-byte pattern straddles them; false when there is no next. */
  protected joinFirstTwo(): boolean {
    if (this.queue.length < 2) return false
    const [first, second] = this.queue
    this.queue.splice(0, 2, concat([first, second]))
    return true
  }

  protected emit(piece: Uint8Array): void {
    if (piece.length === 0) return
    this.out.push(piece)
    this.emitted += piece.length
  }

  /** Passes the next `length` bytes on unchanged. */
  protected copy(length: number): void {
    this.copying += length
  }

  /** Drops the next `length` bytes. */
  protected skip(length: number): void {
    this.skipping += length
  }

  /** Consumes the first `length` bytes, which the caller has peeked, and gives them back as a copy. */
  protected take(length: number): Uint8Array {
    const bytes = this.peek(length)
    if (bytes === undefined) throw new Error('take before peek')
    const copy = bytes.slice()
    this.queue[0] = this.queue[0].subarray(length)
    if (this.queue[0].length === 0) this.queue.shift()
    this.queued -= length
    return copy
  }
}

// --- JPEG ---

const JPEG_SOI = 0xd8
const JPEG_EOI = 0xd9
const JPEG_SOS = 0xda
const JPEG_DNL = 0xdc
const JPEG_DHP = 0xde
const JPEG_TEM = 0x01
const JPEG_APP1 = 0xe1
const JPEG_APP14 = 0xee
const JPEG_COM = 0xfe

function isRestartMarker(marker: number): boolean {
  return marker >= 0xd0 && marker <= 0xd7
}

function isAppMarker(marker: number): boolean {
  return marker >= 0xe0 && marker <= 0xef
}

// SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC); DHP carries a size the same way.
function isFrameHeader(marker: number): boolean {
  return (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === JPEG_DHP
}

// The Adobe segment (APP14, 12 bytes of payload) says how the colour channels are coded: without
// it a CMYK JPEG decodes with wrong colours. It has no room for text, so it stays.
function isAdobeTransform(segment: Uint8Array): boolean {
  return segment.length === 16 && ascii(segment, 4, 5) === 'Adobe'
}

// Segments are walked to the end, scans included (a progressive JPEG has markers between its
// scans, where an APP1 could hide too). Every APPn but the Adobe colour transform goes (JFIF,
// Exif, XMP, ICC, Photoshop/IPTC, makers' own), and so do comments (COM, free text, even HTML).
// Everything after EOI is dropped: phones append secondary images (previews, depth maps,
// motion-photo video) there, each with its own Exif.
class JpegWalker extends Walker {
  private state: 'start' | 'markers' | 'scan' = 'start'
  private sawScan = false
  private keptOrientation = false

  protected step(): boolean {
    if (this.state === 'start') {
      const soi = this.peek(2)
      if (!soi) return false
      if (soi[0] !== 0xff || soi[1] !== JPEG_SOI) throw new ImageFormatError('no JPEG start marker')
      this.emit(this.take(2))
      this.state = 'markers'
      return true
    }
    if (this.state === 'scan') return this.scan()
    const head = this.peek(2)
    if (!head) return false
    if (head[0] !== 0xff) throw new ImageFormatError('garbage between JPEG segments')
    const marker = head[1]
    // Any number of 0xFF fill bytes may precede a marker.
    if (marker === 0xff) {
      this.take(1)
      return true
    }
    if (marker === JPEG_EOI) {
      if (!this.sawScan) throw new ImageFormatError('a JPEG without image data')
      this.emit(this.take(2))
      this.finished = true
      return true
    }
    if (marker === JPEG_TEM || isRestartMarker(marker)) {
      this.emit(this.take(2))
      return true
    }
    if (marker === 0x00 || marker === JPEG_SOI) throw new ImageFormatError('a misplaced JPEG marker')
    const header = this.peek(4)
    if (!header) return false
    const length = uint16BigEndian(header, 2)
    if (length < 2) throw new ImageFormatError('a JPEG segment shorter than its length field')
    const segmentLength = 2 + length
    if (isFrameHeader(marker)) {
      const segment = this.peek(segmentLength)
      if (!segment) return false
      if (segmentLength < 9) throw new ImageFormatError('a JPEG frame header too short')
      this.readFrameSize(segment)
      this.copy(segmentLength)
      return true
    }
    if (marker === JPEG_DNL) throw new ImageFormatError('a JPEG whose height comes after its image data (DNL)')
    if (marker === JPEG_SOS) {
      if (this.size === undefined) throw new ImageFormatError('a JPEG scan before its frame header')
      this.sawScan = true
      this.copy(segmentLength)
      this.state = 'scan'
      return true
    }
    if (isAppMarker(marker) || marker === JPEG_COM) {
      if (marker === JPEG_APP1 && !this.sawScan && !this.keptOrientation) return this.keepOrientation(segmentLength)
      if (marker === JPEG_APP14 && segmentLength === 16) {
        const segment = this.peek(segmentLength)
        if (!segment) return false
        if (isAdobeTransform(segment)) {
          this.copy(segmentLength)
          return true
        }
      }
      this.skip(segmentLength)
      return true
    }
    // Tables (DQT, DHT, DAC, DRI) and the rest of the image's own segments.
    this.copy(segmentLength)
    return true
  }

  private readFrameSize(segment: Uint8Array): void {
    const height = uint16BigEndian(segment, 5)
    const width = uint16BigEndian(segment, 7)
    // Height 0 means "given later by DNL", after the image data: refused above.
    if (height === 0 || width === 0) throw new ImageFormatError('a JPEG frame header without a size')
    this.size = { width: Math.max(width, this.size?.width ?? 0), height: Math.max(height, this.size?.height ?? 0) }
  }

  private keepOrientation(segmentLength: number): boolean {
    const segment = this.peek(segmentLength)
    if (!segment) return false
    const orientation = exifOrientation(segment, 4, segmentLength)
    this.skip(segmentLength)
    if (orientation !== undefined && orientation !== 1) {
      this.emit(orientationSegment(orientation))
      this.keptOrientation = true
    }
    return true
  }

  // Inside a scan, 0xFF is followed by 0x00 (a stuffed data byte), a restart marker, or more 0xFF
  // fill; anything else is the next marker, where the scan ends.
  private scan(): boolean {
    const piece = this.firstPiece()
    if (!piece) return false
    for (let index = piece.indexOf(0xff); index !== -1; index = piece.indexOf(0xff, index + 1)) {
      if (index + 1 >= piece.length) {
        // The byte after this 0xFF is in the next piece: pass on what comes before and look again.
        if (index > 0) {
          this.copy(index)
          return true
        }
        return this.joinFirstTwo()
      }
      const next = piece[index + 1]
      if (next === 0x00 || next === 0xff || isRestartMarker(next)) continue
      this.state = 'markers'
      this.copy(index)
      return true
    }
    this.copy(piece.length)
    return true
  }
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

// --- PNG ---

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
// What draws the picture: header, palette, data, end, transparency, colour space (named by
// standard, no profile with its own name and text), pixel aspect, and APNG's frames. Every other
// ancillary chunk goes: eXIf (Exif with GPS), tEXt/zTXt/iTXt (free text, XMP, editors' notes),
// iCCP (a profile with a name), tIME, and any private chunk.
const PNG_KEPT_CHUNKS = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'bKGD', 'pHYs', 'hIST', 'acTL', 'fcTL', 'fdAT'])

function isCriticalPngChunk(type: string): boolean {
  const first = type.charCodeAt(0)
  return first >= 0x41 && first <= 0x5a
}

class PngWalker extends Walker {
  private started = false

  protected step(): boolean {
    if (!this.started) {
      const signature = this.peek(PNG_SIGNATURE.length)
      if (!signature) return false
      if (!PNG_SIGNATURE.every((byte, index) => signature[index] === byte)) throw new ImageFormatError('no PNG signature')
      this.emit(this.take(PNG_SIGNATURE.length))
      this.started = true
      return true
    }
    // Each chunk: 4-byte length, 4-byte type, data, 4-byte CRC. Dropping whole chunks keeps every
    // remaining CRC valid.
    const header = this.peek(8)
    if (!header) return false
    const length = uint32BigEndian(header, 0)
    if (length > 0x7fffffff) throw new ImageFormatError('a PNG chunk longer than allowed')
    const type = ascii(header, 4, 4)
    const chunkLength = 12 + length
    if (this.size === undefined) {
      if (type !== 'IHDR' || length !== 13) throw new ImageFormatError('a PNG that does not start with its header')
      const ihdr = this.peek(chunkLength)
      if (!ihdr) return false
      const width = uint32BigEndian(ihdr, 8)
      const height = uint32BigEndian(ihdr, 12)
      if (width === 0 || height === 0) throw new ImageFormatError('a PNG header without a size')
      this.size = { width, height }
    }
    if (PNG_KEPT_CHUNKS.has(type)) this.copy(chunkLength)
    else if (isCriticalPngChunk(type)) throw new ImageFormatError('a PNG chunk no viewer knows')
    else this.skip(chunkLength)
    if (type === 'IEND') this.finished = true
    return true
  }
}

// --- WebP ---

const WEBP_HEADER_LENGTH = 12
// The image itself (lossy, lossless, alpha, animation, frames) and the extended header; EXIF, XMP,
// ICCP (a profile with its own text) and unknown chunks go.
const WEBP_KEPT_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF'])
const VP8X_ICC_FLAG = 0x20
const VP8X_EXIF_FLAG = 0x08
const VP8X_XMP_FLAG = 0x04

class WebpWalker extends Walker {
  private riffEnd = 0
  private position = 0
  private started = false
  private canvas = false

  protected step(): boolean {
    if (!this.started) {
      const header = this.peek(WEBP_HEADER_LENGTH)
      if (!header) return false
      if (ascii(header, 0, 4) !== 'RIFF' || ascii(header, 8, 4) !== 'WEBP') throw new ImageFormatError('no WebP header')
      this.riffEnd = 8 + uint32LittleEndian(header, 4)
      if (this.riffEnd < WEBP_HEADER_LENGTH + 8) throw new ImageFormatError('a WebP without chunks')
      // The RIFF size is given as received and written over at the end (patch).
      this.emit(this.take(WEBP_HEADER_LENGTH))
      this.position = WEBP_HEADER_LENGTH
      this.started = true
      return true
    }
    if (this.position === this.riffEnd) {
      this.finished = true
      return true
    }
    // Each chunk: FourCC, 4-byte little-endian size, data, a pad byte when the size is odd.
    if (this.position + 8 > this.riffEnd) throw new ImageFormatError('a WebP chunk header past the RIFF size')
    const header = this.peek(8)
    if (!header) return false
    const fourCc = ascii(header, 0, 4)
    const size = uint32LittleEndian(header, 4)
    const chunkLength = 8 + size + (size % 2)
    if (this.position + chunkLength > this.riffEnd) throw new ImageFormatError('a WebP chunk past the RIFF size')
    if (fourCc === 'VP8X') {
      if (size < 10) throw new ImageFormatError('a WebP extended header too short')
      const chunk = this.peek(chunkLength)
      if (!chunk) return false
      const copy = this.take(chunkLength)
      // The extended header announces these chunks; it must not promise what is gone.
      copy[8] &= ~(VP8X_ICC_FLAG | VP8X_EXIF_FLAG | VP8X_XMP_FLAG) & 0xff
      this.size = { width: 1 + uint24LittleEndian(copy, 12), height: 1 + uint24LittleEndian(copy, 15) }
      this.canvas = true
      this.emit(copy)
    } else if (WEBP_KEPT_CHUNKS.has(fourCc)) {
      if (!this.canvas && (fourCc === 'VP8 ' || fourCc === 'VP8L')) {
        const needed = fourCc === 'VP8 ' ? 18 : 13
        if (size < needed - 8) throw new ImageFormatError('a WebP image chunk too short')
        const start = this.peek(needed)
        if (!start) return false
        this.size = fourCc === 'VP8 ' ? vp8Size(start) : vp8lSize(start)
      }
      this.copy(chunkLength)
    } else {
      this.skip(chunkLength)
    }
    this.position += chunkLength
    return true
  }

  protected patch(): HeaderPatch {
    const riffSize = this.emitted - 8
    return { offset: 4, bytes: Uint8Array.from([riffSize & 0xff, (riffSize >>> 8) & 0xff, (riffSize >>> 16) & 0xff, (riffSize >>> 24) & 0xff]) }
  }
}

// A lossy frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
function vp8Size(chunk: Uint8Array): ImageSize {
  if (chunk[11] !== 0x9d || chunk[12] !== 0x01 || chunk[13] !== 0x2a) throw new ImageFormatError('a WebP lossy frame without its start code')
  const width = (chunk[14] | (chunk[15] << 8)) & 0x3fff
  const height = (chunk[16] | (chunk[17] << 8)) & 0x3fff
  if (width === 0 || height === 0) throw new ImageFormatError('a WebP frame without a size')
  return { width, height }
}

// A lossless image: signature 0x2F, then width − 1 and height − 1 in 14 bits each.
function vp8lSize(chunk: Uint8Array): ImageSize {
  if (chunk[8] !== 0x2f) throw new ImageFormatError('a WebP lossless image without its signature')
  const bits = uint32LittleEndian(chunk, 9)
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
}

// --- HEIC (ISO-BMFF) ---

/** A meta box larger than this is not a photo's (an iPhone's is a few kilobytes). */
const HEIC_META_MAX_BYTES = 1024 * 1024

// Passed through unchanged; the size of every image item (ispe in meta/iprp/ipco) is read, and
// the largest counts: a grid photo's tiles are small, its whole picture is the grid item's.
class HeicWalker extends Walker {
  override readonly strips = false
  private toEndOfFile = false

  protected step(): boolean {
    if (this.toEndOfFile) {
      const available = this.available
      if (available === 0) return false
      this.copy(available)
      return true
    }
    const header = this.peek(8)
    if (!header) return false
    let boxSize = uint32BigEndian(header, 0)
    const type = ascii(header, 4, 4)
    let headerLength = 8
    if (boxSize === 1) {
      const large = this.peek(16)
      if (!large) return false
      const high = uint32BigEndian(large, 8)
      if (high > 0x1fffff) throw new ImageFormatError('a HEIF box larger than any photo')
      boxSize = high * 2 ** 32 + uint32BigEndian(large, 12)
      headerLength = 16
    }
    if (boxSize === 0) {
      if (type === 'meta') throw new ImageFormatError('a HEIF meta box running to the end of the file')
      this.toEndOfFile = true
      return true
    }
    if (boxSize < headerLength) throw new ImageFormatError('a HEIF box shorter than its header')
    if (type === 'meta') {
      if (boxSize > HEIC_META_MAX_BYTES) throw new ImageFormatError('a HEIF meta box larger than any photo needs')
      const meta = this.peek(boxSize)
      if (!meta) return false
      this.readSizes(meta, headerLength + 4, boxSize)
    }
    this.copy(boxSize)
    return true
  }

  // The file ends where its last box ends.
  protected atEnd(): void {
    if (this.available === 0) this.finished = true
  }

  private readSizes(bytes: Uint8Array, start: number, end: number): void {
    for (const [type, childStart, childEnd] of boxesIn(bytes, start, end)) {
      if (type === 'iprp') {
        for (const [innerType, innerStart, innerEnd] of boxesIn(bytes, childStart, childEnd)) {
          if (innerType !== 'ipco') continue
          for (const [property, propertyStart, propertyEnd] of boxesIn(bytes, innerStart, innerEnd)) {
            // ispe: a full box (version and flags), then width and height, 32 bits each.
            if (property !== 'ispe' || propertyEnd - propertyStart < 12) continue
            const width = uint32BigEndian(bytes, propertyStart + 4)
            const height = uint32BigEndian(bytes, propertyStart + 8)
            if (width === 0 || height === 0) throw new ImageFormatError('a HEIF image without a size')
            this.size = { width: Math.max(width, this.size?.width ?? 0), height: Math.max(height, this.size?.height ?? 0) }
          }
        }
      }
    }
  }
}

/** The boxes in [start, end): their type and the range of their contents. */
function boxesIn(bytes: Uint8Array, start: number, end: number): Array<[string, number, number]> {
  const boxes: Array<[string, number, number]> = []
  let position = start
  while (position + 8 <= end) {
    const size = uint32BigEndian(bytes, position)
    if (size < 8 || position + size > end) throw new ImageFormatError('a HEIF box past its parent')
    boxes.push([ascii(bytes, position + 4, 4), position + 8, position + size])
    position += size
  }
  return boxes
}
