import { Type, type Static } from '@sinclair/typebox'

export const UploadReceived = Type.Object(
  {
    uploadId: Type.String({ description: '照片编号：提交反映时放进 evidenceIds' }),
    mediaType: Type.Union([Type.Literal('image/jpeg'), Type.Literal('image/png'), Type.Literal('image/webp'), Type.Literal('image/heic')], {
      description: '按文件内容识别出的图片格式',
    }),
    size: Type.Integer({ description: '字节数' }),
    expiresAt: Type.String({ format: 'date-time', description: '在此之前未用于反映的照片会被删除' }),
  },
  { title: '已收到证据照片' },
)
export type UploadReceived = Static<typeof UploadReceived>
