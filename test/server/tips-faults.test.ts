// A report is acknowledged (201) only once it is durably committed: the server is killed with
// SIGKILL while reports stream in, then restarted on the same data. Every acknowledged report is
// there exactly once, every key replays its one answer, and nothing is half-stored.
import type { Kysely } from 'kysely'

import type { Config } from '../../server/config'
import { openDatabase } from '../../server/db/database'
import type { Database } from '../../server/db/schema'
import { decryptField } from '../../server/privacy/field-crypto'
import { postJson, serverEnvironment, startServerProcess, type HttpAnswer } from './server-process'
import { storages, useStorage } from './storage'

jest.setTimeout(120_000)

const SENDERS = 12
const ACKNOWLEDGED_BEFORE_KILL = 60
const REPLAY_CONCURRENCY = 8
const KILL_DELAY_MS = 2

interface Attempt {
  key: string
  body: Record<string, unknown>
  /** The answer, when one fully arrived; undefined when the connection died first. */
  answer?: HttpAnswer
}

function reportBody(sender: number, sequence: number): Record<string, unknown> {
  const common = {
    employer: { name: `故障测试建筑劳务有限公司${sender}`, uscc: '91440300708461136T' },
    districtCode: '440106',
    workAddress: '天河区天河路385号工地',
    isConstruction: true,
    constructionProject: '天河北综合楼',
    workersOwed: sequence + 1,
    amountYuan: `${1000 + sequence}.50`,
    owedPeriod: { from: '2025-09', to: '2025-12' },
    description: `第${sender}组第${sequence}份：工程完工后老板一直拖着不发工资。`,
    truthful: true,
  }
  if (sequence % 3 === 2) return { ...common, kind: 'tip', reporter: null }
  return { ...common, kind: 'complaint', reporter: { name: '王大锤', mobile: '13900139000' }, consentSensitive: true }
}

async function withDatabase<T>(config: Config, use: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const database = openDatabase(config)
  try {
    return await use(database.db)
  } finally {
    await database.close()
  }
}

interface StoredState {
  tipCodes: string[]
  keys: Map<string, { status: string; responseStatus: number | null; responseBody: string | null }>
}

async function readStoredState(config: Config): Promise<StoredState> {
  return withDatabase(config, async (db) => {
    const tips = await db.selectFrom('tips').select('tracking_code').execute()
    const keys = await db.selectFrom('idempotency_keys').select(['key', 'status', 'response_status', 'response_body']).execute()
    // The stored answer is encrypted (an anonymous report's access key is in it), bound to its key.
    const answerOf = (key: string, stored: string | null) =>
      stored === null ? null : decryptField(config.fieldKeys, stored, { table: 'idempotency_keys', rowId: key, column: 'response_body' })
    return {
      tipCodes: tips.map((tip) => tip.tracking_code),
      keys: new Map(keys.map((row) => [row.key, { status: row.status, responseStatus: row.response_status, responseBody: answerOf(row.key, row.response_body) }])),
    }
  })
}

function trackingCodeOf(body: string): string {
  return (JSON.parse(body) as { trackingCode: string }).trackingCode
}

/** Every stored key holds a finished answer, and the answers and the reports match one to one. */
function expectConsistent(state: StoredState): void {
  const unfinished = [...state.keys.values()].filter((key) => key.status !== 'done' || key.responseStatus !== 201 || key.responseBody === null)
  expect(unfinished).toEqual([])
  const answeredCodes = [...state.keys.values()].map((key) => trackingCodeOf(key.responseBody!))
  expect(new Set(state.tipCodes).size).toBe(state.tipCodes.length)
  expect([...answeredCodes].sort()).toEqual([...state.tipCodes].sort())
}

describe.each(storages())('POST /api/v1/tips across kill -9 on $name', (storage) => {
  const { config } = useStorage(storage)

  it('keeps every acknowledged report exactly once and replays every key after a restart', async () => {
    // Loud logs would only slow the stream down; warnings still show what went wrong.
    const env = serverEnvironment(config(), { RATE_LIMITS: 'false', LOG_LEVEL: 'warn' })
    const first = await startServerProcess(env)

    const attempts: Attempt[] = []
    let acknowledged = 0
    let killScheduled = false
    let killed = false
    const send = async (sender: number) => {
      for (let sequence = 0; !killed; sequence += 1) {
        const attempt: Attempt = { key: `fault-${storage.dialect}-${sender}-${sequence}-${Date.now()}`, body: reportBody(sender, sequence) }
        attempts.push(attempt)
        try {
          attempt.answer = await postJson(`${first.url}api/v1/tips`, attempt.body, { 'idempotency-key': attempt.key })
        } catch {
          continue
        }
        if (attempt.answer.status === 201) acknowledged += 1
        if (acknowledged >= ACKNOWLEDGED_BEFORE_KILL && !killScheduled) {
          // A moment later, with every sender's request somewhere on its way: some not yet read,
          // some mid-transaction, some committed (on PostgreSQL, a COMMIT in flight completes).
          killScheduled = true
          setTimeout(() => {
            killed = true
            first.kill('SIGKILL')
          }, KILL_DELAY_MS)
        }
      }
    }
    await Promise.all(Array.from({ length: SENDERS }, (_, sender) => send(sender)))
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' })

    const answered = attempts.filter((attempt) => attempt.answer !== undefined)
    const unanswered = attempts.filter((attempt) => attempt.answer === undefined)
    // Every answer that arrived was an acknowledgement (distinct keys, valid reports, no limits).
    expect(answered.map((attempt) => attempt.answer!.status)).toEqual(answered.map(() => 201))
    expect(answered.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL)
    // The kill came while requests were in flight, or this test would prove less than it claims.
    expect(unanswered.length).toBeGreaterThan(0)

    // Straight from the database, before the server touches it again.
    const afterCrash = await readStoredState(config())
    expectConsistent(afterCrash)
    const codeCounts = new Map<string, number>()
    for (const code of afterCrash.tipCodes) codeCounts.set(code, (codeCounts.get(code) ?? 0) + 1)
    for (const attempt of answered) {
      expect(codeCounts.get(trackingCodeOf(attempt.answer!.body))).toBe(1)
      expect(JSON.parse(afterCrash.keys.get(attempt.key)!.responseBody!)).toEqual(JSON.parse(attempt.answer!.body))
    }
    // Whatever is stored came from this test's attempts: nothing else, nothing twice.
    const attemptedKeys = new Set(attempts.map((attempt) => attempt.key))
    expect([...afterCrash.keys.keys()].filter((key) => !attemptedKeys.has(key))).toEqual([])

    const second = await startServerProcess(env)
    try {
      const queue = [...attempts]
      const replays = new Map<string, HttpAnswer>()
      await Promise.all(
        Array.from({ length: REPLAY_CONCURRENCY }, async () => {
          for (let attempt = queue.shift(); attempt !== undefined; attempt = queue.shift()) {
            replays.set(attempt.key, await postJson(`${second.url}api/v1/tips`, attempt.body, { 'idempotency-key': attempt.key }))
          }
        }),
      )
      for (const attempt of attempts) {
        const replay = replays.get(attempt.key)!
        expect(replay.status).toBe(201)
        const storedAnswer = afterCrash.keys.get(attempt.key)?.responseBody
        // Acknowledged: the same bytes again. Committed with its answer lost on the way: the stored answer.
        if (attempt.answer !== undefined) expect(replay.body).toBe(attempt.answer.body)
        if (typeof storedAnswer === 'string') expect(JSON.parse(replay.body)).toEqual(JSON.parse(storedAnswer))
      }
    } finally {
      second.kill('SIGTERM')
    }
    expect(await second.exited).toEqual({ code: 0, signal: null })

    // Each attempt is now stored exactly once: those lost in the crash were taken on replay.
    const afterReplay = await readStoredState(config())
    expectConsistent(afterReplay)
    expect(afterReplay.tipCodes).toHaveLength(attempts.length)
    expect(new Set(afterReplay.keys.keys())).toEqual(attemptedKeys)
    for (const [key, stored] of afterCrash.keys) expect(afterReplay.keys.get(key)).toEqual(stored)
  })
})
