import type { CertificateLayout } from '../../../core/quiz/certificate'
import { downloadFile, pictureToPng } from '../../../services/picture-file'
import type { SaveOutcome } from './save-outcome'

const FAILED = '没能生成证书图片。请换用系统自带的浏览器，或在微信小程序里打开后再保存。'

/** H5: draws the certificate on a canvas of its own and downloads it as a PNG file. */
export async function saveCertificate(layout: CertificateLayout): Promise<SaveOutcome> {
  const png = await pictureToPng(layout)
  if (!png) return { ok: false, message: FAILED }
  downloadFile(png, '参赛证书.png')
  return { ok: true, message: '证书图片已下载（参赛证书.png），可以在浏览器的“下载”里找到。' }
}
