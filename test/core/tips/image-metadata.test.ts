import { stripImageMetadata } from '../../../src/core/tips/image-metadata'
import { detectImageType } from '../../../src/core/tips/image-type'
import {
  bytes,
  containsAscii,
  gpsTiff,
  HEIC_HEADER,
  jpegWithGps,
  PNG_SIGNATURE,
  pngChunk,
  pngWithGps,
  progressiveJpegWithLateXmp,
  webpWithGps,
} from './image-samples'

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(haystack).indexOf(Buffer.from(needle))
}

describe('the hand-built samples', () => {
  it('carry the GPS Exif block that the stripping must remove', () => {
    expect(containsAscii(gpsTiff(), 'GPS')).toBe(true)
    expect(containsAscii(jpegWithGps().file, 'Exif')).toBe(true)
    expect(containsAscii(pngWithGps().file, 'eXIf')).toBe(true)
    expect(containsAscii(webpWithGps().file, 'EXIF')).toBe(true)
    for (const file of [jpegWithGps().file, pngWithGps().file, webpWithGps().file]) expect(containsAscii(file, 'GPS')).toBe(true)
  })
})

describe('stripImageMetadata: JPEG', () => {
  it('drops Exif (with GPS), XMP and Photoshop segments and anything after EOI, keeping every other byte', () => {
    const sample = jpegWithGps()
    const cleaned = stripImageMetadata(sample.file, 'image/jpeg')
    expect(cleaned).not.toBeNull()
    for (const marker of ['Exif', 'GPS', 'http://ns.adobe.com/xap', 'Photoshop', '8BIM', 'Guangzhou']) {
      expect(containsAscii(cleaned!, marker)).toBe(false)
    }
    expect(Buffer.from(cleaned!).equals(Buffer.from(sample.cleaned))).toBe(true)
    // The image data itself, with its stuffed bytes and restart marker, is untouched.
    expect(indexOf(cleaned!, sample.scanData)).toBeGreaterThan(0)
    expect(containsAscii(cleaned!, 'ICC_PROFILE')).toBe(true)
    expect(detectImageType(cleaned!)).toBe('image/jpeg')
  })

  it('finds an XMP segment hidden between the scans of a progressive JPEG', () => {
    const sample = progressiveJpegWithLateXmp()
    const cleaned = stripImageMetadata(sample.file, 'image/jpeg')
    expect(cleaned).not.toBeNull()
    expect(containsAscii(cleaned!, 'GPS')).toBe(false)
    expect(Buffer.from(cleaned!).equals(Buffer.from(sample.cleaned))).toBe(true)
  })

  it('leaves a JPEG without metadata as it is', () => {
    const { cleaned } = jpegWithGps()
    expect(Buffer.from(stripImageMetadata(cleaned, 'image/jpeg')!).equals(Buffer.from(cleaned))).toBe(true)
  })

  it('does not change the bytes it was given', () => {
    const { file } = jpegWithGps()
    const copy = Uint8Array.from(file)
    stripImageMetadata(file, 'image/jpeg')
    expect(file).toEqual(copy)
  })

  it.each([
    { name: 'cut inside a segment', bytes: () => jpegWithGps().file.subarray(0, 30) },
    { name: 'cut inside the scan (no EOI)', bytes: () => { const { file, scanData } = jpegWithGps(); return file.subarray(0, indexOf(file, scanData) + 4) } },
    { name: 'without a scan', bytes: () => bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xd9]) },
    { name: 'with a segment length running past the end', bytes: () => bytes([0xff, 0xd8, 0xff, 0xe1, 0x7f, 0xff], 'Exif\0\0GPS') },
    { name: 'with a segment length below 2', bytes: () => bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0xff, 0xd9]) },
    { name: 'with garbage between segments', bytes: () => bytes([0xff, 0xd8, 0x00, 0x01, 0xff, 0xd9]) },
    { name: 'not starting with SOI', bytes: () => jpegWithGps().file.subarray(2) },
  ])('refuses a JPEG $name rather than pass metadata through', ({ bytes: make }) => {
    expect(stripImageMetadata(make(), 'image/jpeg')).toBeNull()
  })
})

describe('stripImageMetadata: PNG', () => {
  it('drops eXIf, tEXt, zTXt and iTXt chunks and anything after IEND, keeping every other chunk as is', () => {
    const sample = pngWithGps()
    const cleaned = stripImageMetadata(sample.file, 'image/png')
    expect(cleaned).not.toBeNull()
    for (const marker of ['eXIf', 'tEXt', 'zTXt', 'iTXt', 'GPS', 'xmpmeta', 'trailing']) expect(containsAscii(cleaned!, marker)).toBe(false)
    expect(Buffer.from(cleaned!).equals(Buffer.from(sample.cleaned))).toBe(true)
    expect(indexOf(cleaned!, sample.imageData)).toBeGreaterThan(0)
  })

  it.each([
    { name: 'without IEND', bytes: () => { const { file } = pngWithGps(); return file.subarray(0, indexOf(file, pngChunk('IEND', new Uint8Array()))) } },
    { name: 'with a chunk length running past the end', bytes: () => bytes(PNG_SIGNATURE, [0, 0, 1, 0], 'eXIf', gpsTiff()) },
    { name: 'that is only a signature', bytes: () => PNG_SIGNATURE },
  ])('refuses a PNG $name', ({ bytes: make }) => {
    expect(stripImageMetadata(make(), 'image/png')).toBeNull()
  })
})

describe('stripImageMetadata: WebP', () => {
  it('drops EXIF and XMP chunks, clears their VP8X flags, fixes the RIFF size and keeps the image chunk', () => {
    const sample = webpWithGps()
    const cleaned = stripImageMetadata(sample.file, 'image/webp')
    expect(cleaned).not.toBeNull()
    for (const marker of ['EXIF', 'XMP ', 'GPS', 'xmpmeta']) expect(containsAscii(cleaned!, marker)).toBe(false)
    expect(Buffer.from(cleaned!).equals(Buffer.from(sample.cleaned))).toBe(true)
    expect(Buffer.from(cleaned!).readUInt32LE(4)).toBe(cleaned!.length - 8)
    // VP8X flags: ICC stays, EXIF (0x08) and XMP (0x04) are cleared.
    expect(cleaned![20]).toBe(0x20)
    expect(indexOf(cleaned!, sample.imageData)).toBeGreaterThan(0)
    // The caller's bytes keep their flags.
    expect(sample.file[20]).toBe(0x2c)
  })

  it.each([
    { name: 'whose RIFF size runs past the end', bytes: () => webpWithGps().file.subarray(0, 40) },
    { name: 'whose chunk runs past the RIFF size', bytes: () => bytes('RIFF', [12, 0, 0, 0], 'WEBP', 'EXIF', [0xff, 0, 0, 0]) },
  ])('refuses a WebP $name', ({ bytes: make }) => {
    expect(stripImageMetadata(make(), 'image/webp')).toBeNull()
  })
})

describe('stripImageMetadata: HEIC', () => {
  it('refuses HEIC, whose metadata cannot be removed without rewriting the file', () => {
    expect(stripImageMetadata(HEIC_HEADER, 'image/heic')).toBeNull()
  })
})
