// Evidence photo files: received into uploads/incoming, kept in uploads/quarantine/<uploadId>, and
// removed with their rows. DATA_DIR/uploads is never inside the served H5 folder (config checks).
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises'
import path from 'node:path'

import type { Kysely } from 'kysely'

import { stripImageMetadata } from '../../src/core/tips/image-metadata'
import { detectImageType, type EvidenceMediaType, IMAGE_TYPE_HEAD_BYTES } from '../../src/core/tips/image-type'
import { REPORT_LIMITS } from '../../src/core/tips/report'
import type { Database } from '../db/schema'
import { AppError } from '../errors'
import { deleteExpiredUploads, deleteUploadsOfTips, existingUploadIds, findUpload } from './uploads.repository'

/** An upload no report has taken within this time is purged. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000
/** Files with no row (a crash mid-upload) are left this long before they count as strays. */
export const STRAY_AGE_MS = 60 * 60 * 1000
const UPLOAD_ID_BYTES = 24
const PART_SUFFIX = '.part'
// Rows are deleted and looked up in batches that stay far below both databases' parameter limits.
const BATCH = 500

export interface UploadDirs {
  incoming: string
  quarantine: string
}

export function uploadDirs(uploadsDir: string): UploadDirs {
  return { incoming: path.join(uploadsDir, 'incoming'), quarantine: path.join(uploadsDir, 'quarantine') }
}

/** Creates the folders, readable by the service's user only. */
export async function prepareUploadDirs(uploadsDir: string): Promise<UploadDirs> {
  const dirs = uploadDirs(uploadsDir)
  await mkdir(dirs.incoming, { recursive: true, mode: 0o700 })
  await mkdir(dirs.quarantine, { recursive: true, mode: 0o700 })
  return dirs
}

/** 24 random bytes in base64url: 32 characters, within the report's evidence id pattern. */
export function newUploadId(): string {
  return randomBytes(UPLOAD_ID_BYTES).toString('base64url')
}

// Also what keeps an id from naming any other file: no dots, no slashes.
function isUploadId(id: string): boolean {
  return REPORT_LIMITS.evidenceId.test(id)
}

function quarantinePath(dirs: UploadDirs, uploadId: string): string {
  if (!isUploadId(uploadId)) throw new Error('not an upload id')
  return path.join(dirs.quarantine, uploadId)
}

/** A file received completely into incoming/, synced to disk, not yet an upload. */
export interface IncomingFile {
  path: string
  mediaType: EvidenceMediaType
  sizeBytes: number
  sha256: string
}

export type ReceiveResult = { ok: true; file: IncomingFile } | { ok: false; reason: 'empty' | 'too_large' | 'not_image' }

/**
 * Streams `source` into incoming/<random>.part, counting bytes and hashing. Past `maxBytes`, or
 * when the first bytes are not an accepted image, writing stops, the file is deleted and the rest
 * of the source is drained (the multipart parser must read the request to its end).
 */
export async function receiveIncoming(source: AsyncIterable<Uint8Array>, dirs: UploadDirs, maxBytes: number): Promise<ReceiveResult> {
  const partPath = path.join(dirs.incoming, `${randomBytes(16).toString('hex')}${PART_SUFFIX}`)
  const handle = await open(partPath, 'wx', 0o600)
  let kept = false
  try {
    const hash = createHash('sha256')
    const head: Uint8Array[] = []
    let headLength = 0
    let size = 0
    let mediaType: EvidenceMediaType | null | undefined
    let refusal: 'too_large' | 'not_image' | undefined
    for await (const chunk of source) {
      if (refusal) continue
      size += chunk.length
      if (size > maxBytes) {
        refusal = 'too_large'
        continue
      }
      if (mediaType === undefined) {
        head.push(chunk)
        headLength += chunk.length
        if (headLength >= IMAGE_TYPE_HEAD_BYTES) {
          mediaType = detectImageType(Buffer.concat(head).subarray(0, IMAGE_TYPE_HEAD_BYTES))
          if (mediaType === null) {
            refusal = 'not_image'
            continue
          }
        }
      }
      hash.update(chunk)
      await handle.write(chunk)
    }
    if (refusal) return { ok: false, reason: refusal }
    if (size === 0) return { ok: false, reason: 'empty' }
    mediaType ??= detectImageType(Buffer.concat(head))
    if (mediaType === null) return { ok: false, reason: 'not_image' }
    await handle.sync()
    kept = true
    return { ok: true, file: { path: partPath, mediaType, sizeBytes: size, sha256: hash.digest('hex') } }
  } finally {
    await handle.close()
    if (!kept) await removeFile(partPath)
  }
}

/** Deletes a received file that will not become an upload. */
export async function discardIncoming(file: IncomingFile): Promise<void> {
  await removeFile(file.path)
}

/**
 * Moves a received file to quarantine/<uploadId> and syncs the folder, so that the rename has
 * reached the disk before the row that points at it is written.
 */
export async function quarantineIncoming(file: IncomingFile, dirs: UploadDirs, uploadId: string): Promise<string> {
  const target = quarantinePath(dirs, uploadId)
  await rename(file.path, target)
  await syncDirectory(dirs.quarantine)
  return target
}

/** Deletes an upload's file whose row could not be written. */
export async function discardQuarantined(dirs: UploadDirs, uploadId: string): Promise<void> {
  await removeFile(quarantinePath(dirs, uploadId))
}

async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory to sync it; NTFS journals the rename itself.
  if (process.platform === 'win32') return
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT'
}

/** true when the file was there and is now gone. */
async function removeFile(file: string): Promise<boolean> {
  try {
    await unlink(file)
    return true
  } catch (error) {
    if (isMissing(error)) return false
    throw error
  }
}

async function filesIn(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true })
    return entries.filter((entry) => entry.isFile()).map((entry) => entry.name)
  } catch (error) {
    if (isMissing(error)) return []
    throw error
  }
}

async function isOlderThan(file: string, cutoff: number): Promise<boolean> {
  try {
    return (await stat(file)).mtimeMs < cutoff
  } catch (error) {
    if (isMissing(error)) return false
    throw error
  }
}

function batches<T>(items: readonly T[]): T[][] {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += BATCH) result.push(items.slice(start, start + BATCH))
  return result
}

// Rows go before files, and only files whose rows this call deleted: a photo a report took in the
// meantime is never touched. Were a transaction to roll back after its files were deleted, rows
// would come back without their photos, so these run on the database handle only.
function refuseTransaction(db: Kysely<Database>, name: string): void {
  if (db.isTransaction) throw new Error(`${name} deletes files and cannot be undone: call it outside a transaction`)
}

/**
 * Removes unattached uploads expired at `now` with their files, then stray files older than an
 * hour: incoming/*.part left by an interrupted upload, and quarantine files without a row (a crash
 * between the rename and the insert). Returns how many uploads and stray files were removed.
 */
export async function purgeExpiredUploads(db: Kysely<Database>, uploadsDir: string, now: number): Promise<number> {
  refuseTransaction(db, 'purgeExpiredUploads')
  const dirs = uploadDirs(uploadsDir)
  const expired = await deleteExpiredUploads(db, now)
  for (const id of expired) await removeFile(quarantinePath(dirs, id))

  const cutoff = now - STRAY_AGE_MS
  let strays = 0
  for (const name of await filesIn(dirs.incoming)) {
    const file = path.join(dirs.incoming, name)
    if (name.endsWith(PART_SUFFIX) && (await isOlderThan(file, cutoff)) && (await removeFile(file))) strays += 1
  }
  const oldQuarantined: string[] = []
  for (const name of await filesIn(dirs.quarantine)) {
    if (await isOlderThan(path.join(dirs.quarantine, name), cutoff)) oldQuarantined.push(name)
  }
  for (const batch of batches(oldQuarantined)) {
    const known = await existingUploadIds(db, batch.filter(isUploadId))
    for (const name of batch) {
      if (!known.has(name) && (await removeFile(path.join(dirs.quarantine, name)))) strays += 1
    }
  }
  return expired.length + strays
}

/**
 * Removes the evidence of these reports, rows then files; returns how many uploads went. Call it
 * before deleting the reports, outside their transaction; reports deleted first leave their
 * uploads unattached (the foreign key sets tip_id to null), and purgeExpiredUploads removes those.
 */
export async function deleteEvidenceOfTips(db: Kysely<Database>, uploadsDir: string, tipIds: string[]): Promise<number> {
  refuseTransaction(db, 'deleteEvidenceOfTips')
  const dirs = uploadDirs(uploadsDir)
  let removed = 0
  for (const batch of batches(tipIds)) {
    const ids = await deleteUploadsOfTips(db, batch)
    for (const id of ids) await removeFile(quarantinePath(dirs, id))
    removed += ids.length
  }
  return removed
}

export interface Evidence {
  mediaType: EvidenceMediaType
  bytes: Uint8Array
}

const NOT_VIEWABLE = 'evidence_not_viewable'

/**
 * An evidence photo for staff, with its location, camera and text metadata removed; undefined when
 * there is no such upload. Whether the reader may see it (the report's district) is the caller's check.
 */
export async function readEvidence(db: Kysely<Database>, uploadsDir: string, uploadId: string): Promise<Evidence | undefined> {
  if (!isUploadId(uploadId)) return undefined
  const upload = await findUpload(db, uploadId)
  if (!upload) return undefined
  // HEIC keeps Exif (GPS included) in items located by offsets inside the file: dropping it means
  // rewriting the container, which cannot be done reliably without a HEIF library. Serving the
  // original would hand out the reporter's location, so it is refused instead.
  if (upload.mediaType === 'image/heic') {
    throw new AppError(422, NOT_VIEWABLE, '这张证据照片是 HEIC 格式，系统无法可靠地去除其中的拍摄地点等信息，为保护反映人的隐私暂不提供在线查看')
  }
  let bytes: Buffer
  try {
    bytes = await readFile(quarantinePath(uploadDirs(uploadsDir), uploadId))
  } catch (error) {
    // Purged between the lookup and the read.
    if (isMissing(error)) return undefined
    throw error
  }
  if (createHash('sha256').update(bytes).digest('hex') !== upload.sha256) {
    throw new Error(`evidence file of upload ${uploadId} does not match its SHA-256`)
  }
  const cleaned = stripImageMetadata(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), upload.mediaType)
  if (cleaned === null) {
    throw new AppError(422, NOT_VIEWABLE, '这张证据照片的文件结构无法识别，系统无法确认已去除其中的拍摄地点等信息，为保护反映人的隐私暂不提供在线查看')
  }
  return { mediaType: upload.mediaType, bytes: cleaned }
}
