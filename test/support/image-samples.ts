// Image files built byte by byte, as cameras and phones write them, for the image-type and
// image-metadata tests and the upload tests. Nothing here is read from disk.

type Part = string | number[] | Uint8Array

/** ASCII strings, byte arrays and Uint8Arrays, one after the other. */
export function bytes(...parts: Part[]): Uint8Array {
  const pieces = parts.map((part) =>
    typeof part === 'string' ? Uint8Array.from(part, (char) => char.charCodeAt(0)) : part instanceof Uint8Array ? part : Uint8Array.from(part),
  )
  const out = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0))
  let offset = 0
  for (const piece of pieces) {
    out.set(piece, offset)
    offset += piece.length
  }
  return out
}

function u16be(value: number): number[] {
  return [(value >>> 8) & 0xff, value & 0xff]
}

function u32be(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]
}

function u32le(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff]
}

/** Whether `needle` (ASCII) occurs anywhere in `haystack`. */
export function containsAscii(haystack: Uint8Array, needle: string): boolean {
  return Buffer.from(haystack).includes(Buffer.from(needle, 'latin1'))
}

// --- Exif (TIFF, big-endian) with a GPS IFD: latitude 23°7'30" N, longitude 113°15'45" E ---

/** A TIFF block as Exif stores it: IFD0 pointing at a GPS IFD with position and "GPS" as the method. */
export function gpsTiff(): Uint8Array {
  const gpsIfdOffset = 8 + 2 + 12 + 4 // header, IFD0 with one entry
  const gpsEntries = 5
  const gpsDataOffset = gpsIfdOffset + 2 + gpsEntries * 12 + 4
  const latitudeOffset = gpsDataOffset
  const longitudeOffset = latitudeOffset + 24
  const methodOffset = longitudeOffset + 24
  const rational = (numerator: number, denominator: number) => [...u32be(numerator), ...u32be(denominator)]
  const entry = (tag: number, type: number, count: number, value: number[]) => [...u16be(tag), ...u16be(type), ...u32be(count), ...value]
  return bytes(
    'MM',
    u16be(42),
    u32be(8),
    // IFD0: GPSInfo (0x8825, LONG) → the GPS IFD.
    u16be(1),
    entry(0x8825, 4, 1, u32be(gpsIfdOffset)),
    u32be(0),
    // GPS IFD.
    u16be(gpsEntries),
    entry(0x0001, 2, 2, [0x4e, 0, 0, 0]), // GPSLatitudeRef "N"
    entry(0x0002, 5, 3, u32be(latitudeOffset)), // GPSLatitude
    entry(0x0003, 2, 2, [0x45, 0, 0, 0]), // GPSLongitudeRef "E"
    entry(0x0004, 5, 3, u32be(longitudeOffset)), // GPSLongitude
    entry(0x001b, 7, 11, u32be(methodOffset)), // GPSProcessingMethod
    u32be(0),
    [...rational(23, 1), ...rational(7, 1), ...rational(30, 1)],
    [...rational(113, 1), ...rational(15, 1), ...rational(45, 1)],
    'ASCII\0\0\0GPS',
  )
}

export const XMP_PACKET =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="23,7.5N" exif:GPSLongitude="113,15.75E"/>' +
  '</rdf:RDF></x:xmpmeta>'

// --- JPEG ---

function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  return bytes([0xff, marker], u16be(payload.length + 2), payload)
}

export const JPEG_HEADER = bytes([0xff, 0xd8], jpegSegment(0xe0, bytes('JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0])))

export interface JpegSample {
  file: Uint8Array
  /** The same file as it should be once cleaned: every other segment, byte for byte. */
  cleaned: Uint8Array
  /** The entropy-coded image data of the first scan. */
  scanData: Uint8Array
}

/**
 * A baseline-shaped JPEG: JFIF, Exif with GPS (and a thumbnail's own Exif inside), XMP, an ICC
 * profile, Photoshop IPTC, tables, a scan with stuffed bytes and a restart marker, EOI, and a
 * trailing "secondary image" with its own Exif, as some phones append.
 */
export function jpegWithGps(): JpegSample {
  const soi = bytes([0xff, 0xd8])
  const app0 = jpegSegment(0xe0, bytes('JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0]))
  const exif = jpegSegment(0xe1, bytes('Exif\0\0', gpsTiff()))
  const xmp = jpegSegment(0xe1, bytes('http://ns.adobe.com/xap/1.0/\0', XMP_PACKET))
  const icc = jpegSegment(0xe2, bytes('ICC_PROFILE\0', [1, 1], 'fake profile bytes'))
  const comment = jpegSegment(0xfe, bytes('<a href="https://example.com/">click</a> GPS 23.125N'))
  const photoshop = jpegSegment(0xed, bytes('Photoshop 3.0\0', '8BIM', [0x04, 0x04, 0, 0], u32be(16), [0x1c, 0x02, 0x5a, 0, 11], 'Guangzhou'))
  const dqt = jpegSegment(0xdb, bytes([0], Array.from({ length: 64 }, (_, index) => index + 1)))
  const sof = jpegSegment(0xc0, bytes([8], u16be(16), u16be(16), [1, 1, 0x11, 0]))
  const dht = jpegSegment(0xc4, bytes([0x00], [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0]))
  const sos = jpegSegment(0xda, bytes([1, 1, 0x00, 0, 63, 0]))
  // 0xFF 0x00 is a stuffed data byte and 0xFF 0xD0 a restart marker: both belong to the scan.
  const scanData = bytes([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78, 0x9a, 0xff, 0x00, 0xbc])
  const eoi = bytes([0xff, 0xd9])
  const trailer = bytes([0xff, 0xd8], jpegSegment(0xe1, bytes('Exif\0\0', gpsTiff())), [0xff, 0xd9])
  return {
    file: bytes(soi, app0, exif, xmp, icc, comment, photoshop, dqt, sof, dht, sos, scanData, eoi, trailer),
    cleaned: bytes(soi, dqt, sof, dht, sos, scanData, eoi),
    scanData,
  }
}

/** A progressive-shaped JPEG with an XMP segment hidden between its two scans. */
export function progressiveJpegWithLateXmp(): JpegSample {
  const soi = bytes([0xff, 0xd8])
  const sof = jpegSegment(0xc2, bytes([8], u16be(16), u16be(16), [1, 1, 0x11, 0]))
  const dht = jpegSegment(0xc4, bytes([0x00], [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0]))
  const firstScan = bytes(jpegSegment(0xda, bytes([1, 1, 0x00, 0, 0, 0])), [0x01, 0x02, 0xff, 0x00, 0x03])
  const lateXmp = jpegSegment(0xe1, bytes('http://ns.adobe.com/xap/1.0/\0', XMP_PACKET))
  const secondScan = bytes(jpegSegment(0xda, bytes([1, 1, 0x00, 1, 63, 0])), [0x04, 0x05, 0x06])
  const eoi = bytes([0xff, 0xd9])
  return {
    file: bytes(soi, sof, dht, firstScan, lateXmp, dht, secondScan, eoi),
    cleaned: bytes(soi, sof, dht, firstScan, dht, secondScan, eoi),
    scanData: bytes([0x01, 0x02, 0xff, 0x00, 0x03]),
  }
}

// --- PNG ---

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = bytes(type, data)
  return bytes(u32be(data.length), typeAndData, u32be(crc32(typeAndData)))
}

export const PNG_SIGNATURE = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const IHDR = pngChunk('IHDR', bytes(u32be(1), u32be(1), [8, 2, 0, 0, 0]))
export const PNG_HEADER = bytes(PNG_SIGNATURE, IHDR)

export interface PngSample {
  file: Uint8Array
  cleaned: Uint8Array
  imageData: Uint8Array
}

export function pngWithGps(): PngSample {
  const exif = pngChunk('eXIf', gpsTiff())
  const text = pngChunk('tEXt', bytes('Comment\0', 'GPS 23.125N 113.2625E'))
  const compressed = pngChunk('zTXt', bytes('Location\0', [0], [0x78, 0x9c, 0x73, 0x0f, 0x08, 0x06, 0x00, 0x01, 0x88, 0x00, 0xe5]))
  const xmp = pngChunk('iTXt', bytes('XML:com.adobe.xmp\0', [0, 0], '\0\0', XMP_PACKET))
  const gamma = pngChunk('gAMA', bytes(u32be(45455)))
  const profile = pngChunk('iCCP', bytes('Taken at Guangzhou\0', [0], [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]))
  const imageData = pngChunk('IDAT', bytes([0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00]))
  const end = pngChunk('IEND', new Uint8Array())
  return {
    file: bytes(PNG_SIGNATURE, IHDR, exif, gamma, profile, text, compressed, xmp, imageData, end, 'trailing GPS note'),
    cleaned: bytes(PNG_SIGNATURE, IHDR, gamma, imageData, end),
    imageData,
  }
}

// --- WebP ---

function riffChunk(fourCc: string, data: Uint8Array): Uint8Array {
  return bytes(fourCc, u32le(data.length), data, data.length % 2 === 1 ? [0] : [])
}

function riff(chunks: Uint8Array[]): Uint8Array {
  const body = bytes('WEBP', ...chunks)
  return bytes('RIFF', u32le(body.length), body)
}

export const WEBP_HEADER = riff([riffChunk('VP8 ', bytes([0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 0x01, 0x00, 0x01, 0x00]))])

const VP8X_ICC = 0x20
const VP8X_EXIF = 0x08
const VP8X_XMP = 0x04

export interface WebpSample {
  file: Uint8Array
  cleaned: Uint8Array
  imageData: Uint8Array
}

export function webpWithGps(): WebpSample {
  const vp8x = (flags: number) => riffChunk('VP8X', bytes([flags, 0, 0, 0], [0, 0, 0], [0, 0, 0]))
  const icc = riffChunk('ICCP', bytes('fake profile'))
  // An odd size, so the chunk carries a pad byte that must stay.
  const imageData = riffChunk('VP8 ', bytes([0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 0x01, 0x00, 0x01, 0x00, 0x02]))
  const exif = riffChunk('EXIF', bytes(gpsTiff(), [0]))
  const xmp = riffChunk('XMP ', bytes(XMP_PACKET))
  return {
    file: riff([vp8x(VP8X_ICC | VP8X_EXIF | VP8X_XMP), icc, imageData, exif, xmp]),
    cleaned: riff([vp8x(0), imageData]),
    imageData,
  }
}

// --- HEIC / HEIF (ISO-BMFF ftyp box) ---

export function ftyp(major: string, ...compatible: string[]): Uint8Array {
  return bytes(u32be(16 + 4 * compatible.length), 'ftyp', major, u32be(0), ...compatible)
}

/** What an iPhone writes first: ftyp heic with mif1, then the meta box. */
export const HEIC_HEADER = bytes(ftyp('heic', 'mif1', 'heic'), u32be(0x200), 'meta', u32be(0))

// --- Exif (TIFF, little-endian as most phones write it) with the orientation and a GPS IFD ---

function u16le(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff]
}

/** IFD0 with Make, Orientation and GPSInfo; the GPS IFD holds latitude 23°7'30" N. */
export function orientedGpsTiff(orientation: number): Uint8Array {
  const entries = 3
  const makeOffset = 8 + 2 + entries * 12 + 4
  const gpsIfdOffset = makeOffset + 8
  const latitudeOffset = gpsIfdOffset + 2 + 2 * 12 + 4
  const entry = (tag: number, type: number, count: number, value: number[]) => [...u16le(tag), ...u16le(type), ...u32le(count), ...value]
  const rational = (numerator: number, denominator: number) => [...u32le(numerator), ...u32le(denominator)]
  return bytes(
    'II',
    u16le(42),
    u32le(8),
    u16le(entries),
    entry(0x010f, 2, 8, u32le(makeOffset)), // Make
    entry(0x0112, 3, 1, [...u16le(orientation), 0, 0]), // Orientation
    entry(0x8825, 4, 1, u32le(gpsIfdOffset)), // GPSInfo
    u32le(0),
    'PhoneCo\0',
    u16le(2),
    entry(0x0001, 2, 2, [0x4e, 0, 0, 0]), // GPSLatitudeRef "N"
    entry(0x0002, 5, 3, u32le(latitudeOffset)), // GPSLatitude
    u32le(0),
    [...rational(23, 1), ...rational(7, 1), ...rational(30, 1)],
  )
}

// --- pictures of a declared size (headers only, with a little image data), for the size limits ---

/** A JPEG whose frame header declares width × height, with `scanBytes` bytes of (0x00) image data. */
export function jpegOfSize(width: number, height: number, scanBytes = 16): Uint8Array {
  const sof = jpegSegment(0xc0, bytes([8], u16be(height), u16be(width), [1, 1, 0x11, 0]))
  const dht = jpegSegment(0xc4, bytes([0x00], [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0]))
  const sos = jpegSegment(0xda, bytes([1, 1, 0x00, 0, 63, 0]))
  return bytes([0xff, 0xd8], sof, dht, sos, new Uint8Array(scanBytes), [0xff, 0xd9])
}

/** A PNG whose header declares width × height. */
export function pngOfSize(width: number, height: number): Uint8Array {
  const ihdr = pngChunk('IHDR', bytes(u32be(width), u32be(height), [8, 2, 0, 0, 0]))
  const imageData = pngChunk('IDAT', bytes([0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00]))
  return bytes(PNG_SIGNATURE, ihdr, imageData, pngChunk('IEND', new Uint8Array()))
}

/** A lossy WebP whose frame declares width × height (at most 16383 a side). */
export function webpOfSize(width: number, height: number): Uint8Array {
  return riff([riffChunk('VP8 ', bytes([0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a], [width & 0xff, width >> 8], [height & 0xff, height >> 8]))])
}

/** An extended WebP whose canvas (VP8X) declares width × height, up to 2^24 a side. */
export function webpCanvasOfSize(width: number, height: number): Uint8Array {
  const u24le = (value: number) => [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff]
  const vp8x = riffChunk('VP8X', bytes([0, 0, 0, 0], u24le(width - 1), u24le(height - 1)))
  return riff([vp8x, riffChunk('VP8 ', bytes([0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 0x01, 0x00, 0x01, 0x00]))])
}

function box(type: string, ...contents: Part[]): Uint8Array {
  const body = bytes(...contents)
  return bytes(u32be(8 + body.length), type, body)
}

/** A HEIC as an iPhone lays it out: ftyp, meta (with an ispe of width × height), then mdat. */
export function heicOfSize(width: number, height: number): Uint8Array {
  const ispe = box('ispe', u32be(0), u32be(width), u32be(height))
  const meta = box('meta', u32be(0), box('hdlr', u32be(0), u32be(0), 'pict', new Uint8Array(13)), box('iprp', box('ipco', ispe)))
  return bytes(ftyp('heic', 'mif1', 'heic'), meta, box('mdat', new Uint8Array(32)))
}
