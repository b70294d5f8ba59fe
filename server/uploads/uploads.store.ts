// Evidence photos' bytes. SQLite: files, received into DATA_DIR/uploads/incoming, kept in
// uploads/quarantine/<uploadId> (0600 files in 0700 folders). PostgreSQL: the rows of photo_chunks,
// so that every instance sees every photo. Either way a photo is written as it arrives and read
// back as a stream, never held whole in memory, and removed with its row.
// DATA_DIR/uploads is never inside the served H5 folder (config checks).
import { createHash, randomBytes } from 'node:crypto'
import { chmod, mkdir, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'

import { sql, type Kysely } from 'kysely'

import { createMetadataStripper, type HeaderPatch, ImageFormatError, type ImageSize, type MetadataStripper, stripImageMetadata } from './image-metadata'
import { detectImageType, IMAGE_TYPE_HEAD_BYTES } from './image-type'
import type { EvidenceMediaType } from './uploads.schemas'
import { REPORT_LIMITS } from '../../src/core/tips/report-fields'
import { dialectOf } from '../db/database'
import type { Database } from '../db/schema'
import { AppError } from '../errors'
import { deleteExpiredUploads, deleteUploadsOfTips, existingUploadIds, findUpload } from './uploads.repository'

/** An upload no report has taken within this time is purged. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000
/** Files or pieces with no row (a crash mid-upload) are left this long before they count as strays. */
export const STRAY_AGE_MS = 60 * 60 * 1000
const UPLOAD_ID_BYTES = 24
const PART_SUFFIX = '.part'
// Rows are deleted and looked up in batches that stay far below both databases' parameter limits.
const BATCH = 500
/** The size of one row of photo_chunks: a 10 MB photo is some 40 rows. */
export const PHOTO_CHUNK_BYTES = 256 * 1024
const FILE_MODE = 0o600
const DIR_MODE = 0o700

export interface UploadDirs {
  incoming: string
  quarantine: string
}

export function uploadDirs(uploadsDir: string): UploadDirs {
  return { incoming: path.join(uploadsDir, 'incoming'), quarantine: path.join(uploadsDir, 'quarantine') }
}

/** Creates the folders (and tightens ones made before), readable by the service's user only. */
export async function prepareUploadDirs(uploadsDir: string): Promise<UploadDirs> {
  const dirs = uploadDirs(uploadsDir)
  for (const dir of [uploadsDir, dirs.incoming, dirs.quarantine]) {
    await mkdir(dir, { recursive: true, mode: DIR_MODE })
    // mkdir's mode passes through the umask and leaves existing folders as they were.
    await chmod(dir, DIR_MODE)
  }
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

// --- where the bytes live ---

/** A photo being written; nothing of it counts until commit, and discard leaves nothing behind. */
interface PhotoWriter {
  write(piece: Uint8Array): Promise<void>
  /** Writes over bytes already written (a WebP's RIFF size, known at the end). */
  patch(patch: HeaderPatch): Promise<void>
  /** The bytes written, read back (to hash a patched file). */
  readBack(): AsyncIterable<Uint8Array>
  /** Makes the photo durable under its upload id, before its row is written. */
  commit(): Promise<void>
  discard(): Promise<void>
}

interface PhotoStore {
  create(uploadId: string): Promise<PhotoWriter>
  /** The photo's bytes in order, or undefined when there is none. */
  open(uploadId: string): Promise<AsyncIterable<Uint8Array> | undefined>
  remove(uploadIds: readonly string[]): Promise<void>
  /** Removes bytes without a row, left by a crash before `cutoff`; how many photos' worth went. */
  removeStrays(cutoff: number): Promise<number>
}

/** The photo store of this database: files beside SQLite, photo_chunks on PostgreSQL. */
function photoStore(db: Kysely<Database>, uploadsDir: string): PhotoStore {
  return dialectOf(db) === 'postgres' ? new ChunkStore(db) : new FileStore(db, uploadDirs(uploadsDir))
}

class FileStore implements PhotoStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dirs: UploadDirs,
  ) {}

  async create(uploadId: string): Promise<PhotoWriter> {
    const target = quarantinePath(this.dirs, uploadId)
    const partPath = path.join(this.dirs.incoming, `${randomBytes(16).toString('hex')}${PART_SUFFIX}`)
    const handle = await open(partPath, 'wx', FILE_MODE)
    let closed = false
    let committed = false
    const close = async () => {
      if (closed) return
      closed = true
      await handle.close()
    }
    return {
      write: async (piece) => {
        await handle.write(piece)
      },
      patch: async ({ offset, bytes }) => {
        await handle.write(bytes, 0, bytes.length, offset)
      },
      readBack: () => fileBytes(partPath),
      // The rename reaches the disk (the folder is synced) before the row that points at it is written.
      commit: async () => {
        await handle.sync()
        await close()
        await rename(partPath, target)
        committed = true
        await syncDirectory(this.dirs.quarantine)
      },
      discard: async () => {
        await close()
        await removeFile(committed ? target : partPath)
      },
    }
  }

  async open(uploadId: string): Promise<AsyncIterable<Uint8Array> | undefined> {
    let handle: FileHandle
    try {
      handle = await open(quarantinePath(this.dirs, uploadId), 'r')
    } catch (error) {
      // Purged between the lookup and the read.
      if (isMissing(error)) return undefined
      throw error
    }
    return handle.createReadStream({ highWaterMark: 64 * 1024 })
  }

  async remove(uploadIds: readonly string[]): Promise<void> {
    for (const id of uploadIds) await removeFile(quarantinePath(this.dirs, id))
  }

  // incoming/*.part left by an interrupted upload, and quarantine files without a row (a crash
  // between the rename and the insert).
  async removeStrays(cutoff: number): Promise<number> {
    let strays = 0
    for (const name of await filesIn(this.dirs.incoming)) {
      const file = path.join(this.dirs.incoming, name)
      if (name.endsWith(PART_SUFFIX) && (await isOlderThan(file, cutoff)) && (await removeFile(file))) strays += 1
    }
    const oldQuarantined: string[] = []
    for (const name of await filesIn(this.dirs.quarantine)) {
      if (await isOlderThan(path.join(this.dirs.quarantine, name), cutoff)) oldQuarantined.push(name)
    }
    for (const batch of batches(oldQuarantined)) {
      const known = await existingUploadIds(this.db, batch.filter(isUploadId))
      for (const name of batch) {
        if (!known.has(name) && (await removeFile(path.join(this.dirs.quarantine, name)))) strays += 1
      }
    }
    return strays
  }
}

async function* fileBytes(file: string): AsyncIterable<Uint8Array> {
  const handle = await open(file, 'r')
  try {
    yield* handle.createReadStream({ highWaterMark: 64 * 1024, autoClose: false }) as AsyncIterable<Buffer>
  } finally {
    await handle.close()
  }
}

class ChunkStore implements PhotoStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(uploadId: string): Promise<PhotoWriter> {
    const db = this.db
    let pending: Uint8Array[] = []
    let pendingBytes = 0
    let seq = 0
    const createdAt = Date.now()
    const flush = async () => {
      if (pendingBytes === 0) return
      const data = Buffer.concat(pending)
      pending = []
      pendingBytes = 0
      await db.insertInto('photo_chunks').values({ upload_id: uploadId, seq, data, created_at: createdAt }).execute()
      seq += 1
    }
    return {
      write: async (piece) => {
        // Copied: the parser may reuse its buffers.
        pending.push(Buffer.from(piece))
        pendingBytes += piece.length
        while (pendingBytes >= PHOTO_CHUNK_BYTES) {
          const joined = Buffer.concat(pending)
          pending = [joined.subarray(PHOTO_CHUNK_BYTES)]
          pendingBytes = joined.length - PHOTO_CHUNK_BYTES
          const data = joined.subarray(0, PHOTO_CHUNK_BYTES)
          await db.insertInto('photo_chunks').values({ upload_id: uploadId, seq, data, created_at: createdAt }).execute()
          seq += 1
        }
      },
      patch: async ({ offset, bytes }) => {
        // Only ever the first bytes of the photo, inside the first row (or still pending).
        if (seq === 0) {
          const joined = Buffer.concat(pending)
          Buffer.from(bytes).copy(joined, offset)
          pending = [joined]
          return
        }
        await sql`update photo_chunks set data = overlay(data placing ${Buffer.from(bytes)} from ${offset + 1}) where upload_id = ${uploadId} and seq = 0`.execute(db)
      },
      readBack: () => chunksOf(db, uploadId, [...pending]),
      commit: flush,
      discard: async () => {
        pending = []
        pendingBytes = 0
        await db.deleteFrom('photo_chunks').where('upload_id', '=', uploadId).execute()
      },
    }
  }

  async open(uploadId: string): Promise<AsyncIterable<Uint8Array> | undefined> {
    const first = await this.db.selectFrom('photo_chunks').select('seq').where('upload_id', '=', uploadId).where('seq', '=', 0).executeTakeFirst()
    return first ? chunksOf(this.db, uploadId) : undefined
  }

  async remove(uploadIds: readonly string[]): Promise<void> {
    for (const batch of batches(uploadIds)) await this.db.deleteFrom('photo_chunks').where('upload_id', 'in', batch).execute()
  }

  async removeStrays(cutoff: number): Promise<number> {
    const rows = await this.db
      .deleteFrom('photo_chunks')
      .where('created_at', '<', cutoff)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('uploads').select('uploads.id').whereRef('uploads.id', '=', 'photo_chunks.upload_id'))))
      .returning('upload_id')
      .execute()
    return new Set(rows.map((row) => row.upload_id)).size
  }
}

/** A photo's rows one at a time, in order; then whatever is not written yet. */
async function* chunksOf(db: Kysely<Database>, uploadId: string, pending: Uint8Array[] = []): AsyncIterable<Uint8Array> {
  for (let seq = 0; ; seq += 1) {
    const row = await db.selectFrom('photo_chunks').select('data').where('upload_id', '=', uploadId).where('seq', '=', seq).executeTakeFirst()
    if (!row) break
    yield row.data
  }
  yield* pending
}

// --- receiving ---

/** What a photo may be: bytes as sent, bytes left in the sender's budget and the quota, picture size. */
export interface PhotoLimits {
  maxBytes: number
  /** The bytes still allowed (budget, quota); past it the upload is refused as `over_allowance`. */
  allowanceBytes: number
  maxSide: number
  maxPixels: number
}

/** A photo received completely, cleaned of its metadata, durable under its upload id, without a row yet. */
export interface ReceivedPhoto {
  uploadId: string
  mediaType: EvidenceMediaType
  /** Bytes as stored (cleaned). */
  sizeBytes: number
  sha256: string
  metadataStripped: boolean
}

export type ReceiveRefusal =
  | { reason: 'empty' | 'too_large' | 'not_image' | 'malformed' | 'over_allowance' }
  | { reason: 'too_many_pixels'; size: ImageSize }

export type ReceiveResult = { ok: true; photo: ReceivedPhoto } | ({ ok: false } & ReceiveRefusal)

function tooManyPixels(size: ImageSize, limits: PhotoLimits): boolean {
  return size.width > limits.maxSide || size.height > limits.maxSide || size.width * size.height > limits.maxPixels
}

/**
 * Streams `source` into the store under a new upload id, cleaning it as it goes and hashing what
 * is stored. Past a limit, when the first bytes are not an accepted image, or once the header
 * declares a picture too large, writing stops, what was written is removed and the rest of the
 * source is drained (the multipart parser must read the request to its end).
 */
export async function receivePhoto(db: Kysely<Database>, uploadsDir: string, source: AsyncIterable<Uint8Array>, limits: PhotoLimits): Promise<ReceiveResult> {
  const uploadId = newUploadId()
  const writer = await photoStore(db, uploadsDir).create(uploadId)
  let kept = false
  try {
    const hash = createHash('sha256')
    const head: Uint8Array[] = []
    let headLength = 0
    let received = 0
    let stored = 0
    let stripper: MetadataStripper | undefined
    let mediaType: EvidenceMediaType | undefined
    let refusal: ReceiveRefusal | undefined
    const store = async (pieces: Uint8Array[]) => {
      for (const piece of pieces) {
        hash.update(piece)
        stored += piece.length
        await writer.write(piece)
      }
    }
    const feed = async (piece: Uint8Array): Promise<ReceiveRefusal | undefined> => {
      try {
        await store(stripper!.push(piece))
      } catch (error) {
        if (error instanceof ImageFormatError) return { reason: 'malformed' }
        throw error
      }
      const size = stripper!.size
      return size && tooManyPixels(size, limits) ? { reason: 'too_many_pixels', size } : undefined
    }
    for await (const chunk of source) {
      if (refusal) continue
      received += chunk.length
      if (received > limits.maxBytes) refusal = { reason: 'too_large' }
      else if (received > limits.allowanceBytes) refusal = { reason: 'over_allowance' }
      else if (stripper) refusal = await feed(chunk)
      else {
        head.push(chunk)
        headLength += chunk.length
        if (headLength < IMAGE_TYPE_HEAD_BYTES) continue
        const detected = detectImageType(Buffer.concat(head).subarray(0, IMAGE_TYPE_HEAD_BYTES))
        if (detected === null) refusal = { reason: 'not_image' }
        else {
          mediaType = detected
          stripper = createMetadataStripper(detected)
          refusal = await feed(Buffer.concat(head))
        }
      }
    }
    if (refusal) return { ok: false, ...refusal }
    if (received === 0) return { ok: false, reason: 'empty' }
    if (!stripper) {
      // A file shorter than the detection window.
      const detected = detectImageType(Buffer.concat(head))
      if (detected === null) return { ok: false, reason: 'not_image' }
      mediaType = detected
      stripper = createMetadataStripper(detected)
      const short = await feed(Buffer.concat(head))
      if (short) return { ok: false, ...short }
    }
    let sha256: string
    try {
      const end = stripper.end()
      await store(end.pieces)
      if (end.patch) await writer.patch(end.patch)
      if (end.patch) sha256 = await sha256Of(writer.readBack())
      else sha256 = hash.digest('hex')
    } catch (error) {
      if (error instanceof ImageFormatError) return { ok: false, reason: 'malformed' }
      throw error
    }
    const size = stripper.size
    if (size && tooManyPixels(size, limits)) return { ok: false, reason: 'too_many_pixels', size }
    await writer.commit()
    kept = true
    return { ok: true, photo: { uploadId, mediaType: mediaType!, sizeBytes: stored, sha256, metadataStripped: stripper.strips } }
  } finally {
    if (!kept) await writer.discard()
  }
}

async function sha256Of(source: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256')
  for await (const piece of source) hash.update(piece)
  return hash.digest('hex')
}

/** Deletes a received photo whose row could not be written. */
export async function discardPhoto(db: Kysely<Database>, uploadsDir: string, uploadId: string): Promise<void> {
  await photoStore(db, uploadsDir).remove([uploadId])
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

// Rows go before bytes, and only the bytes of rows this call deleted: a photo a report took in the
// meantime is never touched. Were a transaction to roll back after its files were deleted, rows
// would come back without their photos, so these run on the database handle only.
function refuseTransaction(db: Kysely<Database>, name: string): void {
  if (db.isTransaction) throw new Error(`${name} deletes files and cannot be undone: call it outside a transaction`)
}

/**
 * Removes unattached uploads expired at `now` with their bytes, then strays older than an hour
 * (bytes of an upload interrupted or crashed before its row was written). Returns how many
 * uploads and strays were removed.
 */
export async function purgeExpiredUploads(db: Kysely<Database>, uploadsDir: string, now: number): Promise<number> {
  refuseTransaction(db, 'purgeExpiredUploads')
  const store = photoStore(db, uploadsDir)
  const expired = await deleteExpiredUploads(db, now)
  await store.remove(expired)
  return expired.length + (await store.removeStrays(now - STRAY_AGE_MS))
}

/**
 * Removes the evidence of these reports, rows then bytes; returns how many uploads went. Call it
 * before deleting the reports, outside their transaction; reports deleted first leave their
 * uploads unattached (the foreign key sets tip_id to null), and purgeExpiredUploads removes those.
 */
export async function deleteEvidenceOfTips(db: Kysely<Database>, uploadsDir: string, tipIds: string[]): Promise<number> {
  refuseTransaction(db, 'deleteEvidenceOfTips')
  const store = photoStore(db, uploadsDir)
  let removed = 0
  for (const batch of batches(tipIds)) {
    const ids = await deleteUploadsOfTips(db, batch)
    await store.remove(ids)
    removed += ids.length
  }
  return removed
}

/**
 * PostgreSQL: photos stored as files under DATA_DIR/uploads before photos moved into the database
 * (0019) are copied into photo_chunks, streamed, and their files removed; files without a row that
 * are older than an hour go as strays. Returns how many photos were moved. Runs at start; a photo
 * already in the database (another instance moved it) is left as it is.
 */
export async function moveLocalPhotosIntoDatabase(db: Kysely<Database>, uploadsDir: string): Promise<number> {
  if (dialectOf(db) !== 'postgres') return 0
  const dirs = uploadDirs(uploadsDir)
  const names = (await filesIn(dirs.quarantine)).filter(isUploadId)
  const store = new ChunkStore(db)
  let moved = 0
  for (const batch of batches(names)) {
    const known = await existingUploadIds(db, batch)
    for (const name of batch) {
      const file = path.join(dirs.quarantine, name)
      if (!known.has(name)) {
        if (await isOlderThan(file, Date.now() - STRAY_AGE_MS)) await removeFile(file)
        continue
      }
      if (!(await store.open(name))) {
        const writer = await store.create(name)
        try {
          for await (const piece of fileBytes(file)) await writer.write(piece)
          await writer.commit()
        } catch (error) {
          await writer.discard()
          throw error
        }
        moved += 1
      }
      await removeFile(file)
    }
  }
  return moved
}

export interface Evidence {
  mediaType: EvidenceMediaType
  /** The photo's bytes, read as they are sent; fails at its end if they are not the bytes stored. */
  body: Readable
}

const NOT_VIEWABLE = 'evidence_not_viewable'

async function* checked(source: AsyncIterable<Uint8Array>, sha256: string, uploadId: string): AsyncIterable<Uint8Array> {
  const hash = createHash('sha256')
  for await (const piece of source) {
    hash.update(piece)
    yield piece
  }
  if (hash.digest('hex') !== sha256) throw new Error(`evidence bytes of upload ${uploadId} do not match their SHA-256`)
}

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
  const source = await photoStore(db, uploadsDir).open(uploadId)
  if (!source) return undefined
  const bytes = checked(source, upload.sha256, uploadId)
  // Cleaned as it arrived: sent as stored, a piece at a time.
  if (upload.metadataStripped) return { mediaType: upload.mediaType, body: Readable.from(bytes, { objectMode: false }) }
  // Stored before photos were cleaned on arrival (at most 10 MB): read whole and cleaned now.
  const pieces: Uint8Array[] = []
  for await (const piece of bytes) pieces.push(piece)
  const cleaned = stripImageMetadata(Buffer.concat(pieces), upload.mediaType)
  if (cleaned === null) {
    throw new AppError(422, NOT_VIEWABLE, '这张证据照片的文件结构无法识别，系统无法确认已去除其中的拍摄地点等信息，为保护反映人的隐私暂不提供在线查看')
  }
  return { mediaType: upload.mediaType, body: Readable.from([Buffer.from(cleaned)], { objectMode: false }) }
}
