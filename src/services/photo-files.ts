/**
 * H5: the photos picked for a report are blob: URLs of the open page, which die with it. So that
 * a reload (or the browser closing the tab) loses no evidence, each picked photo is also copied
 * into the browser's Cache Storage, and read back from there when its blob: URL no longer works.
 * Where the browser has no Cache Storage (not https), photos live only as long as the page: the
 * form and the outbox then ask the person to add them again.
 */

const CACHE_NAME = 'pufa-photos'
// Cache Storage takes http(s) requests only: each blob: URL is kept under a made-up address of
// this origin, which nothing ever fetches (the service worker's caches are named pufa-app-*).
const KEY_PREFIX = '/__pufa-photo/'

function cacheKey(path: string): string {
  return `${location.origin}${KEY_PREFIX}${encodeURIComponent(path)}`
}

async function photoCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(CACHE_NAME)
  } catch {
    return null
  }
}

/** The photo behind a live blob: URL, read to the end; null when the URL is dead. */
async function readLive(path: string): Promise<Blob | null> {
  try {
    const response = await fetch(path)
    return response.ok ? await response.blob() : null
  } catch {
    return null
  }
}

async function readKept(path: string): Promise<Blob | null> {
  try {
    const response = await (await photoCache())?.match(cacheKey(path))
    return response ? await response.blob() : null
  } catch {
    return null
  }
}

/** Copies a picked photo to where it survives the page; the path stays the one to show and send. */
export async function keepPhoto(path: string): Promise<string> {
  if (!path.startsWith('blob:')) return path
  const cache = await photoCache()
  if (cache === null) return path
  try {
    if (await cache.match(cacheKey(path))) return path
    const photo = await readLive(path)
    if (photo) await cache.put(cacheKey(path), new Response(photo, { headers: { 'Content-Type': photo.type } }))
  } catch {
    // Storage full or refused: the photo still works while the page stays open.
  }
  return path
}

export interface OpenedPhoto {
  filePath: string
  close(): void
}

/**
 * The photo as Taro.uploadFile takes it, or null when it no longer exists. The kept copy comes
 * first: it is the same photo, and asking a dead blob: URL makes the browser log an error.
 */
export async function openPhoto(path: string): Promise<OpenedPhoto | null> {
  if (!path.startsWith('blob:')) return { filePath: path, close: () => undefined }
  const kept = await readKept(path)
  if (kept !== null) {
    const url = URL.createObjectURL(kept)
    return { filePath: url, close: () => URL.revokeObjectURL(url) }
  }
  return (await readLive(path)) ? { filePath: path, close: () => undefined } : null
}

/**
 * A path the page can show and upload now: the same one while it works, else a new blob: URL of
 * the kept copy (itself kept), or null when the photo is gone.
 */
export async function restorePhoto(path: string): Promise<string | null> {
  if (!path.startsWith('blob:') || (await readLive(path))) return path
  const kept = await readKept(path)
  if (kept === null) return null
  return keepPhoto(URL.createObjectURL(kept))
}

/** The report no longer needs the photo: its kept copy goes. The page that picked it owns its blob URL. */
export function discardPhoto(path: string): void {
  if (!path.startsWith('blob:')) return
  void photoCache()
    .then((cache) => cache?.delete(cacheKey(path)))
    .catch(() => undefined)
}
