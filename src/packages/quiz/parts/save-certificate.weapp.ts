import Taro from '@tarojs/taro'
import type { CertificateLayout } from '../../../core/quiz/certificate'
import { drawPicture, type Drawing } from '../../../core/picture'
import { CERTIFICATE_CANVAS_ID } from './certificate-canvas'
import type { SaveOutcome } from './save-outcome'

const FAILED = '没能生成证书图片，请稍后再试。'

function canvasNode(): Promise<Taro.Canvas | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${CERTIFICATE_CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((found: { node?: Taro.Canvas }[] | null) => resolve(found?.[0]?.node ?? null))
  })
}

const errMsg = (error: unknown) => String((error as { errMsg?: unknown } | null)?.errMsg ?? error)

/** WeChat: draws on the page's Canvas 2D (certificate-canvas.weapp.tsx), then saves the picture to the album. */
export async function saveCertificate(layout: CertificateLayout): Promise<SaveOutcome> {
  const canvas = await canvasNode()
  if (!canvas) return { ok: false, message: FAILED }
  canvas.width = layout.width
  canvas.height = layout.height
  drawPicture(canvas.getContext('2d') as unknown as Drawing, layout)
  let filePath: string
  try {
    ;({ tempFilePath: filePath } = await Taro.canvasToTempFilePath({ canvas, fileType: 'png' }))
  } catch {
    return { ok: false, message: FAILED }
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath })
  } catch (error) {
    const reason = errMsg(error)
    if (/cancel/i.test(reason)) return { ok: false, message: '没有保存证书。需要时再点“保存证书到相册”。' }
    if (/auth|deny|denied|permission/i.test(reason)) {
      return {
        ok: false,
        offerSettings: true,
        message: '没有保存：您没有允许“法治人社”把图片存到相册。请点“去设置”，打开“添加到相册”，再保存一次。',
      }
    }
    return { ok: false, message: '证书没能存到相册，请检查手机存储空间后再试。' }
  }
  return { ok: true, message: '证书已保存到手机相册。' }
}
