import type { Page } from 'playwright-core'

/** The width of the photos payslipJpeg makes, for tests that wait for one to be shown. */
export const PAYSLIP_WIDTH = 320

/** A small photo of a pay slip (or an IOU: `words`), encoded as JPEG by the browser itself. */
export async function payslipJpeg(page: Page, words = '工资条'): Promise<Buffer> {
  const bytes = await page.evaluate(
    async ({ words, width }) => {
      const canvas = document.createElement('canvas')
      canvas.width = width
      canvas.height = 200
      const context = canvas.getContext('2d') as CanvasRenderingContext2D
      context.fillStyle = '#f4f1e8'
      context.fillRect(0, 0, width, 200)
      context.fillStyle = '#333333'
      context.font = '28px sans-serif'
      context.fillText(words, 20, 60)
      context.font = '18px sans-serif'
      context.fillText('应发 8000.00  实发 0.00', 20, 120)
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85))
      if (blob === null) throw new Error('the browser made no JPEG')
      return Array.from(new Uint8Array(await blob.arrayBuffer()))
    },
    { words, width: PAYSLIP_WIDTH },
  )
  return Buffer.from(bytes)
}
