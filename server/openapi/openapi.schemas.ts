import { Type } from '@sinclair/typebox'

/** Served as built by @fastify/swagger; the document's own structure is OpenAPI's, not ours to restate. */
export const OpenApiDocument = Type.Object({}, { additionalProperties: true, title: 'OpenAPI 3.0 文档', description: '本服务全部接口的说明（JSON）' })
