// Two `pufa serve` instances behind nginx on one PostgreSQL database and Redis, as a city runs
// them: started together on a fresh database; a stream of reports, photos and contest answers
// during which one instance is killed with -9, then (on a PostgreSQL of the test's own) the
// database stopped for 20 seconds. Nothing acknowledged may be lost or doubled.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { Client } from 'pg'

import { complaintPayload } from '../support/report-fixtures'
import { totpAt } from '../../server/staff-auth/totp'
import { runCli, STAFF_PASSWORD } from '../server/staff-helpers'
import {
  deliver,
  freshDatabase,
  phoneAddresses,
  request,
  sharedEnvironment,
  sleep,
  staffToken,
  startInstance,
  startNginx,
  startOwnPostgres,
  stopInstance,
  TEST_PG_URL,
  uploadPhoto,
  type Answer,
  type Instance,
  type Nginx,
  type OwnPostgres,
} from './cluster-support'

const PHONES = 16
const REPORTS_PER_PHONE = 8
const CONTESTANTS = 8
const QUESTIONS = 10
const DATABASE_UNAVAILABLE = { error: { code: 'database_unavailable', message: expect.any(String) } }

/** One simulated phone's report, with the key its outbox made for it once. */
interface Outgoing {
  key: string
  body: Record<string, unknown>
}

function reportOf(phone: number, ordinal: number): Outgoing {
  const body = complaintPayload({ reporter: { name: '集群测试', mobile: `139${String(phone * 100 + ordinal).padStart(8, '0')}` }, workersOwed: 1 + ordinal })
  return { key: randomUUID(), body: { ...body, consentSensitive: false } }
}

function sendReport(baseUrl: string, address: string, report: Outgoing): Promise<Answer> {
  return request(`${baseUrl}/api/v1/tips`, { method: 'POST', headers: { 'idempotency-key': report.key, 'x-forwarded-for': address }, json: report.body })
}

/** The tracking codes of acknowledged reports must each be there once, and nothing else may have been added. */
async function storedTrackingCodes(databaseUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ tracking_code: string }>('SELECT tracking_code FROM tips')
    return rows.map((row) => row.tracking_code)
  } finally {
    await client.end()
  }
}

async function query<T extends Record<string, unknown>>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end()
  }
}

/** A supervisor's account, enrolled through `baseUrl`: its session cookie. */
async function staffSession(env: Record<string, string>, dataDir: string, baseUrl: string): Promise<string> {
  const created = await runCli(['staff', 'create', '--name', '集群测试督导', '--login', 'cluster', '--role', 'supervisor'], { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' })
  const code = /注册码：([A-Z2-7-]+)/.exec(created.stdout)?.[1]
  if (created.code !== 0 || code === undefined) throw new Error(`pufa staff create failed: ${created.stderr}`)
  const { secret } = (await request(`${baseUrl}/api/v1/staff/enrolment/${code}`)).json<{ secret: string }>()
  const enrolled = await request(`${baseUrl}/api/v1/staff/enrolment/${code}`, {
    method: 'POST',
    headers: { origin: baseUrl },
    json: { password: STAFF_PASSWORD, code: totpAt(secret, Date.now()) },
  })
  const cookie = /pufa_staff=([^;]+)/.exec(enrolled.headers.get('set-cookie') ?? '')?.[1]
  if (enrolled.status !== 200 || cookie === undefined) throw new Error(`enrolment answered ${enrolled.status}: ${enrolled.body}`)
  return cookie
}

interface Stream {
  /** Tracking code per acknowledged report key. */
  acknowledged: Map<string, string>
  photos: string[]
  answers: { attemptId: string; questionId: string }[]
  refusals: Answer[]
  failures: string[]
}

/** A contest open now that takes answers as fast as they come, created with the staff API. */
async function openContest(baseUrl: string, token: string): Promise<string> {
  const now = Date.now()
  const created = await request(`${baseUrl}/api/v1/admin/contests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    json: {
      title: '集群测试竞赛',
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 24 * 3600_000).toISOString(),
      questionCount: QUESTIONS,
      timeLimitSeconds: 3600,
      attemptsPerDay: 3,
      minSecondsPerQuestion: 0,
      drawRule: { kind: 'mixed' },
    },
  })
  if (created.status !== 201) throw new Error(`contest: ${created.status} ${created.body}`)
  return created.json<{ id: string }>().id
}

/**
 * Phones sending reports (and photos) and contestants answering, all through `baseUrl`, each
 * request retried as the app's outboxes do; `midway` runs once half the reports are acknowledged.
 */
async function runStream(baseUrl: string, contestId: string, midway: () => Promise<void>): Promise<Stream> {
  const stream: Stream = { acknowledged: new Map(), photos: [], answers: [], refusals: [], failures: [] }
  const addresses = phoneAddresses(PHONES + CONTESTANTS)
  const total = PHONES * REPORTS_PER_PHONE
  let midwayDone: Promise<void> | undefined

  const phone = async (index: number) => {
    const address = addresses[index]
    for (let ordinal = 0; ordinal < REPORTS_PER_PHONE; ordinal += 1) {
      if (ordinal % 3 === 0) {
        const { answer, refusals } = await deliver(() => uploadPhoto(baseUrl, { 'x-forwarded-for': address }))
        stream.refusals.push(...refusals)
        if (answer.status === 201) stream.photos.push(answer.json<{ uploadId: string }>().uploadId)
        else stream.failures.push(`photo: ${answer.status} ${answer.body}`)
      }
      const report = reportOf(index, ordinal)
      const { answer, refusals } = await deliver(() => sendReport(baseUrl, address, report))
      stream.refusals.push(...refusals)
      if (answer.status === 201) stream.acknowledged.set(report.key, answer.json<{ trackingCode: string }>().trackingCode)
      else stream.failures.push(`report: ${answer.status} ${answer.body}`)
      if (stream.acknowledged.size >= total / 2) midwayDone ??= midway()
    }
  }

  const contestant = async (index: number) => {
    const address = addresses[PHONES + index]
    const registered = await deliver(() => request(`${baseUrl}/api/v1/quiz/participants`, { method: 'POST', headers: { 'x-forwarded-for': address }, json: { districtCode: '440106' } }))
    if (registered.answer.status !== 201) return void stream.failures.push(`participant: ${registered.answer.status} ${registered.answer.body}`)
    const headers = { authorization: `Bearer ${registered.answer.json<{ participantToken: string }>().participantToken}`, 'x-forwarded-for': address }
    const started = await deliver(() => request(`${baseUrl}/api/v1/quiz/contests/${contestId}/attempts`, { method: 'POST', headers }))
    if (started.answer.status !== 201) return void stream.failures.push(`attempt: ${started.answer.status} ${started.answer.body}`)
    const { attemptId, questions } = started.answer.json<{ attemptId: string; questions: { id: string; options: { id: string }[] }[] }>()
    for (const question of questions) {
      // An answer sent again after its first try landed is told 409 already_answered: it is recorded.
      const { answer, refusals } = await deliver(
        () => request(`${baseUrl}/api/v1/quiz/attempts/${attemptId}/answers`, { method: 'POST', headers, json: { questionId: question.id, optionIds: [question.options[0].id] } }),
        (status) => status === 0 || status === 429 || status >= 500,
      )
      stream.refusals.push(...refusals)
      if (answer.status === 201 || (answer.status === 409 && answer.json<{ error: { code: string } }>().error.code === 'already_answered')) {
        stream.answers.push({ attemptId, questionId: question.id })
      } else stream.failures.push(`answer: ${answer.status} ${answer.body}`)
      await sleep(50)
    }
  }

  await Promise.all([...Array.from({ length: PHONES }, (_, index) => phone(index)), ...Array.from({ length: CONTESTANTS }, (_, index) => contestant(index))])
  await midwayDone
  return stream
}

/** Every acknowledged report, photo and answer is in the database, once; no report beyond them. */
async function expectNothingLostOrDoubled(databaseUrl: string, stream: Stream, reportsBefore: string[]): Promise<void> {
  expect(stream.failures).toEqual([])
  expect(stream.acknowledged.size).toBe(PHONES * REPORTS_PER_PHONE)
  const stored = await storedTrackingCodes(databaseUrl)
  const added = stored.filter((code) => !reportsBefore.includes(code))
  expect(added.sort()).toEqual([...stream.acknowledged.values()].sort())

  const photos = await query<{ id: string }>(databaseUrl, 'SELECT id FROM uploads WHERE id = ANY($1)', [stream.photos])
  expect(photos.map((row) => row.id).sort()).toEqual([...stream.photos].sort())

  const answers = await query<{ attempt_id: string; question_id: string }>(databaseUrl, 'SELECT attempt_id, question_id FROM quiz_answers')
  const key = (answer: { attemptId: string; questionId: string }) => `${answer.attemptId}/${answer.questionId}`
  expect(answers.map((row) => key({ attemptId: row.attempt_id, questionId: row.question_id })).sort()).toEqual(stream.answers.map(key).sort())
  expect(stream.answers).toHaveLength(CONTESTANTS * QUESTIONS)
}

describe('two instances behind nginx on PostgreSQL and Redis, one killed with -9', () => {
  let database: { url: string; drop(): Promise<void> }
  let env: Record<string, string>
  let cliDir: string
  let instances: Instance[] = []
  let nginx: Nginx
  let staffCookie: string
  let token: string

  beforeAll(async () => {
    database = await freshDatabase(TEST_PG_URL)
    cliDir = mkdtempSync(path.join(os.tmpdir(), 'pufa-cluster-cli-'))
    env = sharedEnvironment(database.url)
    // Started together on a fresh database: one migrates and loads the sample, the other waits and finds it done.
    instances = await Promise.all([startInstance(env), startInstance(env)])
    nginx = await startNginx(instances.map((instance) => instance.port))
    token = await staffToken(env, cliDir)
    // Signed in on the instance that will be killed.
    staffCookie = await staffSession(env, cliDir, instances[0].url.replace(/\/$/, ''))
  })
  afterAll(async () => {
    await nginx?.stop()
    await Promise.all(instances.map((instance) => stopInstance(instance)))
    await database?.drop()
    rmSync(cliDir, { recursive: true, force: true })
  })

  it('start together on a fresh database: each migration applied once, the sample loaded once', async () => {
    const migrations = await query<{ name: string }>(database.url, 'SELECT name FROM kysely_migration')
    expect(new Set(migrations.map((row) => row.name)).size).toBe(migrations.length)
    for (const instance of instances) {
      const health = await request(`${instance.url}api/v1/health`)
      expect(health.status).toBe(200)
    }
    const contests = await query<{ count: string }>(database.url, 'SELECT count(*) AS count FROM contests')
    expect(Number(contests[0].count)).toBe(1)
  })

  it('hold the rate limits across both: a client refused by one is refused by the other', async () => {
    const [first, second] = instances
    const [address] = phoneAddresses(1).map((base) => base.replace(/\.\d+$/, '.253'))
    const lookup = (instance: Instance) => request(`${instance.url}api/v1/tips/AAAA-BBBB-CCCC`, { headers: { 'x-tip-verifier': '0000', 'x-forwarded-for': address } })
    let allowed = 0
    for (; allowed < 1000; allowed += 1) if ((await lookup(first)).status === 429) break
    expect(allowed).toBeLessThan(1000)
    const other = await lookup(second)
    expect(other.status).toBe(429)
    expect(other.headers.get('retry-after')).toMatch(/^\d+$/)
  })

  it('attach through one instance a photo uploaded through the other, and show it to staff through nginx', async () => {
    const [first, second] = instances
    const uploaded = await uploadPhoto(first.url.replace(/\/$/, ''))
    expect(uploaded.status).toBe(201)
    const { uploadId } = uploaded.json<{ uploadId: string }>()
    const report = reportOf(999, 0)
    const sent = await request(`${second.url}api/v1/tips`, {
      method: 'POST',
      headers: { 'idempotency-key': report.key },
      json: { ...report.body, consentSensitive: true, evidenceIds: [uploadId] },
    })
    expect(sent.status).toBe(201)
    const [tip] = await query<{ id: string }>(database.url, 'SELECT id FROM tips WHERE tracking_code = $1', [sent.json<{ trackingCode: string }>().trackingCode])
    for (let round = 0; round < 2; round += 1) {
      const photo = await fetch(`${nginx.origin}/api/v1/admin/tips/${tip.id}/evidence/${uploadId}`, { headers: { authorization: `Bearer ${token}` } })
      expect(photo.status).toBe(200)
      expect((await photo.arrayBuffer()).byteLength).toBeGreaterThan(0)
    }
  })

  it('lose and double nothing acknowledged when one instance is killed with -9 in the middle; staff sessions go on', async () => {
    const reportsBefore = await storedTrackingCodes(database.url)
    const contestId = await openContest(nginx.origin, token)
    const [killed, survivor] = instances
    const stream = await runStream(nginx.origin, contestId, async () => {
      killed.kill('SIGKILL')
      await killed.exited
    })
    expect(killed.exitedYet()).toBe(true)
    await expectNothingLostOrDoubled(database.url, stream, reportsBefore)

    // The session made on the killed instance still works, through nginx, on the survivor.
    for (let round = 0; round < 4; round += 1) {
      const inbox = await request(`${nginx.origin}/api/v1/admin/tips`, { headers: { cookie: `pufa_staff=${staffCookie}` } })
      expect(inbox.status).toBe(200)
    }
    expect(survivor.exitedYet()).toBe(false)
  })
})

describe('two instances behind nginx while their PostgreSQL stops for 20 seconds', () => {
  let postgres: OwnPostgres
  let instances: Instance[] = []
  let nginx: Nginx
  let env: Record<string, string>

  beforeAll(async () => {
    postgres = await startOwnPostgres()
    env = sharedEnvironment(postgres.url)
    instances = await Promise.all([startInstance(env), startInstance(env)])
    nginx = await startNginx(instances.map((instance) => instance.port))
  })
  afterAll(async () => {
    await nginx?.stop()
    await Promise.all(instances.map((instance) => stopInstance(instance)))
    postgres?.remove()
  })

  it('answer 503 database_unavailable with Retry-After meanwhile, say so in health, lose nothing and recover by themselves', async () => {
    const reportsBefore = await storedTrackingCodes(postgres.url)
    const addresses = phoneAddresses(PHONES)
    const acknowledged = new Map<string, string>()
    const refusals: Answer[] = []
    const failures: string[] = []
    let outage: Promise<{ during: Answer[]; health: Answer[] }> | undefined

    const phone = async (index: number) => {
      for (let ordinal = 0; ordinal < REPORTS_PER_PHONE; ordinal += 1) {
        const report = reportOf(index, ordinal)
        const { answer, refusals: refused } = await deliver(() => sendReport(nginx.origin, addresses[index], report))
        refusals.push(...refused)
        if (answer.status === 201) acknowledged.set(report.key, answer.json<{ trackingCode: string }>().trackingCode)
        else failures.push(`${answer.status} ${answer.body}`)
        if (index === 0 && ordinal === 1) outage ??= stopFor20Seconds()
        await sleep(300)
      }
    }

    const stopFor20Seconds = async () => {
      postgres.stop()
      const stoppedAt = Date.now()
      await sleep(2000)
      const during = [await sendReport(nginx.origin, addresses[0], reportOf(0, 99)), await request(`${nginx.origin}/api/v1/content/changes`)]
      const health = await Promise.all(instances.map((instance) => request(`${instance.url}api/v1/health`)))
      await sleep(Math.max(0, 20_000 - (Date.now() - stoppedAt)))
      postgres.start()
      return { during, health }
    }

    await Promise.all(Array.from({ length: PHONES }, (_, index) => phone(index)))
    const { during, health } = await outage!

    for (const answer of during) {
      expect(answer.status).toBe(503)
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(answer.json()).toEqual(DATABASE_UNAVAILABLE)
    }
    for (const answer of health) {
      expect(answer.status).toBe(503)
      expect(answer.json()).toMatchObject({ status: 'error', database: { ok: false } })
    }
    expect(refusals.some((answer) => answer.status === 503)).toBe(true)
    // Whatever the phones were told meanwhile, it was in the documented shape.
    for (const answer of refusals.filter((refused) => refused.status >= 500 && refused.status !== 502)) {
      expect(answer.json()).toEqual(DATABASE_UNAVAILABLE)
    }

    expect(failures).toEqual([])
    expect(acknowledged.size).toBe(PHONES * REPORTS_PER_PHONE)
    const added = (await storedTrackingCodes(postgres.url)).filter((code) => !reportsBefore.includes(code))
    expect(added.sort()).toEqual([...acknowledged.values()].sort())

    // Recovered without a restart: the same processes answer, each healthy.
    for (const instance of instances) {
      expect(instance.exitedYet()).toBe(false)
      expect((await request(`${instance.url}api/v1/health`)).status).toBe(200)
    }
  })
})
