/**
 * `npm run bench:quiz`: contest answers recorded per second, and their latency, at 64 at a time over
 * real HTTP against the real service (`pufa serve` in its own process, RATE_LIMITS=false), beside the
 * same server's GET /api/v1/health at 64 at a time as the framework's ceiling (the route still reads
 * the database: a ping and the content summary), on SQLite and, when it answers, PostgreSQL
 * (TEST_PG_URL). A benchmark, not a test: it prints figures, and exits non-zero on any failed request.
 */
import http from 'node:http'
import os from 'node:os'

import type { Config } from '../server/config'
import { openDatabase } from '../server/db/database'
import { serverEnvironment, startServerProcess } from '../test/server/server-process'
import { createStaffToken } from '../test/server/staff-helpers'
import { figuresOf, printTable, runConcurrently, send, type Figures } from './load'
import { onEachDatabase } from './postgres'

const CONCURRENCY = 64
const ANSWERS_WARM_UP = 500
const ANSWERS = 5000
const HEALTH_WARM_UP = 500
const HEALTHS = 5000
/** Of the sample feed's 32 contest questions. */
const QUESTION_COUNT = 30
const ATTEMPTS_PER_PARTICIPANT = 4
const DISTRICTS = ['440103', '440104', '440105', '440106']
/**
 * CONCURRENCY more attempts than the answers fill: however the answers fall, at least CONCURRENCY
 * attempts still have a question open, and at most CONCURRENCY - 1 of them are in flight elsewhere.
 */
const ATTEMPTS = Math.ceil((ANSWERS_WARM_UP + ANSWERS) / QUESTION_COUNT) + CONCURRENCY
const PARTICIPANTS = Math.ceil(ATTEMPTS / ATTEMPTS_PER_PARTICIPANT)
const MINUTE = 60 * 1000

/** An attempt under way: its answers made beforehand, one per question, sent in order. */
interface OpenAttempt {
  url: string
  headers: Record<string, string>
  answers: Buffer[]
  next: number
}

interface Started {
  attemptId: string
  questions: { id: string; options: { id: string }[] }[]
}

/** The requests of one kind that failed, by status and body, and how often. */
class Failures {
  private readonly counts = new Map<string, number>()

  constructor(private readonly what: string) {}

  add(status: number, body: string): void {
    const key = `HTTP ${status} ${body}`
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1)
  }

  get total(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0)
  }

  print(label: string): void {
    for (const [key, count] of this.counts) console.error(`${label}, ${this.what}: ${count} × ${key}`)
  }
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8')

async function expectCreated(what: string, reply: Promise<{ status: number; body: string }>): Promise<unknown> {
  const { status, body } = await reply
  if (status !== 201) throw new Error(`set-up, ${what}: HTTP ${status} ${body}`)
  return JSON.parse(body)
}

/**
 * Not timed: a contest that lets answers come as fast as they are sent (0 seconds per question), and
 * PARTICIPANTS participants who start ATTEMPTS attempts of QUESTION_COUNT questions between them.
 */
async function setUp(agent: http.Agent, baseUrl: string, config: Config): Promise<OpenAttempt[]> {
  const staff = await createStaffToken(config, '竞赛基准测试管理员')
  const now = Date.now()
  const contest = (await expectCreated(
    'the contest',
    send(
      agent,
      'POST',
      `${baseUrl}api/v1/admin/contests`,
      { authorization: `Bearer ${staff.token}` },
      json({
        title: '基准测试竞赛',
        startsAt: new Date(now - MINUTE).toISOString(),
        endsAt: new Date(now + 24 * 60 * MINUTE).toISOString(),
        questionCount: QUESTION_COUNT,
        timeLimitSeconds: 60 * 60,
        attemptsPerDay: ATTEMPTS_PER_PARTICIPANT,
        minSecondsPerQuestion: 0,
        drawRule: { kind: 'mixed' },
      }),
    ),
  )) as { id: string }

  const attempts: OpenAttempt[] = []
  await runConcurrently(CONCURRENCY, PARTICIPANTS, 0, async (index) => {
    const registered = (await expectCreated(
      'a participant',
      send(agent, 'POST', `${baseUrl}api/v1/quiz/participants`, {}, json({ districtCode: DISTRICTS[index % DISTRICTS.length] })),
    )) as { participantToken: string }
    const headers = { authorization: `Bearer ${registered.participantToken}` }
    // One after the other, as a person would: attempts started at once compete for the day's places.
    const own = Math.min(ATTEMPTS_PER_PARTICIPANT, ATTEMPTS - index * ATTEMPTS_PER_PARTICIPANT)
    for (let ordinal = 0; ordinal < own; ordinal += 1) {
      const started = (await expectCreated('an attempt', send(agent, 'POST', `${baseUrl}api/v1/quiz/contests/${contest.id}/attempts`, headers))) as Started
      attempts.push({
        url: `${baseUrl}api/v1/quiz/attempts/${started.attemptId}/answers`,
        headers,
        answers: started.questions.map((question) => json({ questionId: question.id, optionIds: [question.options[0].id] })),
        next: 0,
      })
    }
  })
  return attempts
}

interface Measured {
  answers: Figures
  health: Figures
  answerFailures: Failures
  healthFailures: Failures
}

async function overHttp(config: Config): Promise<Measured> {
  // The service as deployed: its own process, default log level (one line per request).
  const server = await startServerProcess(serverEnvironment(config, { RATE_LIMITS: 'false', LOG_LEVEL: 'info' }))
  // Like a reverse proxy in front of it: connections are kept and reused.
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const answerFailures = new Failures('POST answer')
  const healthFailures = new Failures('GET health')
  try {
    const ready = await setUp(agent, server.url, config)
    // An attempt is answered by one client at a time, as on one phone: two answers to one attempt in
    // flight at once could reach the database out of the order of their server times.
    const answer = async () => {
      const attempt = ready.shift()
      if (attempt === undefined) throw new Error('no attempt with an unanswered question is free')
      const reply = await send(agent, 'POST', attempt.url, attempt.headers, attempt.answers[attempt.next])
      attempt.next += 1
      if (attempt.next < attempt.answers.length) ready.push(attempt)
      if (reply.status !== 201) answerFailures.add(reply.status, reply.body)
    }
    await runConcurrently(CONCURRENCY, ANSWERS_WARM_UP, 0, answer)
    const answers = figuresOf(await runConcurrently(CONCURRENCY, ANSWERS, ANSWERS_WARM_UP, answer))

    const healthUrl = `${server.url}api/v1/health`
    const health = async () => {
      const reply = await send(agent, 'GET', healthUrl)
      if (reply.status !== 200) healthFailures.add(reply.status, reply.body)
    }
    await runConcurrently(CONCURRENCY, HEALTH_WARM_UP, 0, health)
    return { answers, health: figuresOf(await runConcurrently(CONCURRENCY, HEALTHS, HEALTH_WARM_UP, health)), answerFailures, healthFailures }
  } finally {
    agent.destroy()
    server.kill('SIGTERM')
    await server.exited
  }
}

/** Every answer answered 201 is stored, once. */
async function storedAnswers(config: Config): Promise<number> {
  const { db, close } = openDatabase(config)
  try {
    const stored = await db.selectFrom('quiz_answers').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow()
    return Number(stored.count)
  } finally {
    await close()
  }
}

const rows: string[][] = []
let failed = false

async function measure(label: string, config: Config): Promise<void> {
  const { answers, health, answerFailures, healthFailures } = await overHttp(config)
  const cells = (figures: Figures) => [figures.perSecond.toFixed(0), figures.p50.toFixed(1), figures.p99.toFixed(1)]
  rows.push([label, 'POST answer', ...cells(answers), (answers.perSecond / health.perSecond).toFixed(2)])
  rows.push([label, 'GET health', ...cells(health), ''])
  answerFailures.print(label)
  healthFailures.print(label)
  const recorded = ANSWERS_WARM_UP + ANSWERS - answerFailures.total
  const stored = await storedAnswers(config)
  if (stored !== recorded) console.error(`${label}: ${recorded} answers were answered 201, but ${stored} are stored`)
  if (answerFailures.total > 0 || healthFailures.total > 0 || stored !== recorded) failed = true
}

async function main() {
  console.log(
    `contest answers: ${ANSWERS_WARM_UP} to warm up, then ${ANSWERS} timed; GET /api/v1/health: ${HEALTH_WARM_UP}, then ${HEALTHS}; ` +
      `${CONCURRENCY} at a time, ${PARTICIPANTS} participants, ${ATTEMPTS} attempts of ${QUESTION_COUNT} questions; ` +
      `Node ${process.versions.node}, ${os.cpus().length} cores`,
  )
  await onEachDatabase('quiz', measure)
  printTable(['storage', 'request', 'per second', 'p50 ms', 'p99 ms', 'answers ÷ health'], rows, 2)
  if (failed) {
    console.error('\nsome requests failed: these figures do not count')
    process.exit(1)
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
