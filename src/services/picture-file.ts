import { drawPicture, type PictureLayout } from '../core/picture'

/** H5: the picture drawn on a canvas of its own, as a PNG file; null when this browser cannot draw one. */
export async function pictureToPng(layout: PictureLayout): Promise<Blob | null> {
  const canvas = document.createElement('canvas')
  canvas.width = layout.width
  canvas.height = layout.height
  const drawing = canvas.getContext('2d')
  if (!drawing) return null
  drawPicture(drawing, layout)
  return new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
}

/**
 * Whether this browser saves a link's file when told to (<a download>): not WeChat's own browser,
 * which opens H5 pages shared in chats and ignores downloads, nor browsers without the attribute.
 */
export function canDownloadFiles(): boolean {
  return 'download' in document.createElement('a') && !/MicroMessenger/i.test(navigator.userAgent)
}

/** Saves the file under this name through the browser's downloads. */
export function downloadFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
