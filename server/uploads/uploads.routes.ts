import fastifyMultipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'

import { UPLOAD_MAX_BYTES } from '../../src/core/tips/image-type'
import { AppError, ErrorResponse } from '../errors'
import { describeRateRule, RATE_RULES } from '../rate-limit'
import { insertUpload } from './uploads.repository'
import { UploadForm, UploadReceived } from './uploads.schemas'
import {
  discardIncoming,
  discardQuarantined,
  type IncomingFile,
  newUploadId,
  prepareUploadDirs,
  purgeExpiredUploads,
  quarantineIncoming,
  receiveIncoming,
  type ReceiveResult,
  type UploadDirs,
  UPLOAD_TTL_MS,
} from './uploads.store'

export { UPLOAD_MAX_BYTES }

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

const REFUSALS: Record<Exclude<ReceiveResult, { ok: true }>['reason'], () => AppError> = {
  too_large: () => new AppError(413, 'upload_too_large', `照片不能超过 ${UPLOAD_MAX_BYTES / MEBIBYTE} MB，请压缩后再传`),
  not_image: () => new AppError(415, 'upload_type', '只能上传 JPG、PNG、WebP 或 HEIC 格式的照片，这个文件不是照片或格式不支持'),
  empty: () => new AppError(400, 'upload_missing', '收到的照片是空的，请重新选择照片后上传'),
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

/**
 * Reads the whole request: exactly one file part named `file` (other small fields are ignored),
 * streamed into incoming/. Whatever goes wrong, nothing received is left behind.
 */
async function receiveUpload(request: FastifyRequest, dirs: UploadDirs): Promise<IncomingFile> {
  let received: IncomingFile | undefined
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
      const result = await receiveIncoming(tagged(part.file), dirs, UPLOAD_MAX_BYTES)
      if (result.ok) received = result.file
      else refusal = REFUSALS[result.reason]()
    }
  } catch (error) {
    if (received) await discardIncoming(received)
    throw error instanceof BodyError ? clientErrorFor(error) : error
  }
  if (fileParts > 1) {
    if (received) await discardIncoming(received)
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
  const dirs = await prepareUploadDirs(uploadsDir)

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
          `multipart/form-data，文件字段名为 file。照片放在隔离区，不对外提供；${UPLOAD_TTL_MS / HOUR_MS} 小时内未用于反映即被删除。` +
          `提交反映时把返回的 uploadId 放进 evidenceIds。${describeRateRule(RATE_RULES.uploads)}`,
        consumes: ['multipart/form-data'],
        // Documented only: the route reads the parts as they stream in and answers each problem itself.
        judgedByHandler: { body: UploadForm },
        response: { 201: UploadReceived, '4xx': ErrorResponse, '5xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const file = await receiveUpload(request, dirs)
      const uploadId = newUploadId()
      try {
        await quarantineIncoming(file, dirs, uploadId)
      } catch (error) {
        await discardIncoming(file)
        throw error
      }
      const createdAt = Date.now()
      const expiresAt = createdAt + UPLOAD_TTL_MS
      try {
        await insertUpload(app.db, { id: uploadId, mediaType: file.mediaType, sizeBytes: file.sizeBytes, sha256: file.sha256, createdAt, expiresAt })
      } catch (error) {
        await discardQuarantined(dirs, uploadId)
        throw error
      }
      return reply.code(201).send({ uploadId, mediaType: file.mediaType, size: file.sizeBytes, expiresAt: new Date(expiresAt).toISOString() })
    },
  )
}
