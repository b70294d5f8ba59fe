// Uploads under attack and across instances: per-client budget and shared quota (with health),
// cross-site uploads, pictures too large for their bytes, folder modes, and photos in PostgreSQL
// that one instance receives and another attaches and serves.
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { createHash, randomBytes } from 'node:crypto'
import path from 'node:path'

import type { FastifyInstance, InjectOptions } from 'fastify'

import { migrate } from '../../server/db/migrations'
import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { createServer } from '../../server/server'
import { insertUpload } from '../../server/uploads/uploads.repository'
import { moveLocalPhotosIntoDatabase, purgeExpiredUploads, readEvidence, UPLOAD_TTL_MS } from '../../server/uploads/uploads.store'
import { heicOfSize, jpegOfSize, jpegWithGps, pngOfSize, webpCanvasOfSize } from '../support/image-samples'
import { postgresOnly, SQLITE, storages, useApp, useStorage } from './storage'

const UPLOADS_URL = '/api/v1/uploads'
const CHINESE = /[\u4e00-\u9fff]/
const KIB = 1024

function photo(data: Uint8Array, headers: Record<string, string> = {}): InjectOptions {
  const boundary = `----pufaLimits${randomBytes(8).toString('hex')}`
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    Buffer.from(data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { method: 'POST', url: UPLOADS_URL, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers } }
}

/** A whole JPEG of `size` bytes. */
function jpegOfBytes(size: number): Uint8Array {
  return jpegOfSize(16, 16, size - jpegOfSize(16, 16, 0).length)
}

const device = () => randomBytes(16).toString('hex')

function expectRefusal(response: { statusCode: number; json(): unknown }, status: number, code: string): { message: string } {
  expect(response.statusCode).toBe(status)
  const { error } = response.json() as { error: { code: string; message: string } }
  expect(error.code).toBe(code)
  expect(error.message).toMatch(CHINESE)
  return error
}

describe.each(storages())('upload budgets on $name', (storage) => {
  // 1 MB per client in 24 hours; 3 MB of unattached photos in all.
  const { app } = useApp(storage, { RATE_LIMITS: 'false', UPLOAD_CLIENT_BUDGET_MB: '1', UPLOAD_QUOTA_MB: '3' })
  const quarterMegabyte = jpegOfBytes(256 * KIB)

  it('refuses a device past its 24-hour budget with 429 and Retry-After, while another device on the same address still uploads', async () => {
    const mine = device()
    for (let index = 0; index < 4; index += 1) {
      expect((await app().inject(photo(quarterMegabyte, { 'x-pufa-device': mine }))).statusCode).toBe(201)
    }
    const refused = await app().inject(photo(quarterMegabyte, { 'x-pufa-device': mine }))
    const error = expectRefusal(refused, 429, 'upload_budget_used')
    expect(error.message).toContain('1 MB')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(UPLOAD_TTL_MS / 1000 - 120)
    expect((await app().inject(photo(quarterMegabyte, { 'x-pufa-device': device() }))).statusCode).toBe(201)
    // No device id: the address is the client.
    expect((await app().inject(photo(quarterMegabyte))).statusCode).toBe(201)
  })

  it('refuses a photo that would go past the budget as it arrives, keeping nothing of it', async () => {
    const mine = device()
    expect((await app().inject(photo(jpegOfBytes(900 * KIB), { 'x-pufa-device': mine }))).statusCode).toBe(201)
    const before = await app().db.selectFrom('uploads').select('id').execute()
    expectRefusal(await app().inject(photo(jpegOfBytes(200 * KIB), { 'x-pufa-device': mine })), 429, 'upload_budget_used')
    expect(await app().db.selectFrom('uploads').select('id').execute()).toEqual(before)
  })

  it('answers 503 upload_quota_full once unattached photos fill the quota, and health says so', async () => {
    const health = async () => (await app().inject({ method: 'GET', url: '/api/v1/health' })).json()
    for (let full = false; !full; ) {
      const response = await app().inject(photo(quarterMegabyte, { 'x-pufa-device': device() }))
      if (response.statusCode === 201) continue
      const error = expectRefusal(response, 503, 'upload_quota_full')
      expect(error.message).toContain('空间已满')
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0)
      full = true
    }
    const body = await health()
    expect(body.status).toBe('degraded')
    expect(body.uploads).toMatchObject({ limitBytes: 3 * 1024 * KIB, status: expect.stringMatching(/^(near_full|full)$/) })
    expect(body.uploads.usedBytes).toBeGreaterThan(0.9 * 3 * 1024 * KIB)
    // The expired ones go with the next purge, and room comes back.
    await purgeExpiredUploads(app().db, app().config.uploadsDir, Date.now() + UPLOAD_TTL_MS + 1)
    expect((await health()).uploads).toMatchObject({ usedBytes: 0, status: 'ok' })
    expect((await app().inject(photo(quarterMegabyte, { 'x-pufa-device': device() }))).statusCode).toBe(201)
  })
})

describe.each(storages())('cross-site uploads on $name', (storage) => {
  const { app } = useApp(storage, { RATE_LIMITS: 'false' })
  const small = jpegOfSize(16, 16)

  it.each([
    { name: "another site's Origin", headers: { origin: 'https://evil.example' } as Record<string, string> },
    { name: 'a sandboxed page (Origin null)', headers: { origin: 'null' } },
    { name: 'Sec-Fetch-Site: cross-site', headers: { 'sec-fetch-site': 'cross-site' } },
    { name: 'Sec-Fetch-Site: cross-site with our own Origin', headers: { 'sec-fetch-site': 'cross-site', origin: 'http://localhost:80' } },
  ])('refuses $name with 403 in the error shape, storing nothing', async ({ headers }) => {
    const before = await app().db.selectFrom('uploads').select('id').execute()
    const response = await app().inject(photo(small, headers))
    expectRefusal(response, 403, 'upload_cross_site')
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(await app().db.selectFrom('uploads').select('id').execute()).toEqual(before)
  })

  it.each([
    { name: 'no Origin (the mini-program, curl)', headers: {} as Record<string, string> },
    { name: 'our own Origin (the H5 app)', headers: { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' } },
  ])('accepts $name', async ({ headers }) => {
    expect((await app().inject(photo(small, headers))).statusCode).toBe(201)
  })
})

describe.each(storages())('pictures larger than their bytes on $name', (storage) => {
  const { app } = useApp(storage, { RATE_LIMITS: 'false' })

  it.each([
    { name: 'a 30000×30000 PNG', data: pngOfSize(30000, 30000), size: '30000×30000' },
    { name: 'a 12000×100 JPEG (a side too long)', data: jpegOfSize(12000, 100), size: '12000×100' },
    { name: 'a 9000×9000 WebP (81 MP)', data: webpCanvasOfSize(9000, 9000), size: '9000×9000' },
    { name: 'a 20000×20000 HEIC', data: heicOfSize(20000, 20000), size: '20000×20000' },
  ])('refuses $name from its header with 422 naming the limit', async ({ data, size }) => {
    const before = await app().db.selectFrom('uploads').select('id').execute()
    const error = expectRefusal(await app().inject(photo(data)), 422, 'upload_dimensions')
    expect(error.message).toContain(size)
    expect(error.message).toContain('10000 像素')
    expect(error.message).toContain('5000 万')
    expect(await app().db.selectFrom('uploads').select('id').execute()).toEqual(before)
  })

  it('accepts a 48-megapixel phone photo (8064×6048)', async () => {
    expect((await app().inject(photo(jpegOfSize(8064, 6048)))).statusCode).toBe(201)
    expect((await app().inject(photo(heicOfSize(8064, 6048)))).statusCode).toBe(201)
  })

  it('refuses a damaged photo with 422 rather than store what cannot be cleaned', async () => {
    const { file } = jpegWithGps()
    expectRefusal(await app().inject(photo(file.subarray(0, 60))), 422, 'upload_damaged')
  })
})

describe('the uploads folder on SQLite', () => {
  const { config } = useStorage(SQLITE)

  it('is made (or tightened) 0700 with files 0600, whatever the umask', async () => {
    const uploadsDir = config().uploadsDir
    // As an older version left it: readable by everyone.
    mkdirSync(path.join(uploadsDir, 'quarantine'), { recursive: true, mode: 0o755 })
    chmodSync(uploadsDir, 0o755)
    chmodSync(path.join(uploadsDir, 'quarantine'), 0o755)
    const umask = process.umask(0o022)
    const app = await createServer(config(), { logger: false })
    try {
      await app.ready()
      await migrate(app.db)
      const response = await app.inject(photo(jpegOfSize(16, 16)))
      expect(response.statusCode).toBe(201)
      for (const dir of [uploadsDir, path.join(uploadsDir, 'incoming'), path.join(uploadsDir, 'quarantine')]) {
        expect({ dir, mode: statSync(dir).mode & 0o777 }).toEqual({ dir, mode: 0o700 })
      }
      expect(statSync(path.join(uploadsDir, 'quarantine', response.json().uploadId)).mode & 0o777).toBe(0o600)
    } finally {
      process.umask(umask)
      await app.close()
    }
  })
})

describe.each(postgresOnly())('photos across two instances on $name', (storage) => {
  const { config } = useStorage(storage, { RATE_LIMITS: 'false' })
  let first: FastifyInstance
  let second: FastifyInstance

  beforeAll(async () => {
    first = await createServer(config(), { logger: false })
    await first.ready()
    await migrate(first.db)
    await loadSampleContentIfEmpty(first.db)
    // Its own data folder: nothing is shared through the disk.
    second = await createServer({ ...config(), dataDir: `${config().dataDir}-second`, uploadsDir: `${config().dataDir}-second/uploads` }, { logger: false })
    await second.ready()
  })
  afterAll(async () => {
    await second?.close()
    await first?.close()
  })

  it('attaches through one instance a photo uploaded through the other, and serves it from there', async () => {
    const { file, cleaned } = jpegWithGps()
    const upload = await first.inject(photo(file))
    expect(upload.statusCode).toBe(201)
    const { uploadId } = upload.json()
    const report = {
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
      evidenceIds: [uploadId],
    }
    const tip = await second.inject({
      method: 'POST',
      url: '/api/v1/tips',
      headers: { 'content-type': 'application/json', 'idempotency-key': `two-instances-${randomBytes(8).toString('hex')}` },
      payload: JSON.stringify(report),
    })
    expect(tip.statusCode).toBe(201)
    const row = await second.db.selectFrom('uploads').select(['tip_id']).where('id', '=', uploadId).executeTakeFirstOrThrow()
    expect(row.tip_id).not.toBeNull()
    const evidence = await readEvidence(second.db, second.config.uploadsDir, uploadId)
    const pieces: Buffer[] = []
    for await (const piece of evidence!.body) pieces.push(piece as Buffer)
    expect(Buffer.concat(pieces).equals(Buffer.from(cleaned))).toBe(true)
  })

  it('moves photos an older version stored as files into the database, once', async () => {
    const uploadId = randomBytes(24).toString('base64url')
    const original = Buffer.from(jpegWithGps().file)
    const now = Date.now()
    await insertUpload(first.db, {
      id: uploadId,
      mediaType: 'image/jpeg',
      sizeBytes: original.length,
      sha256: createHash('sha256').update(original).digest('hex'),
      createdAt: now,
      expiresAt: now + UPLOAD_TTL_MS,
      clientKey: null,
      metadataStripped: false,
    })
    const quarantine = path.join(config().uploadsDir, 'quarantine')
    mkdirSync(quarantine, { recursive: true })
    writeFileSync(path.join(quarantine, uploadId), original)
    expect(await moveLocalPhotosIntoDatabase(first.db, config().uploadsDir)).toBe(1)
    expect(await moveLocalPhotosIntoDatabase(first.db, config().uploadsDir)).toBe(0)
    // Served through the other instance, cleaned on the way out.
    const evidence = await readEvidence(second.db, second.config.uploadsDir, uploadId)
    const pieces: Buffer[] = []
    for await (const piece of evidence!.body) pieces.push(piece as Buffer)
    expect(Buffer.concat(pieces).equals(Buffer.from(jpegWithGps().cleaned))).toBe(true)
  })
})
