import { readFileSync } from 'node:fs'
import path from 'node:path'

import { createMetadataStripper, ImageFormatError, imageSizeOf, stripImageMetadata } from '../../../server/uploads/image-metadata'
import { detectImageType } from '../../../server/uploads/image-type'
import {
  bytes,
  containsAscii,
  gpsTiff,
  HEIC_HEADER,
  heicOfSize,
  jpegOfSize,
  jpegWithGps,
  orientedGpsTiff,
  PNG_SIGNATURE,
  pngChunk,
  pngOfSize,
  pngWithGps,
  progressiveJpegWithLateXmp,
  webpCanvasOfSize,
  webpOfSize,
  webpWithGps,
} from '../../support/image-samples'

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
  it('drops every APPn (JFIF, Exif with GPS, XMP, ICC, Photoshop), comments and anything after EOI, keeping every other byte', () => {
    const sample = jpegWithGps()
    expect(containsAscii(sample.file, '<a href')).toBe(true)
    const cleaned = stripImageMetadata(sample.file, 'image/jpeg')
    expect(cleaned).not.toBeNull()
    for (const marker of ['Exif', 'GPS', 'http://ns.adobe.com/xap', 'Photoshop', '8BIM', 'Guangzhou', 'ICC_PROFILE', 'JFIF', '<a href']) {
      expect(containsAscii(cleaned!, marker)).toBe(false)
    }
    expect(Buffer.from(cleaned!).equals(Buffer.from(sample.cleaned))).toBe(true)
    // The image data itself, with its stuffed bytes and restart marker, is untouched.
    expect(indexOf(cleaned!, sample.scanData)).toBeGreaterThan(0)
    expect(detectImageType(cleaned!)).toBe('image/jpeg')
  })

  it('keeps the Adobe colour-transform segment, which has no room for text', () => {
    const adobe = bytes([0xff, 0xee, 0, 14], 'Adobe', [0, 100, 0, 0, 0, 0, 1])
    const plain = jpegOfSize(8, 8)
    const withAdobe = bytes(plain.subarray(0, 2), adobe, plain.subarray(2))
    expect(stripImageMetadata(withAdobe, 'image/jpeg')).toEqual(withAdobe)
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
  it('drops eXIf, tEXt, zTXt, iTXt and iCCP chunks and anything after IEND, keeping every other chunk as is', () => {
    const sample = pngWithGps()
    const cleaned = stripImageMetadata(sample.file, 'image/png')
    expect(cleaned).not.toBeNull()
    for (const marker of ['eXIf', 'tEXt', 'zTXt', 'iTXt', 'iCCP', 'Guangzhou', 'GPS', 'xmpmeta', 'trailing']) expect(containsAscii(cleaned!, marker)).toBe(false)
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
  it('drops EXIF, XMP and ICCP chunks, clears their VP8X flags, fixes the RIFF size and keeps the image chunk', () => {
    const sample = webpWithGps()
    const cleaned = stripImageMetadata(sample.file, 'image/webp')
    expect(cleaned).not.toBeNull()
    for (const marker of ['EXIF', 'XMP ', 'ICCP', 'GPS', 'xmpmeta']) expect(containsAscii(cleaned!, marker)).toBe(false)
    expect(Buffer.from(cleaned!).equals(Buffer.from(sample.cleaned))).toBe(true)
    expect(Buffer.from(cleaned!).readUInt32LE(4)).toBe(cleaned!.length - 8)
    // VP8X flags: ICC (0x20), EXIF (0x08) and XMP (0x04) are cleared.
    expect(cleaned![20]).toBe(0)
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

describe('createMetadataStripper: fed a byte at a time, as a slow upload arrives', () => {
  function inPieces(file: Uint8Array, mediaType: 'image/jpeg' | 'image/png' | 'image/webp', pieceLength: number): Uint8Array {
    const stripper = createMetadataStripper(mediaType)
    const out: Uint8Array[] = []
    for (let start = 0; start < file.length; start += pieceLength) out.push(...stripper.push(file.subarray(start, start + pieceLength)))
    const end = stripper.end()
    const cleaned = bytes(...out, ...end.pieces)
    if (end.patch) cleaned.set(end.patch.bytes, end.patch.offset)
    return cleaned
  }

  it.each([1, 2, 3, 7, 64])('gives the same cleaned bytes in pieces of %i bytes as whole', (pieceLength) => {
    expect(inPieces(jpegWithGps().file, 'image/jpeg', pieceLength)).toEqual(jpegWithGps().cleaned)
    expect(inPieces(progressiveJpegWithLateXmp().file, 'image/jpeg', pieceLength)).toEqual(progressiveJpegWithLateXmp().cleaned)
    expect(inPieces(pngWithGps().file, 'image/png', pieceLength)).toEqual(pngWithGps().cleaned)
    expect(inPieces(webpWithGps().file, 'image/webp', pieceLength)).toEqual(webpWithGps().cleaned)
  })

  it('throws ImageFormatError at the end of a file that stopped short', () => {
    const stripper = createMetadataStripper('image/png')
    stripper.push(pngWithGps().file.subarray(0, 60))
    expect(() => stripper.end()).toThrow(ImageFormatError)
  })

  it('passes a HEIC through unchanged, measured but not cleaned', () => {
    const file = heicOfSize(4032, 3024)
    const stripper = createMetadataStripper('image/heic')
    expect(stripper.strips).toBe(false)
    const out = [...stripper.push(file.subarray(0, 20)), ...stripper.push(file.subarray(20))]
    const end = stripper.end()
    expect(bytes(...out, ...end.pieces)).toEqual(file)
    expect(stripper.size).toEqual({ width: 4032, height: 3024 })
  })
})

describe('the picture size, from the header before any pixel', () => {
  it.each([
    { name: 'JPEG (SOF0)', mediaType: 'image/jpeg' as const, file: jpegOfSize(30000, 20000) },
    { name: 'PNG (IHDR)', mediaType: 'image/png' as const, file: pngOfSize(30000, 20000) },
    { name: 'WebP (VP8X canvas)', mediaType: 'image/webp' as const, file: webpCanvasOfSize(30000, 20000) },
    { name: 'HEIC (ispe)', mediaType: 'image/heic' as const, file: heicOfSize(30000, 20000) },
  ])('is read from a $name', ({ mediaType, file }) => {
    expect(imageSizeOf(file, mediaType)).toEqual({ width: 30000, height: 20000 })
  })

  it('is read from a lossy WebP frame', () => {
    expect(imageSizeOf(webpOfSize(4000, 3000), 'image/webp')).toEqual({ width: 4000, height: 3000 })
  })

  it('is known as soon as the header has arrived, long before the image data', () => {
    const stripper = createMetadataStripper('image/png')
    stripper.push(pngOfSize(30000, 30000).subarray(0, 33))
    expect(stripper.size).toEqual({ width: 30000, height: 30000 })
  })

  it('is refused when a JPEG leaves its height to a DNL after the image data', () => {
    expect(stripImageMetadata(jpegOfSize(100, 0), 'image/jpeg')).toBeNull()
  })
})

describe('a phone photo stored turned, with its orientation and GPS in Exif', () => {
  // A real JPEG (32×16, encoded by jpeg-js) with no metadata of its own: SOI, then JFIF (APP0) up to byte 20.
  const plain = new Uint8Array(readFileSync(path.join(__dirname, 'fixtures', 'gradient-32x16.jpg')))
  const afterApp0 = 2 + ((plain[4] << 8) | plain[5]) + 2
  const withExif = (orientation: number) => {
    const tiff = orientedGpsTiff(orientation)
    const length = 2 + 6 + tiff.length
    return bytes(plain.subarray(0, afterApp0), [0xff, 0xe1, length >> 8, length & 0xff], 'Exif\0\0', tiff, plain.subarray(afterApp0))
  }

  it('keeps the orientation (6: turn 90° clockwise to show) in a minimal Exif segment, and nothing else of it', () => {
    const photo = withExif(6)
    expect(containsAscii(photo, 'PhoneCo')).toBe(true)
    const cleaned = stripImageMetadata(photo, 'image/jpeg')!
    const minimal = bytes([0xff, 0xe1, 0, 34], 'Exif\0\0', 'MM', [0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0])
    // JFIF (APP0) goes too: SOI, the minimal Exif, then the tables and the image data as they were.
    expect(cleaned).toEqual(bytes(plain.subarray(0, 2), minimal, plain.subarray(afterApp0)))
    // No GPS: neither the GPS IFD pointer (0x8825), its latitude, nor the camera maker is left.
    expect(containsAscii(cleaned, 'PhoneCo')).toBe(false)
    expect(indexOf(cleaned, Uint8Array.from([0x25, 0x88]))).toBe(-1)
    expect(indexOf(cleaned, Uint8Array.from([23, 0, 0, 0, 1, 0, 0, 0]))).toBe(-1)
    expect(detectImageType(cleaned)).toBe('image/jpeg')
  })

  it('keeps no Exif at all when the photo is upright already (orientation 1) or says nothing of it', () => {
    const withoutApp0 = bytes(plain.subarray(0, 2), plain.subarray(afterApp0))
    expect(stripImageMetadata(withExif(1), 'image/jpeg')).toEqual(withoutApp0)
    expect(stripImageMetadata(plain, 'image/jpeg')).toEqual(withoutApp0)
    expect(stripImageMetadata(jpegWithGps().file, 'image/jpeg')).toEqual(jpegWithGps().cleaned)
  })
})
