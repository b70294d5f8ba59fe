import { Type, type Static } from '@sinclair/typebox'

import { StringEnum } from '../schemas'

// Which photos the contract takes (image-type.ts tells them by their first bytes) and how large.
export type EvidenceMediaType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic'

export const EVIDENCE_MEDIA_TYPES: readonly EvidenceMediaType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/heic']

/** The largest evidence photo accepted: 10 MiB, enough for a phone camera's full-size JPEG. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024

const MEBIBYTE = 1024 * 1024

/**
 * The multipart form as documented. Not given to AJV: the route reads the parts as they stream in
 * and answers each problem (none, two, too large, not a photo) in its own words.
 */
export const UploadForm = Type.Object(
  {
    file: Type.String({
      format: 'binary',
      description: `一张照片：JPEG、PNG、WebP 或 HEIC（按文件内容识别，不看文件名），不超过 ${UPLOAD_MAX_BYTES / MEBIBYTE} MB；一次只能一张`,
    }),
  },
  { title: '证据照片' },
)

export const UploadReceived = Type.Object(
  {
    uploadId: Type.String({ description: '照片编号：提交反映时放进 evidenceIds' }),
    mediaType: StringEnum(EVIDENCE_MEDIA_TYPES, {
      description: '按文件内容识别出的图片格式',
    }),
    size: Type.Integer({ description: '字节数' }),
    expiresAt: Type.String({ format: 'date-time', description: '在此之前未用于反映的照片会被删除' }),
  },
  { title: '已收到证据照片' },
)
export type UploadReceived = Static<typeof UploadReceived>
