import type { CertificateLayout } from '../../../core/quiz/certificate'
import { drawCertificate, type SaveOutcome } from './draw-certificate'

const FAILED = '没能生成证书图片。请换用系统自带的浏览器，或在微信小程序里打开后再保存。'

/** H5: draws the certificate on a canvas of its own and downloads it as a PNG file. */
export async function saveCertificate(layout: CertificateLayout): Promise<SaveOutcome> {
  const canvas = document.createElement('canvas')
  canvas.width = layout.width
  canvas.height = layout.height
  const drawing = canvas.getContext('2d')
  if (!drawing) return { ok: false, message: FAILED }
  drawCertificate(drawing, layout)
  const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!png) return { ok: false, message: FAILED }
  const url = URL.createObjectURL(png)
  const link = document.createElement('a')
  link.href = url
  link.download = '参赛证书.png'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return { ok: true, message: '证书图片已下载（参赛证书.png），可以在浏览器的“下载”里找到。' }
}
