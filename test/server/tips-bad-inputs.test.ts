// Thousands of generated bad submissions (test/server/bad-tips.ts): every one gets a 4xx in the
// one error shape with a Chinese message naming what is wrong, none a 5xx, and nothing is stored.
// The same for evidence uploads: no row, no file left behind.
// The seed is random per run and printed on failure; TIPS_BAD_INPUT_SEED=<seed> repeats a run.
import { randomInt } from 'node:crypto'
import { readdirSync } from 'node:fs'
import path from 'node:path'

import type { InjectOptions, LightMyRequestResponse } from 'fastify'

import { loadSampleContentIfEmpty } from '../../server/ingest/sample'
import { generateBadCases, generateBadUploads, generateValidReports, type BadCase } from './bad-tips'
import { storages, useApp } from './storage'

jest.setTimeout(240_000)

const SEED = process.env.TIPS_BAD_INPUT_SEED ? Number(process.env.TIPS_BAD_INPUT_SEED) : randomInt(2 ** 31)
const CASES = 3000
// The same code judges the input on PostgreSQL: a sample shows the database changes nothing, in a
// fifth of the time the whole set would take.
const POSTGRES_SAMPLE_EVERY = 6
const UPLOADS = 300
const VALID_REPORTS = 12
const CHINESE = /[\u4e00-\u9fff]/
const ERROR_CODE = /^[a-z_]+$/
const URL = '/api/v1/tips'

let keyCounter = 0
function newKey(): string {
  keyCounter += 1
  return `bad-input-${SEED}-${keyCounter}`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

interface ErrorAnswer {
  status: number
  code: string
  fields: Record<string, unknown> | undefined
}

/** The answer as the one error shape of a 4xx, or what is wrong with it. */
function readErrorAnswer(response: LightMyRequestResponse): ErrorAnswer | string {
  const status = response.statusCode
  if (status < 400 || status >= 500) return `answered ${status}: ${response.body.slice(0, 200)}`
  if (!String(response.headers['content-type']).startsWith('application/json')) return `answered ${status} as ${response.headers['content-type']}`
  let answer: unknown
  try {
    answer = JSON.parse(response.body)
  } catch {
    return `answered ${status} with something that is not JSON: ${response.body.slice(0, 200)}`
  }
  if (!isRecord(answer) || Object.keys(answer).join() !== 'error' || !isRecord(answer.error)) return `not the error shape: ${response.body.slice(0, 200)}`
  const { code, message, fields, ...rest } = answer.error
  if (Object.keys(rest).length > 0) return `unexpected keys in the error: ${Object.keys(rest).join(', ')}`
  if (typeof code !== 'string' || !ERROR_CODE.test(code)) return `bad error code ${JSON.stringify(code)}`
  if (typeof message !== 'string' || !CHINESE.test(message)) return `message not in Chinese: ${JSON.stringify(message)}`
  if (fields !== undefined && (!isRecord(fields) || Object.values(fields).some((text) => typeof text !== 'string' || !CHINESE.test(text)))) {
    return `fields not path → Chinese message: ${JSON.stringify(fields).slice(0, 200)}`
  }
  return { status, code, fields }
}

/** What is wrong with the answer to a bad case, or undefined when it is right. */
function problemWith(badCase: BadCase, response: LightMyRequestResponse): string | undefined {
  const answer = readErrorAnswer(response)
  if (typeof answer === 'string') return answer
  const { status, code, fields } = answer
  if (badCase.code !== undefined && code !== badCase.code) return `code ${code} (${status}), expected ${badCase.code}`
  if (badCase.fields !== undefined) {
    if (status !== 400 || code !== 'validation_failed') return `answered ${status} ${code}, expected 400 validation_failed naming ${badCase.fields.join(', ')}`
    const named = Object.keys(fields ?? {})
    const unnamed = badCase.fields.filter((path) => !named.includes(path))
    const unexpected = named.filter((path) => !badCase.fields!.includes(path) && !badCase.mayAlsoName?.(path))
    if (unnamed.length > 0 || unexpected.length > 0) return `named ${JSON.stringify(named)}, expected ${JSON.stringify(badCase.fields)}`
  }
  const repeated = badCase.secrets.find((secret) => response.body.includes(secret))
  if (repeated !== undefined) return 'the answer repeats personal data from the request'
  return undefined
}

function request(badCase: BadCase): InjectOptions {
  return { method: 'POST', url: URL, headers: badCase.headers, payload: badCase.payload }
}

describe.each(storages())('POST /api/v1/tips with generated bad input on $name', (storage) => {
  const { app, config } = useApp(storage, { RATE_LIMITS: 'false' })

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
  })

  async function storedCounts(): Promise<{ tips: number; keys: number }> {
    const tips = await app().db.selectFrom('tips').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()
    const keys = await app().db.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()
    return { tips: Number(tips.count), keys: Number(keys.count) }
  }

  it('answers each generated bad submission with a 4xx naming the problem in Chinese, storing nothing', async () => {
    const all = generateBadCases(SEED, CASES, { today: new Date(), newKey })
    const cases = storage.dialect === 'sqlite' ? all : all.filter((_, index) => index % POSTGRES_SAMPLE_EVERY === 0)
    const failures: string[] = []
    for (const [index, badCase] of cases.entries()) {
      const problem = problemWith(badCase, await app().inject(request(badCase)))
      if (problem !== undefined) failures.push(`#${index} ${badCase.label.slice(0, 160)}: ${problem}`)
    }
    if (failures.length > 0) {
      throw new Error(
        `seed ${SEED} (repeat with TIPS_BAD_INPUT_SEED=${SEED}): ${failures.length} of ${cases.length} answers were wrong:\n` +
          failures.slice(0, 40).join('\n'),
      )
    }
    expect(await storedCounts()).toEqual({ tips: 0, keys: 0 })
  })

  it.each([100, 3000, 20_000, 100_000])('answers a 4xx, never a 5xx, to JSON nested %i deep', async (depth) => {
    for (const [open, close] of [
      ['[', ']'],
      ['{"kind":', '}'],
    ]) {
      const payload = `${open.repeat(depth)}1${close.repeat(depth)}`
      const response = await app().inject({ method: 'POST', url: URL, headers: { 'content-type': 'application/json', 'idempotency-key': newKey() }, payload })
      expect(response.statusCode).toBeGreaterThanOrEqual(400)
      expect(response.statusCode).toBeLessThan(500)
      expect(response.json().error.message).toMatch(CHINESE)
    }
    expect(await storedCounts()).toEqual({ tips: 0, keys: 0 })
  })

  it('refuses each generated bad evidence upload with a 4xx in Chinese, keeping nothing', async () => {
    const uploads = generateBadUploads(SEED, storage.dialect === 'sqlite' ? UPLOADS : UPLOADS / POSTGRES_SAMPLE_EVERY)
    const failures: string[] = []
    for (const [index, upload] of uploads.entries()) {
      const response = await app().inject({ method: 'POST', url: '/api/v1/uploads', headers: upload.headers, payload: upload.payload })
      const answer = readErrorAnswer(response)
      const problem = typeof answer === 'string' ? answer : upload.code !== undefined && answer.code !== upload.code ? `code ${answer.code} (${answer.status}), expected ${upload.code}` : undefined
      if (problem !== undefined) failures.push(`#${index} ${upload.label}: ${problem}`)
    }
    if (failures.length > 0) {
      throw new Error(`seed ${SEED} (repeat with TIPS_BAD_INPUT_SEED=${SEED}): ${failures.length} of ${uploads.length} answers were wrong:\n${failures.slice(0, 40).join('\n')}`)
    }
    const stored = await app().db.selectFrom('uploads').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()
    expect(Number(stored.count)).toBe(0)
    // Nothing received is left either: not half-written, not quarantined (files beside SQLite, photo_chunks on PostgreSQL).
    if (storage.dialect === 'sqlite') for (const folder of ['incoming', 'quarantine']) expect(readdirSync(path.join(config().uploadsDir, folder))).toEqual([])
    else expect(await app().db.selectFrom('photo_chunks').select('upload_id').execute()).toEqual([])
  })

  it('accepts the valid reports the bad ones were made from', async () => {
    // Proves the rejections above came from what each case broke, not from its starting point.
    for (const body of generateValidReports(SEED, VALID_REPORTS, new Date())) {
      const response = await app().inject({ method: 'POST', url: URL, headers: { 'content-type': 'application/json', 'idempotency-key': newKey() }, payload: body })
      expect(response.statusCode).toBe(201)
    }
    expect(await storedCounts()).toEqual({ tips: VALID_REPORTS, keys: VALID_REPORTS })
  })
})
