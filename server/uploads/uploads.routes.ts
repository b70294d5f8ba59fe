import fastifyMultipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'

import { DEVICE_ID_HEADER, isDeviceId } from '../../src/core/device-id'
import type { Config } from '../config'
import type { Database } from '../db/schema'
import { AppError, ErrorResponse, ServiceBusyError } from '../errors'
import { keyedHash } from '../privacy/keyed-hash'
import { describeRateRule, RATE_RULES, waitInWords } from '../rate-limit'
import { isCrossSiteRequest } from '../staff-auth/origin'
import { IMAGE_MAX_PIXELS, IMAGE_MAX_SIDE } from './image-type'
import { clientUploadBytes, insertUpload, unattachedUploadBytes } from './uploads.repository'
import { UPLOAD_MAX_BYTES, UploadForm, UploadReceived } from './uploads.schemas'
import {
  discardPhoto,
  moveLocalPhotosIntoDatabase,
  type PhotoLimits,
  prepareUploadDirs,
  purgeExpiredUploads,
  type ReceivedPhoto,
  receivePhoto,
  type ReceiveRefusal,
  UPLOAD_TTL_MS,
} from './uploads.store'

const FILE_FIELD = 'file'
const PURGE_INTERVAL_MS = 10 * 60 * 1000
const MULTIPART = /^multipart\/form-data\s*(;|$)/i
const MEBIBYTE = 1024 * 1024
const HOUR_MS = 60 * 60 * 1000

// One photo and a few small form fields (wx.uploadFile may add some): anything more is refused
// before it is read. The file limit is one byte over the allowance, so the overflow is seen.
const MULTIPART_LIMITS = {
  fileSize: UPLOAD_MAX_BYTES + 1,
  files: 2,
  fields: 8,
  fieldSize: 1024,
  fieldNameSize: 100,
  parts: 10,
  headerPairs: 20,
}

const TEN_THOUSAND = 10_000

/** The picture-size limit in words, as the refusal and the API description say it. */
export const IMAGE_LIMIT_WORDS = `每边不超过 ${IMAGE_MAX_SIDE} 像素、总像素不超过 ${IMAGE_MAX_PIXELS / TEN_THOUSAND} 万`

/** Seconds a client is asked to wait when the shared quota is full (a purge runs every 10 minutes). */
const QUOTA_RETRY_SECONDS = 10 * 60

function refusalOf(refusal: ReceiveRefusal, budget: Budget): AppError {
  switch (refusal.reason) {
    case 'too_large':
      return new AppError(413, 'upload_too_large', `照片不能超过 ${UPLOAD_MAX_BYTES / MEBIBYTE} MB，请压缩后再传`)
    case 'not_image':
      return new AppError(415, 'upload_type', '只能上传 JPG、PNG、WebP 或 HEIC 格式的照片，这个文件不是照片或格式不支持')
    case 'empty':
      return new AppError(400, 'upload_missing', '收到的照片是空的，请重新选择照片后上传')
    case 'malformed':
      return new AppError(422, 'upload_damaged', '照片文件不完整或已损坏，无法识别，请重新选择照片后上传')
    case 'too_many_pixels':
      return new AppError(
        422,
        'upload_dimensions',
        `照片尺寸太大（${refusal.size.width}×${refusal.size.height} 像素）：照片要${IMAGE_LIMIT_WORDS}，请缩小后再传`,
      )
    case 'over_allowance':
      return budget.refusal()
  }
}
const missing = () => new AppError(400, 'upload_missing', '没有收到照片，请选择一张照片后重新上传')
const tooMany = () => new AppError(400, 'upload_too_many', '一次只能上传一张照片，请分开上传')
const malformed = () => new AppError(400, 'upload_malformed', '上传的内容不完整或格式有误，请重新上传')

/** An error of the request body itself (the parser's), as opposed to one of ours while storing it. */
class BodyError extends Error {
  constructor(cause: unknown) {
    super('multipart body could not be read', { cause })
  }
}

function clientErrorFor(error: BodyError): AppError {
  const code = (error.cause as { code?: unknown } | null)?.code
  if (code === 'FST_FILES_LIMIT') return tooMany()
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new AppError(400, 'upload_malformed', '上传的表单项太多了，请只上传一张照片')
  }
  return malformed()
}

async function* tagged(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of source) yield chunk
  } catch (error) {
    throw new BodyError(error)
  }
}

async function drain(source: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _chunk of tagged(source)) {
    // Read and dropped: the parser only moves on once the part is consumed.
  }
}

async function nextPart(parts: ReturnType<FastifyRequest['parts']>) {
  try {
    return await parts.next()
  } catch (error) {
    throw new BodyError(error)
  }
}

/** Who sent the photo: the app's device id (its shape checked by the rate limit's guard), else the address. */
function clientOf(request: FastifyRequest): string {
  const device = request.headers[DEVICE_ID_HEADER.toLowerCase()]
  return typeof device === 'string' && isDeviceId(device) ? `device:${device}` : `address:${request.ip}`
}

/** What this client may still send: the smaller of its own budget and the shared quota. */
interface Budget {
  clientKey: string
  allowanceBytes: number
  /** The answer once the allowance is used up. */
  refusal(): AppError
}

async function budgetOf(db: Kysely<Database>, config: Config, request: FastifyRequest, reply: FastifyReply, now: number): Promise<Budget> {
  const clientKey = keyedHash(config.hashKey, 'upload_client', clientOf(request))
  const sent = await clientUploadBytes(db, clientKey, now - UPLOAD_TTL_MS)
  const clientLeft = config.uploadClientBudgetBytes - sent.bytes
  const quotaLeft = config.uploadQuotaBytes - (await unattachedUploadBytes(db, now))
  const budgetRefusal = () => {
    // Room comes back as this client's oldest photo of the window leaves it.
    const wait = Math.max(1, Math.ceil(((sent.oldest ?? now) + UPLOAD_TTL_MS - now) / 1000))
    reply.header('retry-after', String(wait))
    return new AppError(
      429,
      'upload_budget_used',
      `这台设备 24 小时内上传的照片已达 ${config.uploadClientBudgetBytes / MEBIBYTE} MB 的上限，请 ${waitInWords(wait)}后再传；已经提交的反映不受影响`,
    )
  }
  const quotaRefusal = () => {
    reply.header('retry-after', String(QUOTA_RETRY_SECONDS))
    return new ServiceBusyError(503, 'upload_quota_full', `服务器暂存照片的空间已满，请 ${waitInWords(QUOTA_RETRY_SECONDS)}后再传；已经提交的反映不受影响`)
  }
  return {
    clientKey,
    allowanceBytes: Math.max(0, Math.min(clientLeft, quotaLeft)),
    refusal: () => (quotaLeft <= clientLeft ? quotaRefusal() : budgetRefusal()),
  }
}

/**
 * Reads the whole request: exactly one file part named `file` (other small fields are ignored),
 * streamed into the photo store. Whatever goes wrong, nothing received is left behind.
 */
async function receiveUpload(request: FastifyRequest, db: Kysely<Database>, uploadsDir: string, budget: Budget): Promise<ReceivedPhoto> {
  const limits: PhotoLimits = { maxBytes: UPLOAD_MAX_BYTES, allowanceBytes: budget.allowanceBytes, maxSide: IMAGE_MAX_SIDE, maxPixels: IMAGE_MAX_PIXELS }
  let received: ReceivedPhoto | undefined
  let refusal: AppError | undefined
  let fileParts = 0
  try {
    const parts = request.parts()
    for (let next = await nextPart(parts); !next.done; next = await nextPart(parts)) {
      const part = next.value
      if (part.type !== 'file') continue
      fileParts += 1
      if (fileParts > 1 || part.fieldname !== FILE_FIELD) {
        await drain(part.file)
        continue
      }
      const result = await receivePhoto(db, uploadsDir, tagged(part.file), limits)
      if (result.ok) received = result.photo
      else refusal = refusalOf(result, budget)
    }
  } catch (error) {
    if (received) await discardPhoto(db, uploadsDir, received.uploadId)
    throw error instanceof BodyError ? clientErrorFor(error) : error
  }
  if (fileParts > 1) {
    if (received) await discardPhoto(db, uploadsDir, received.uploadId)
    throw tooMany()
  }
  if (refusal) throw refusal
  if (!received) throw missing()
  return received
}

export const uploadsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Registered in this scope only: every other route keeps JSON as its one body format.
  await app.register(fastifyMultipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: false })
  const { uploadsDir } = app.config
  // SQLite keeps the photos there; PostgreSQL only reads what an older version left there.
  if (app.dialect === 'sqlite') await prepareUploadDirs(uploadsDir)

  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  const purge = () => {
    running ??= purgeExpiredUploads(app.db, uploadsDir, Date.now())
      .then(
        (removed) => {
          if (removed > 0) app.log.info({ removed }, 'expired uploads purged')
        },
        (error: unknown) => app.log.warn({ err: error }, 'purging expired uploads failed'),
      )
      .finally(() => {
        running = undefined
      })
    return running
  }
  // Once listening (the database is migrated by then), and every ten minutes after that.
  app.addHook('onListen', async () => {
    if (timer) return
    try {
      const moved = await moveLocalPhotosIntoDatabase(app.db, uploadsDir)
      if (moved > 0) app.log.info({ moved }, 'photos stored as files moved into the database')
    } catch (error) {
      app.log.error({ err: error }, 'moving photos stored as files into the database failed')
    }
    void purge()
    timer = setInterval(() => void purge(), PURGE_INTERVAL_MS)
    timer.unref()
  })
  // Before the database closes, so a purge in flight finishes its work.
  app.addHook('preClose', async () => {
    clearInterval(timer)
    await running
  })

  app.post(
    '/uploads',
    {
      onRequest: [
        // A multipart POST needs no preflight: any page could make a visitor's browser send one.
        async (request) => {
          if (isCrossSiteRequest(request, app.config.publicUrl)) {
            throw new AppError(403, 'upload_cross_site', '照片只能从本服务的网页或小程序上传，这个请求来自其他网站，已拒绝')
          }
        },
        app.limits.guard('uploads'),
        // Before any body parser runs: a raw image or JSON body gets this answer, not the JSON one.
        async (request) => {
          if (!MULTIPART.test(request.headers['content-type'] ?? '')) {
            throw new AppError(415, 'unsupported_media_type', '照片要以表单文件的方式上传（multipart/form-data，文件字段名为 file）')
          }
        },
      ],
      schema: {
        summary: '上传一张证据照片',
        description:
          `multipart/form-data，文件字段名为 file。照片要${IMAGE_LIMIT_WORDS}（按文件头判断）；收到时即去除拍摄地点、相机、文字等元数据（JPEG 只保留方向）。` +
          `照片放在隔离区，不对外提供；${UPLOAD_TTL_MS / HOUR_MS} 小时内未用于反映即被删除。提交反映时把返回的 uploadId 放进 evidenceIds。` +
          `每台设备（请求头 X-Pufa-Device；没有则按地址）24 小时内可上传的总量有上限（429 upload_budget_used），所有未用于反映的照片合计也有上限（503 upload_quota_full）；` +
          `其他网站页面发出的上传（Origin 不是本服务，或 Sec-Fetch-Site: cross-site）一律拒绝（403 upload_cross_site）。${describeRateRule(RATE_RULES.uploads)}`,
        consumes: ['multipart/form-data'],
        // Documented only: the route reads the parts as they stream in and answers each problem itself.
        judgedByHandler: { body: UploadForm },
        response: { 201: UploadReceived, '4xx': ErrorResponse, '5xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const budget = await budgetOf(app.db, app.config, request, reply, Date.now())
      // Refused before a byte is read when nothing is left; otherwise once the photo goes past what is.
      if (budget.allowanceBytes === 0) throw budget.refusal()
      const photo = await receiveUpload(request, app.db, uploadsDir, budget)
      const { uploadId } = photo
      const createdAt = Date.now()
      const expiresAt = createdAt + UPLOAD_TTL_MS
      try {
        await insertUpload(app.db, {
          id: uploadId,
          mediaType: photo.mediaType,
          sizeBytes: photo.sizeBytes,
          sha256: photo.sha256,
          createdAt,
          expiresAt,
          clientKey: budget.clientKey,
          metadataStripped: photo.metadataStripped,
        })
      } catch (error) {
        await discardPhoto(app.db, uploadsDir, uploadId)
        throw error
      }
      return reply.code(201).send({ uploadId, mediaType: photo.mediaType, size: photo.sizeBytes, expiresAt: new Date(expiresAt).toISOString() })
    },
  )
}
