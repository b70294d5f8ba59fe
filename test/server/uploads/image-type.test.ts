import { detectImageType, IMAGE_TYPE_HEAD_BYTES } from '../../../server/uploads/image-type'
import { UPLOAD_MAX_BYTES } from '../../../server/uploads/uploads.schemas'
import { bytes, ftyp, HEIC_HEADER, JPEG_HEADER, jpegWithGps, PNG_HEADER, PNG_SIGNATURE, pngWithGps, WEBP_HEADER, webpWithGps } from '../../support/image-samples'

describe('detectImageType', () => {
  it.each([
    { name: 'a JFIF JPEG', head: JPEG_HEADER, type: 'image/jpeg' },
    { name: 'an Exif JPEG (FF D8 FF E1)', head: jpegWithGps().file.subarray(0, 40), type: 'image/jpeg' },
    { name: 'a raw JPEG starting with a table (FF D8 FF DB)', head: bytes([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43]), type: 'image/jpeg' },
    { name: 'a PNG', head: PNG_HEADER, type: 'image/png' },
    { name: 'a PNG with metadata chunks', head: pngWithGps().file, type: 'image/png' },
    { name: 'a lossy WebP', head: WEBP_HEADER, type: 'image/webp' },
    { name: 'an extended WebP', head: webpWithGps().file, type: 'image/webp' },
    { name: 'an iPhone HEIC (heic, mif1)', head: HEIC_HEADER, type: 'image/heic' },
    { name: 'a HEIF image declared mif1 with heic compatibility', head: ftyp('mif1', 'mif1', 'heic', 'miaf'), type: 'image/heic' },
    { name: 'a plain HEIF container (mif1)', head: ftyp('mif1', 'mif1', 'miaf'), type: 'image/heic' },
    { name: 'a HEIF image sequence (msf1, hevc)', head: ftyp('msf1', 'msf1', 'hevc'), type: 'image/heic' },
    { name: 'a HEVC burst (hevx)', head: ftyp('hevx', 'mif1'), type: 'image/heic' },
    { name: 'a brand found only among the compatible brands (heix)', head: ftyp('miaf', 'miaf', 'heix'), type: 'image/heic' },
  ])('recognises $name', ({ head, type }) => {
    expect(detectImageType(head)).toBe(type)
  })

  it.each([
    { name: 'AVIF', head: ftyp('avif', 'avif', 'mif1', 'miaf', 'MA1B') },
    { name: 'an AVIF sequence', head: ftyp('avis', 'avis', 'msf1', 'miaf') },
    { name: 'an AVIF major brand even with heic among the compatible brands', head: ftyp('avif', 'mif1', 'heic') },
    { name: 'a HEIF container that declares AVIF', head: ftyp('mif1', 'mif1', 'avif', 'miaf') },
    { name: 'an MP4 video', head: ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41') },
    { name: 'a QuickTime video', head: ftyp('qt  ', 'qt  ') },
    { name: 'an ftyp box of size 0', head: bytes([0, 0, 0, 0], 'ftyp', 'heic', [0, 0, 0, 0], 'mif1') },
    { name: 'an ftyp box of size 1 (64-bit)', head: bytes([0, 0, 0, 1], 'ftyp', 'heic', [0, 0, 0, 0], 'mif1') },
    { name: 'an ftyp box whose size splits a brand', head: bytes([0, 0, 0, 18], 'ftyp', 'heic', [0, 0, 0, 0], 'mif1') },
    { name: 'a PDF', head: bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>') },
    { name: 'a GIF89a', head: bytes('GIF89a', [1, 0, 1, 0, 0x80, 0, 0]) },
    { name: 'a GIF87a', head: bytes('GIF87a', [1, 0, 1, 0, 0, 0, 0]) },
    { name: 'an HTML page renamed .jpg', head: bytes('<!DOCTYPE html>\n<html><head><title>photo.jpg</title></head><body><script>alert(1)</script>') },
    { name: 'an HTML page with a byte-order mark', head: bytes([0xef, 0xbb, 0xbf], '<html><body>') },
    { name: 'an SVG', head: bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>') },
    { name: 'an SVG with an XML prolog', head: bytes('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>') },
    { name: 'a BMP', head: bytes('BM', [0x3a, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0]) },
    { name: 'a TIFF', head: bytes('II*\0', [8, 0, 0, 0]) },
    { name: 'a WAV file (RIFF but not WEBP)', head: bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ') },
    { name: 'a ZIP (an Office document)', head: bytes('PK', [3, 4, 20, 0, 0, 0, 8, 0]) },
    { name: 'a JPEG marker that is not at the start', head: bytes(' ', JPEG_HEADER) },
    { name: 'an empty file', head: new Uint8Array() },
  ])('refuses $name', ({ head }) => {
    expect(detectImageType(head)).toBeNull()
  })

  it.each([
    { name: 'JPEG', head: bytes([0xff, 0xd8]) },
    { name: 'PNG', head: PNG_SIGNATURE.subarray(0, 7) },
    { name: 'WebP', head: WEBP_HEADER.subarray(0, 11) },
    { name: 'HEIC', head: HEIC_HEADER.subarray(0, 15) },
    { name: 'HEIC (the major brand cut short)', head: HEIC_HEADER.subarray(0, 10) },
  ])('says nothing about a truncated $name header', ({ head }) => {
    expect(detectImageType(head)).toBeNull()
  })

  it('decides on the brands it has when the head stops inside the ftyp box', () => {
    const long = ftyp('miaf', 'miaf', 'MiHB', 'MiHE', 'MiPr', 'heic')
    expect(detectImageType(long)).toBe('image/heic')
    expect(detectImageType(long.subarray(0, long.length - 4))).toBeNull()
  })

  it('never needs more than IMAGE_TYPE_HEAD_BYTES, and the limit is 10 MiB', () => {
    const padded = bytes(ftyp('miaf', ...Array.from({ length: 50 }, () => 'miaf'), 'heic'))
    expect(padded.length).toBeLessThanOrEqual(IMAGE_TYPE_HEAD_BYTES)
    expect(detectImageType(padded.subarray(0, IMAGE_TYPE_HEAD_BYTES))).toBe('image/heic')
    expect(UPLOAD_MAX_BYTES).toBe(10 * 1024 * 1024)
  })
})
