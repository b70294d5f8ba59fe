import Taro from '@tarojs/taro'

/**
 * WeChat: photos picked with chooseImage/chooseMedia are temporary files that may be gone after the
 * app closes. The outbox saves each one until the report is accepted, then removes it.
 */

/** The saved copy's path; the original path when it cannot be saved (already saved, or no room). */
export function keepPhoto(path: string): Promise<string> {
  return new Promise((resolve) => {
    try {
      Taro.getFileSystemManager().saveFile({
        tempFilePath: path,
        success: ({ savedFilePath }) => resolve(savedFilePath),
        fail: () => resolve(path),
      })
    } catch {
      resolve(path)
    }
  })
}

export interface OpenedPhoto {
  filePath: string
  close(): void
}

/** The photo as Taro.uploadFile takes it, or null when it no longer exists. */
export function openPhoto(path: string): Promise<OpenedPhoto | null> {
  return new Promise((resolve) => {
    try {
      Taro.getFileSystemManager().access({
        path,
        success: () => resolve({ filePath: path, close: () => undefined }),
        fail: () => resolve(null),
      })
    } catch {
      resolve(null)
    }
  })
}

/** The path while the file exists (WeChat paths do not change), or null when it is gone. */
export async function restorePhoto(path: string): Promise<string | null> {
  const photo = await openPhoto(path)
  photo?.close()
  return photo === null ? null : path
}

/** The report no longer needs the photo: its saved copy is removed (a temporary file is left alone). */
export function discardPhoto(path: string): void {
  try {
    Taro.getFileSystemManager().removeSavedFile({ filePath: path, fail: () => undefined })
  } catch {
    // Nothing to do: WeChat clears what is left when the space is needed.
  }
}
