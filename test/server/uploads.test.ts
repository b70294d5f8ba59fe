import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import type { InjectOptions } from 'fastify'

import { REPORT_LIMITS } from '../../src/core/tips/report-fields'
import { loadConfig } from '../../server/config'
import { migrate } from '../../server/db/migrations'
import { AppError } from '../../server/errors'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { RATE_RULES } from '../../server/rate-limit'
import { createServer } from '../../server/server'
import { UPLOAD_MAX_BYTES } from '../../server/uploads/uploads.schemas'
import { deleteEvidenceOfTips, type Evidence, PHOTO_CHUNK_BYTES, purgeExpiredUploads, readEvidence, STRAY_AGE_MS, UPLOAD_TTL_MS } from '../../server/uploads/uploads.store'
import { bytes, containsAscii, heicOfSize, jpegOfSize, jpegWithGps, pngOfSize, pngWithGps, webpWithGps } from '../support/image-samples'
import { problemsOf } from './config-problems'
import { fromDevice, newDeviceId } from './rate-limit-helpers'
import { SQLITE, storages, useApp, useStorage, useTempDir } from './storage'

const CHINESE = /[\u4e00-\u9fff]/
const UPLOADS_URL = '/api/v1/uploads'
const TIPS_URL = '/api/v1/tips'
const HOUR = 60 * 60 * 1000

// --- multipart bodies, by hand, as wx.uploadFile and an H5 FormData send them ---

type FormPart = { name: string; value: string } | { name: string; filename: string; contentType?: string; data: Uint8Array }

function multipart(parts: FormPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----pufaTestBoundary${randomBytes(8).toString('hex')}`
  const pieces: Buffer[] = []
  for (const part of parts) {
    const head =
      'value' in part
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
          `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`
    pieces.push(Buffer.from(head, 'utf8'), 'value' in part ? Buffer.from(part.value, 'utf8') : Buffer.from(part.data), Buffer.from('\r\n'))
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(pieces), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

function uploadRequest(parts: FormPart[]): InjectOptions {
  return { method: 'POST', url: UPLOADS_URL, ...multipart(parts) }
}

function photo(data: Uint8Array, options: { filename?: string; contentType?: string; name?: string } = {}): InjectOptions {
  return uploadRequest([{ name: options.name ?? 'file', filename: options.filename ?? 'IMG_0001.jpg', contentType: options.contentType ?? 'image/jpeg', data }])
}

/** A file of `size` bytes that starts like the given header. */
function sized(header: Uint8Array, size: number): Uint8Array {
  const file = new Uint8Array(size)
  file.set(header)
  return file
}

// Small whole pictures, as a camera would write them (the service refuses a file it cannot walk).
const JPEG_PHOTO = jpegOfSize(16, 16)
const PNG_PHOTO = pngOfSize(1, 1)
const HEIC_PHOTO = heicOfSize(64, 64)

/** A whole JPEG of exactly `size` bytes (its image data padded out). */
function jpegOfBytes(size: number): Uint8Array {
  return jpegOfSize(16, 16, size - jpegOfSize(16, 16, 0).length)
}

// --- reports, as in tips.test.ts ---

function complaint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'complaint',
    reporter: { name: '张小三', mobile: '13800138000' },
    employer: { name: '某某建筑劳务有限公司' },
    districtCode: '440103',
    workAddress: '荔湾区中山八路100号',
    isConstruction: false,
    workersOwed: 3,
    amountYuan: '12000.00',
    owedPeriod: { from: '2025-10', to: '2026-01' },
    description: '从去年十月起一直没有发工资，老板说等工程款到了再发。',
    consentSensitive: true,
    truthful: true,
    ...overrides,
  }
}

function postTip(body: unknown, key = `upload-test-${randomBytes(8).toString('hex')}`): InjectOptions {
  return { method: 'POST', url: TIPS_URL, headers: { 'content-type': 'application/json', 'idempotency-key': key }, payload: JSON.stringify(body) }
}

describe.each(storages())('POST /api/v1/uploads on $name', (storage) => {
  const { app, config } = useApp(storage, { RATE_LIMITS: 'false' })

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
  })

  const quarantine = () => path.join(config().uploadsDir, 'quarantine')
  const incoming = () => path.join(config().uploadsDir, 'incoming')
  const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : [])

  async function rows() {
    return app().db.selectFrom('uploads').selectAll().orderBy('id').execute()
  }

  /** The stored bytes of a photo: its file beside SQLite, its rows of photo_chunks on PostgreSQL. */
  async function storedBytes(uploadId: string): Promise<Buffer | undefined> {
    if (storage.dialect === 'sqlite') {
      const file = path.join(quarantine(), uploadId)
      return existsSync(file) ? readFileSync(file) : undefined
    }
    const chunks = await app().db.selectFrom('photo_chunks').select('data').where('upload_id', '=', uploadId).orderBy('seq').execute()
    return chunks.length === 0 ? undefined : Buffer.concat(chunks.map((chunk) => chunk.data))
  }

  /** The ids of the photos whose bytes are stored. */
  async function storedIds(): Promise<string[]> {
    if (storage.dialect === 'sqlite') return filesIn(quarantine())
    const ids = await app().db.selectFrom('photo_chunks').select('upload_id').distinct().orderBy('upload_id').execute()
    return ids.map((row) => row.upload_id)
  }

  async function isStored(uploadId: string): Promise<boolean> {
    return (await storedBytes(uploadId)) !== undefined
  }

  async function countTips(): Promise<number> {
    const row = await app().db.selectFrom('tips').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()
    return Number(row.count)
  }

  /** Uploads a photo and returns its id; fails the test unless it was accepted. */
  async function uploaded(data: Uint8Array = JPEG_PHOTO): Promise<string> {
    const response = await app().inject(photo(data))
    expect(response.statusCode).toBe(201)
    return response.json().uploadId
  }

  /** Runs `request` and checks that it stored nothing: no row, no file in incoming/ or quarantine/. */
  async function expectNothingStored(request: () => Promise<void>): Promise<void> {
    const before = { rows: await rows(), incoming: filesIn(incoming()), stored: await storedIds() }
    await request()
    expect({ rows: await rows(), incoming: filesIn(incoming()), stored: await storedIds() }).toEqual(before)
  }

  it.each([
    { name: 'JPEG', data: jpegWithGps().file, stored: jpegWithGps().cleaned, mediaType: 'image/jpeg' },
    { name: 'PNG', data: pngWithGps().file, stored: pngWithGps().cleaned, mediaType: 'image/png' },
    { name: 'WebP', data: webpWithGps().file, stored: webpWithGps().cleaned, mediaType: 'image/webp' },
    { name: 'HEIC', data: HEIC_PHOTO, stored: HEIC_PHOTO, mediaType: 'image/heic' },
  ])('accepts a $name photo, stores it cleaned of metadata (SQLite: DATA_DIR/uploads/quarantine; PostgreSQL: the database)', async ({ data, stored, mediaType }) => {
    const before = Date.now()
    const response = await app().inject(photo(data, { filename: 'IMG_张小三_荔湾区.jpg' }))
    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'mediaType', 'size', 'uploadId'])
    expect(body.uploadId).toMatch(REPORT_LIMITS.evidenceId)
    expect(body.uploadId).toHaveLength(32)
    expect(body).toMatchObject({ mediaType, size: stored.length })
    const expiresAt = Date.parse(body.expiresAt)
    expect(new Date(expiresAt).toISOString()).toBe(body.expiresAt)
    expect(expiresAt).toBeGreaterThanOrEqual(before + UPLOAD_TTL_MS)
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + UPLOAD_TTL_MS)

    expect((await storedBytes(body.uploadId))?.equals(Buffer.from(stored))).toBe(true)
    if (storage.dialect === 'sqlite') {
      const file = path.join(config().dataDir, 'uploads', 'quarantine', body.uploadId)
      expect(path.relative(config().h5Dir, file).startsWith('..')).toBe(true)
      expect(filesIn(incoming())).toEqual([])
    } else {
      // Nothing of it on this instance's disk.
      expect(existsSync(config().uploadsDir)).toBe(false)
    }

    const row = await app().db.selectFrom('uploads').selectAll().where('id', '=', body.uploadId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ media_type: mediaType, tip_id: null, attached_at: null })
    expect(Number(row.size_bytes)).toBe(stored.length)
    expect(row.sha256).toBe(createHash('sha256').update(stored).digest('hex'))
    expect(Number(row.expires_at) - Number(row.created_at)).toBe(UPLOAD_TTL_MS)
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/)
    // The file name (which here names a person and a place) is stored nowhere.
    expect(JSON.stringify(row)).not.toContain('张小三')
    expect(JSON.stringify(row)).not.toContain('IMG_')
  })

  it('serves no upload from the web server, whatever the path', async () => {
    mkdirSync(config().h5Dir, { recursive: true })
    writeFileSync(path.join(config().h5Dir, 'index.html'), '<!DOCTYPE html><title>法治人社</title>')
    const data = jpegWithGps().file
    const uploadId = await uploaded(data)
    const dataDirName = path.basename(config().dataDir)
    for (const url of [
      `/uploads/quarantine/${uploadId}`,
      `/uploads/${uploadId}`,
      `/${dataDirName}/uploads/quarantine/${uploadId}`,
      `/${uploadId}`,
      `/api/v1/uploads/${uploadId}`,
      `/../${dataDirName}/uploads/quarantine/${uploadId}`,
      `/%2e%2e/${dataDirName}/uploads/quarantine/${uploadId}`,
    ]) {
      const response = await app().inject({ method: 'GET', url })
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 })
      expect(response.rawPayload.includes(Buffer.from(jpegWithGps().cleaned))).toBe(false)
    }
  })

  it('judges by the bytes: a JPEG sent as text/plain named notes.txt is accepted as a JPEG', async () => {
    const response = await app().inject(photo(JPEG_PHOTO, { filename: 'notes.txt', contentType: 'text/plain' }))
    expect(response.statusCode).toBe(201)
    expect(response.json().mediaType).toBe('image/jpeg')
  })

  it('accepts what wx.uploadFile sends: extra form fields beside the file', async () => {
    const response = await app().inject(
      uploadRequest([
        { name: 'source', value: 'camera' },
        { name: 'file', filename: 'wxfile://tmp_1a2b3c.jpg', contentType: 'image/jpeg', data: PNG_PHOTO },
      ]),
    )
    expect(response.statusCode).toBe(201)
    expect(response.json().mediaType).toBe('image/png')
  })

  it('accepts a photo of exactly 10 MiB', async () => {
    const response = await app().inject(photo(jpegOfBytes(UPLOAD_MAX_BYTES)))
    expect(response.statusCode).toBe(201)
    expect(response.json().size).toBe(UPLOAD_MAX_BYTES)
    // Ten mebibytes in 40 rows on PostgreSQL, on a machine shared with other test files.
  }, 30_000)

  it.each([
    { name: 'a PDF declared image/jpeg', data: bytes('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n') },
    { name: 'an HTML page named photo.jpg', data: bytes('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>') },
    { name: 'an SVG', data: bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') },
    { name: 'a GIF', data: bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0]) },
    { name: 'an AVIF', data: bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'avifmif1miaf') },
    { name: 'a large PDF', data: sized(bytes('%PDF-1.7\n'), 3 * 1024 * 1024) },
  ])('refuses $name with 415 and keeps nothing', async ({ data }) => {
    await expectNothingStored(async () => {
      const response = await app().inject(photo(data, { filename: 'photo.jpg', contentType: 'image/jpeg' }))
      expect(response.statusCode).toBe(415)
      expect(response.json()).toEqual({ error: { code: 'upload_type', message: expect.stringMatching(/JPG、PNG、WebP 或 HEIC/) } })
    })
  })

  it('refuses an empty file with 400 and keeps nothing', async () => {
    await expectNothingStored(async () => {
      const response = await app().inject(photo(new Uint8Array()))
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toEqual({ code: 'upload_missing', message: expect.stringMatching(/空的/) })
    })
  })

  it('refuses an 11 MiB photo with 413, the limit in words, and leaves no file or row behind', async () => {
    await expectNothingStored(async () => {
      const response = await app().inject(photo(jpegOfBytes(11 * 1024 * 1024)))
      expect(response.statusCode).toBe(413)
      expect(response.json()).toEqual({ error: { code: 'upload_too_large', message: '照片不能超过 10 MB，请压缩后再传' } })
    })
    expect(filesIn(incoming())).toEqual([])
  })

  it('refuses a photo one byte over the limit', async () => {
    await expectNothingStored(async () => {
      const response = await app().inject(photo(jpegOfBytes(UPLOAD_MAX_BYTES + 1)))
      expect(response.statusCode).toBe(413)
    })
  })

  it.each([
    { name: 'no part at all', parts: [] },
    { name: 'only form fields', parts: [{ name: 'note', value: '工地照片' }] },
    { name: 'a file under another name', parts: [{ name: 'photo', filename: 'a.jpg', contentType: 'image/jpeg', data: JPEG_PHOTO }] },
    { name: 'a field named file instead of a file', parts: [{ name: 'file', value: 'IMG_0001.jpg' }] },
  ])('answers 400 upload_missing for $name', async ({ parts }) => {
    await expectNothingStored(async () => {
      const response = await app().inject(uploadRequest(parts))
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toEqual({ code: 'upload_missing', message: expect.stringMatching(CHINESE) })
    })
  })

  it('refuses two files in one request and keeps neither', async () => {
    await expectNothingStored(async () => {
      const response = await app().inject(
        uploadRequest([
          { name: 'file', filename: 'a.jpg', contentType: 'image/jpeg', data: JPEG_PHOTO },
          { name: 'file', filename: 'b.jpg', contentType: 'image/jpeg', data: JPEG_PHOTO },
        ]),
      )
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toEqual({ code: 'upload_too_many', message: '一次只能上传一张照片，请分开上传' })
    })
  })

  it('refuses a flood of form fields', async () => {
    await expectNothingStored(async () => {
      const fields = Array.from({ length: 20 }, (_, index) => ({ name: `field${index}`, value: 'x' }))
      const response = await app().inject(uploadRequest([...fields, { name: 'file', filename: 'a.jpg', contentType: 'image/jpeg', data: JPEG_PHOTO }]))
      expect(response.statusCode).toBe(400)
      expect(response.json().error.message).toMatch(CHINESE)
    })
  })

  it.each([
    { name: 'a JSON body', headers: { 'content-type': 'application/json' }, payload: '{"file":"/9j/4AAQ"}' },
    { name: 'a raw JPEG body', headers: { 'content-type': 'image/jpeg' }, payload: Buffer.from(JPEG_PHOTO) },
    { name: 'a urlencoded form', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'file=abc' },
    { name: 'no content type', headers: {}, payload: Buffer.from(JPEG_PHOTO) },
  ])('answers 415 to $name', async ({ headers, payload }) => {
    await expectNothingStored(async () => {
      const response = await app().inject({ method: 'POST', url: UPLOADS_URL, headers, payload })
      expect(response.statusCode).toBe(415)
      expect(response.json().error).toEqual({ code: 'unsupported_media_type', message: expect.stringMatching(/multipart\/form-data/) })
    })
  })

  it('keeps multipart to this route: other routes still take JSON only', async () => {
    const { payload, headers } = multipart([{ name: 'file', filename: 'a.jpg', contentType: 'image/jpeg', data: JPEG_PHOTO }])
    for (const url of [TIPS_URL, '/api/v1/feedback']) {
      const response = await app().inject({ method: 'POST', url, headers: { ...headers, 'idempotency-key': 'multipart-elsewhere-1' }, payload })
      expect({ url, status: response.statusCode }).toEqual({ url, status: 415 })
    }
  })

  it.each([
    { name: 'without a boundary', headers: { 'content-type': 'multipart/form-data' }, payload: () => multipart([]).payload },
    {
      name: 'cut off in the middle of the file',
      headers: undefined,
      payload: () => {
        const { payload } = multipart([{ name: 'file', filename: 'a.jpg', contentType: 'image/jpeg', data: jpegOfBytes(4096) }])
        return payload.subarray(0, payload.length - 2000)
      },
    },
  ])('answers 400 to a multipart body $name and keeps nothing', async ({ headers, payload }) => {
    await expectNothingStored(async () => {
      const body = payload()
      // The cut-off body keeps its own boundary: take it from a body built the same way.
      const contentType = headers?.['content-type'] ?? `multipart/form-data; boundary=${body.toString('latin1', 2, body.indexOf('\r\n'))}`
      const response = await app().inject({ method: 'POST', url: UPLOADS_URL, headers: { 'content-type': contentType }, payload: body })
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toEqual({ code: 'upload_malformed', message: expect.stringMatching(CHINESE) })
    })
  })

  describe('used by a report', () => {
    it('attaches the photos a valid report names, and the answer says nothing of them', async () => {
      const first = await uploaded()
      const second = await uploaded(PNG_PHOTO)
      const response = await app().inject(postTip(complaint({ evidenceIds: [first, second] })))
      expect(response.statusCode).toBe(201)
      expect(Object.keys(response.json()).sort()).toEqual(['deadlines', 'trackingCode'])
      const tip = await app().db.selectFrom('tips').select('id').where('tracking_code', '=', response.json().trackingCode).executeTakeFirstOrThrow()
      const attached = await app().db.selectFrom('uploads').select(['id', 'tip_id', 'attached_at']).where('id', 'in', [first, second]).execute()
      expect(attached).toHaveLength(2)
      for (const row of attached) {
        expect(row.tip_id).toBe(tip.id)
        expect(Number(row.attached_at)).toBeGreaterThan(0)
      }
    })

    it('replays an idempotent retry without checking the photos again', async () => {
      const uploadId = await uploaded()
      const key = `upload-replay-${randomBytes(8).toString('hex')}`
      const body = complaint({ evidenceIds: [uploadId] })
      const first = await app().inject(postTip(body, key))
      expect(first.statusCode).toBe(201)
      const again = await app().inject(postTip(body, key))
      expect(again.statusCode).toBe(201)
      expect(again.body).toBe(first.body)
    })

    it.each([
      { name: 'unknown', index: 1, make: async () => randomBytes(24).toString('base64url') },
      {
        name: 'expired',
        index: 1,
        make: async () => {
          const id = await uploaded()
          await app().db.updateTable('uploads').set({ expires_at: Date.now() - 1 }).where('id', '=', id).execute()
          return id
        },
      },
      {
        name: 'already attached to another report',
        index: 1,
        make: async () => {
          const id = await uploaded()
          expect((await app().inject(postTip(complaint({ evidenceIds: [id] })))).statusCode).toBe(201)
          return id
        },
      },
    ])('refuses a report naming an $name upload with 400 on evidenceIds.N, storing no report', async ({ index, make }) => {
      const good = await uploaded()
      const bad = await make()
      const tipsBefore = await countTips()
      const response = await app().inject(postTip(complaint({ evidenceIds: [good, bad] })))
      expect(response.statusCode).toBe(400)
      const { error } = response.json()
      expect(error.code).toBe('validation_failed')
      expect(error.fields).toEqual({ [`evidenceIds.${index}`]: '第2张证据照片已过期或不存在，请重新上传' })
      expect(error.message).toBe('第2张证据照片已过期或不存在，请重新上传')
      expect(await countTips()).toBe(tipsBefore)
      // The good photo is still free for the corrected report.
      const row = await app().db.selectFrom('uploads').select('tip_id').where('id', '=', good).executeTakeFirstOrThrow()
      expect(row.tip_id).toBeNull()
      expect((await app().inject(postTip(complaint({ evidenceIds: [good] })))).statusCode).toBe(201)
    })

    it('gives a photo to exactly one of two reports sent at the same time', async () => {
      const shared = await uploaded()
      const tipsBefore = await countTips()
      const responses = await Promise.all([
        app().inject(postTip(complaint({ evidenceIds: [shared], workersOwed: 7 }))),
        app().inject(postTip(complaint({ evidenceIds: [shared], workersOwed: 8 }))),
      ])
      const statuses = responses.map((response) => response.statusCode).sort()
      expect(statuses).toEqual([201, 400])
      const loser = responses.find((response) => response.statusCode === 400)!
      expect(Object.keys(loser.json().error.fields)).toEqual(['evidenceIds.0'])
      expect(await countTips()).toBe(tipsBefore + 1)
      const winner = responses.find((response) => response.statusCode === 201)!
      const tip = await app().db.selectFrom('tips').select('id').where('tracking_code', '=', winner.json().trackingCode).executeTakeFirstOrThrow()
      const row = await app().db.selectFrom('uploads').select('tip_id').where('id', '=', shared).executeTakeFirstOrThrow()
      expect(row.tip_id).toBe(tip.id)
    })

    it('never deadlocks two reports that share photos in opposite orders', async () => {
      const a = await uploaded()
      const b = await uploaded()
      const responses = await Promise.all([
        app().inject(postTip(complaint({ evidenceIds: [a, b] }))),
        app().inject(postTip(complaint({ evidenceIds: [b, a] }))),
      ])
      expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 400])
    })
  })

  describe('purgeExpiredUploads', () => {
    it('removes expired unattached uploads and old strays, never attached uploads or fresh files', async () => {
      const now = Date.now() + UPLOAD_TTL_MS + HOUR
      const expired = await uploaded()
      const attached = await uploaded()
      const young = await uploaded()
      expect((await app().inject(postTip(complaint({ evidenceIds: [attached] })))).statusCode).toBe(201)
      await app().db.updateTable('uploads').set({ expires_at: now + HOUR }).where('id', '=', young).execute()

      // What a crash leaves. SQLite: a half-received .part and a renamed file whose row was never
      // written; PostgreSQL: pieces of a photo whose row was never written.
      const at = (time: number) => new Date(time)
      const stray = (dir: string, name: string, mtime: number) => {
        const file = path.join(dir, name)
        writeFileSync(file, 'partial')
        utimesSync(file, at(mtime), at(mtime))
        return file
      }
      const strayPieces = async (time: number) => {
        const id = randomBytes(24).toString('base64url')
        await app().db.insertInto('photo_chunks').values({ upload_id: id, seq: 0, data: Buffer.from('partial'), created_at: time }).execute()
        return id
      }
      const strays: Array<() => Promise<boolean>> = []
      if (storage.dialect === 'sqlite') {
        for (const file of [
          stray(incoming(), 'crashed.part', now - STRAY_AGE_MS - 1000),
          stray(incoming(), 'in-flight.part', now - 60_000),
          stray(quarantine(), randomBytes(24).toString('base64url'), now - 2 * STRAY_AGE_MS),
          stray(quarantine(), randomBytes(24).toString('base64url'), now - 60_000),
        ]) {
          strays.push(async () => existsSync(file))
        }
        // The attached photo's file is old too: being attached is what keeps it.
        utimesSync(path.join(quarantine(), attached), at(now - 10 * HOUR), at(now - 10 * HOUR))
      } else {
        for (const id of [await strayPieces(now - STRAY_AGE_MS - 1000), await strayPieces(now - 60_000), await strayPieces(now - 2 * STRAY_AGE_MS), await strayPieces(now - 60_000)]) {
          strays.push(() => isStored(id))
        }
        await app().db.updateTable('photo_chunks').set({ created_at: now - 10 * HOUR }).where('upload_id', '=', attached).execute()
      }

      const before = (await rows()).map((row) => row.id)
      const removed = await purgeExpiredUploads(app().db, config().uploadsDir, now)
      const after = (await rows()).map((row) => row.id)

      expect(after).not.toContain(expired)
      expect(await isStored(expired)).toBe(false)
      expect(after).toContain(attached)
      expect(await isStored(attached)).toBe(true)
      expect(after).toContain(young)
      expect(await isStored(young)).toBe(true)
      expect(await Promise.all(strays.map((exists) => exists()))).toEqual([false, true, false, true])
      // Every other unattached upload of this block expired as well; only attached ones and `young` stay.
      const attachedIds = (await app().db.selectFrom('uploads').select('id').where('tip_id', 'is not', null).execute()).map((row) => row.id)
      expect(after.sort()).toEqual([...attachedIds, young].sort())
      expect(removed).toBe(before.length - after.length + 2)
      expect(await purgeExpiredUploads(app().db, config().uploadsDir, now)).toBe(0)
    })

    it('refuses to run inside a transaction, where deleted files could not come back', async () => {
      await expect(app().db.transaction().execute((trx) => purgeExpiredUploads(trx, config().uploadsDir, Date.now()))).rejects.toThrow(/transaction/)
    })
  })

  describe('deleteEvidenceOfTips', () => {
    it('removes the photos of the given reports, rows and files, and nothing else', async () => {
      const mine = [await uploaded(), await uploaded()]
      const other = await uploaded()
      const free = await uploaded()
      const tipOf = async (evidenceIds: string[]) => {
        const response = await app().inject(postTip(complaint({ evidenceIds })))
        expect(response.statusCode).toBe(201)
        const row = await app().db.selectFrom('tips').select('id').where('tracking_code', '=', response.json().trackingCode).executeTakeFirstOrThrow()
        return row.id
      }
      const tip = await tipOf(mine)
      await tipOf([other])

      expect(await deleteEvidenceOfTips(app().db, config().uploadsDir, [tip])).toBe(2)
      const left = (await rows()).map((row) => row.id)
      for (const id of mine) {
        expect(left).not.toContain(id)
        expect(await isStored(id)).toBe(false)
      }
      for (const id of [other, free]) {
        expect(left).toContain(id)
        expect(await isStored(id)).toBe(true)
      }
      expect(await deleteEvidenceOfTips(app().db, config().uploadsDir, [tip])).toBe(0)
      expect(await deleteEvidenceOfTips(app().db, config().uploadsDir, [])).toBe(0)
    })
  })

  describe('readEvidence', () => {
    async function readAll(evidence: Evidence): Promise<Buffer> {
      const pieces: Buffer[] = []
      for await (const piece of evidence.body) pieces.push(piece as Buffer)
      return Buffer.concat(pieces)
    }

    it.each([
      { name: 'JPEG', data: jpegWithGps().file, cleaned: jpegWithGps().cleaned },
      { name: 'PNG', data: pngWithGps().file, cleaned: pngWithGps().cleaned },
      { name: 'WebP', data: webpWithGps().file, cleaned: webpWithGps().cleaned },
    ])('gives staff a $name without its GPS and camera metadata, as it was stored', async ({ data, cleaned }) => {
      const uploadId = await uploaded(data)
      const evidence = await readEvidence(app().db, config().uploadsDir, uploadId)
      expect(evidence).toBeDefined()
      const served = await readAll(evidence!)
      expect(containsAscii(served, 'GPS')).toBe(false)
      expect(served.equals(Buffer.from(cleaned))).toBe(true)
      // Cleaned on the way in: the location never reached the disk or the database.
      expect((await storedBytes(uploadId))?.equals(Buffer.from(cleaned))).toBe(true)
    })

    it('streams a photo of many pieces back in order', async () => {
      const data = jpegOfBytes(UPLOAD_MAX_BYTES)
      const uploadId = await uploaded(data)
      const served = await readAll((await readEvidence(app().db, config().uploadsDir, uploadId))!)
      expect(served.equals(Buffer.from(data))).toBe(true)
      if (storage.dialect === 'postgres') {
        const pieces = await app().db.selectFrom('photo_chunks').select('seq').where('upload_id', '=', uploadId).execute()
        expect(pieces.length).toBe(Math.ceil(data.length / PHOTO_CHUNK_BYTES))
      }
    }, 30_000)

    it('cleans a photo stored before photos were cleaned on arrival when it is read', async () => {
      const uploadId = await uploaded(jpegOfSize(16, 16))
      // As an older version stored it: the original bytes, with their GPS.
      const original = Buffer.from(jpegWithGps().file)
      const sha256 = createHash('sha256').update(original).digest('hex')
      if (storage.dialect === 'sqlite') writeFileSync(path.join(quarantine(), uploadId), original)
      else await app().db.updateTable('photo_chunks').set({ data: original }).where('upload_id', '=', uploadId).execute()
      await app().db.updateTable('uploads').set({ sha256, metadata_stripped: 0 }).where('id', '=', uploadId).execute()
      const served = await readAll((await readEvidence(app().db, config().uploadsDir, uploadId))!)
      expect(served.equals(Buffer.from(jpegWithGps().cleaned))).toBe(true)
    })

    it('refuses HEIC with a reason rather than serve it with its metadata', async () => {
      const uploadId = await uploaded(HEIC_PHOTO)
      const reading = readEvidence(app().db, config().uploadsDir, uploadId)
      await expect(reading).rejects.toBeInstanceOf(AppError)
      await expect(reading).rejects.toMatchObject({ statusCode: 422, code: 'evidence_not_viewable', message: expect.stringMatching(/HEIC/) })
    })

    it('finds nothing for unknown or malformed ids', async () => {
      expect(await readEvidence(app().db, config().uploadsDir, randomBytes(24).toString('base64url'))).toBeUndefined()
      expect(await readEvidence(app().db, config().uploadsDir, '../../pufa.sqlite')).toBeUndefined()
    })

    it('notices stored bytes that no longer match their checksum', async () => {
      const uploadId = await uploaded(jpegWithGps().file)
      const other = Buffer.from(jpegOfSize(16, 16))
      if (storage.dialect === 'sqlite') writeFileSync(path.join(quarantine(), uploadId), other)
      else await app().db.updateTable('photo_chunks').set({ data: other }).where('upload_id', '=', uploadId).execute()
      await expect(readAll((await readEvidence(app().db, config().uploadsDir, uploadId))!)).rejects.toThrow(/SHA-256/)
    })
  })
})

describe('the upload rate limit', () => {
  const { app } = useApp(SQLITE)

  it('answers 429 in plain Chinese once a device uploads too often, and keeps nothing more', async () => {
    const { limit } = RATE_RULES.uploads
    const device = newDeviceId()
    for (let index = 0; index < limit; index += 1) {
      const response = await app().inject(fromDevice(uploadRequest([{ name: 'note', value: String(index) }]), device))
      expect(response.statusCode).toBe(400)
    }
    const response = await app().inject(fromDevice(photo(JPEG_PHOTO), device))
    expect(response.statusCode).toBe(429)
    expect(response.headers['retry-after']).toMatch(/^\d+$/)
    expect(response.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/^上传照片太频繁了，请 \d+ (秒|分钟)后再试$/) } })
    expect(await app().db.selectFrom('uploads').selectAll().execute()).toEqual([])
  })
})

describe('where uploads may be stored', () => {
  const tempDir = useTempDir()

  it('puts them in DATA_DIR/uploads', () => {
    const config = loadConfig({ DATA_DIR: path.join(tempDir(), 'data'), H5_DIR: path.join(tempDir(), 'h5') })
    expect(config.uploadsDir).toBe(path.join(tempDir(), 'data', 'uploads'))
  })

  it.each([
    { name: 'DATA_DIR inside H5_DIR', env: () => ({ DATA_DIR: path.join(tempDir(), 'site', 'data'), H5_DIR: path.join(tempDir(), 'site') }), problem: /^DATA_DIR 不能位于网页目录 H5_DIR/ },
    { name: 'DATA_DIR equal to H5_DIR', env: () => ({ DATA_DIR: path.join(tempDir(), 'same'), H5_DIR: path.join(tempDir(), 'same') }), problem: /^DATA_DIR 不能位于网页目录 H5_DIR/ },
    { name: 'H5_DIR inside the uploads folder', env: () => ({ DATA_DIR: path.join(tempDir(), 'd'), H5_DIR: path.join(tempDir(), 'd', 'uploads', 'h5') }), problem: /^H5_DIR 不能是上传目录/ },
    { name: 'DATA_DIR inside CONSOLE_DIR', env: () => ({ DATA_DIR: path.join(tempDir(), 'console', 'data'), CONSOLE_DIR: path.join(tempDir(), 'console') }), problem: /^DATA_DIR 不能位于网页目录 CONSOLE_DIR/ },
    { name: 'CONSOLE_DIR inside the uploads folder', env: () => ({ DATA_DIR: path.join(tempDir(), 'e'), CONSOLE_DIR: path.join(tempDir(), 'e', 'uploads') }), problem: /^CONSOLE_DIR 不能是上传目录/ },
  ])('refuses $name in Chinese, before any key file is made', ({ env, problem }) => {
    const values = env()
    const problems = problemsOf(values)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(problem)
    expect(existsSync(values.DATA_DIR)).toBe(false)
  })
})

describe('the purge inside the server', () => {
  const { config } = useStorage(SQLITE)

  it('runs once the server listens, logs only how many files went, and finishes before the server stops', async () => {
    const lines: string[] = []
    const server = await createServer(config(), { logger: { level: 'info', destination: { write: (line) => lines.push(line) } } })
    await server.ready()
    await migrate(server.db)
    const strayName = randomBytes(24).toString('base64url')
    const stray = path.join(config().uploadsDir, 'quarantine', strayName)
    writeFileSync(stray, 'left by a crash')
    const longAgo = new Date(Date.now() - 2 * STRAY_AGE_MS)
    utimesSync(stray, longAgo, longAgo)

    await server.listen({ port: 0, host: '127.0.0.1' })
    await server.close()

    expect(existsSync(stray)).toBe(false)
    const purged = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === 'expired uploads purged')
    expect(purged).toHaveLength(1)
    expect(purged[0].removed).toBe(1)
    expect(lines.join('\n')).not.toContain(strayName)
  })
})
