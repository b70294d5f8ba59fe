/**
 * `npm run bench:cluster`: reports and contest answers per second through nginx in front of one
 * `pufa serve` instance, then in front of two, in the same run on one fresh PostgreSQL database
 * (TEST_PG_URL) with Redis (RATE_LIMITS=false); prints two ÷ one. The load generator, nginx,
 * PostgreSQL and the instances share this machine's cores, which bounds what a second instance can add.
 */
import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { complaintPayload } from '../test/support/report-fixtures'
import { sharedEnvironment, staffToken, startInstance, startNginx, stopInstance, type Instance, type Nginx } from '../test/cluster/cluster-support'
import { figuresOf, printTable, runConcurrently, send, type Figures } from './load'
import { postgresDatabase, PG_URL_SHOWN } from './postgres'

const REPORTS_WARM_UP = 150
const REPORTS = 1500
const REPORT_CONCURRENCY = 32
const ANSWERS_WARM_UP = 300
const ANSWERS = 3000
const ANSWER_CONCURRENCY = 64
const QUESTIONS = 30
const ATTEMPTS_PER_PARTICIPANT = 3

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8')

async function created<T>(what: string, reply: Promise<{ status: number; body: string }>): Promise<T> {
  const { status, body } = await reply
  if (status !== 201) throw new Error(`${what}: HTTP ${status} ${body}`)
  return JSON.parse(body) as T
}

async function reportsPerSecond(origin: string): Promise<Figures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: REPORT_CONCURRENCY })
  const payloads = Array.from({ length: REPORTS_WARM_UP + REPORTS }, (_, index) =>
    json(complaintPayload({ reporter: { name: '基准测试', mobile: `139${String(index).padStart(8, '0')}` }, workersOwed: 1 + (index % 200) })),
  )
  const run = randomUUID()
  const operation = async (index: number) => {
    const { status, body } = await send(agent, 'POST', `${origin}/api/v1/tips`, { 'idempotency-key': `${run}-${index}` }, payloads[index])
    if (status !== 201) throw new Error(`report ${index}: HTTP ${status} ${body}`)
  }
  try {
    await runConcurrently(REPORT_CONCURRENCY, REPORTS_WARM_UP, 0, operation)
    return figuresOf(await runConcurrently(REPORT_CONCURRENCY, REPORTS, REPORTS_WARM_UP, operation))
  } finally {
    agent.destroy()
  }
}

interface OpenAttempt {
  url: string
  headers: Record<string, string>
  answers: Buffer[]
  next: number
}

async function answersPerSecond(origin: string, token: string): Promise<Figures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: ANSWER_CONCURRENCY })
  try {
    const now = Date.now()
    const contest = await created<{ id: string }>(
      'contest',
      send(agent, 'POST', `${origin}/api/v1/admin/contests`, { authorization: `Bearer ${token}` }, json({
        title: '集群基准测试竞赛',
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 24 * 3600_000).toISOString(),
        questionCount: QUESTIONS,
        timeLimitSeconds: 3600,
        attemptsPerDay: ATTEMPTS_PER_PARTICIPANT,
        minSecondsPerQuestion: 0,
        drawRule: { kind: 'mixed' },
      })),
    )
    // Enough attempts that ANSWER_CONCURRENCY of them always have a question open.
    const attempts = Math.ceil((ANSWERS_WARM_UP + ANSWERS) / QUESTIONS) + ANSWER_CONCURRENCY
    const ready: OpenAttempt[] = []
    await runConcurrently(16, Math.ceil(attempts / ATTEMPTS_PER_PARTICIPANT), 0, async () => {
      const { participantToken } = await created<{ participantToken: string }>(
        'participant',
        send(agent, 'POST', `${origin}/api/v1/quiz/participants`, {}, json({ districtCode: '440106' })),
      )
      const headers = { authorization: `Bearer ${participantToken}` }
      for (let ordinal = 0; ordinal < ATTEMPTS_PER_PARTICIPANT; ordinal += 1) {
        const started = await created<{ attemptId: string; questions: { id: string; options: { id: string }[] }[] }>(
          'attempt',
          send(agent, 'POST', `${origin}/api/v1/quiz/contests/${contest.id}/attempts`, headers),
        )
        ready.push({
          url: `${origin}/api/v1/quiz/attempts/${started.attemptId}/answers`,
          headers,
          answers: started.questions.map((question) => json({ questionId: question.id, optionIds: [question.options[0].id] })),
          next: 0,
        })
      }
    })
    // One answer at a time per attempt, as on one phone.
    const answer = async () => {
      const attempt = ready.shift()
      if (attempt === undefined) throw new Error('no attempt with an open question is free')
      const { status, body } = await send(agent, 'POST', attempt.url, attempt.headers, attempt.answers[attempt.next])
      attempt.next += 1
      if (attempt.next < attempt.answers.length) ready.push(attempt)
      if (status !== 201) throw new Error(`answer: HTTP ${status} ${body}`)
    }
    await runConcurrently(ANSWER_CONCURRENCY, ANSWERS_WARM_UP, 0, answer)
    return figuresOf(await runConcurrently(ANSWER_CONCURRENCY, ANSWERS, ANSWERS_WARM_UP, answer))
  } finally {
    agent.destroy()
  }
}

async function main() {
  console.log(
    `through nginx: reports ${REPORTS_WARM_UP} to warm up, then ${REPORTS} timed, ${REPORT_CONCURRENCY} at a time; ` +
      `contest answers ${ANSWERS_WARM_UP}, then ${ANSWERS}, ${ANSWER_CONCURRENCY} at a time; PostgreSQL at ${PG_URL_SHOWN}; ` +
      `Node ${process.versions.node}, ${os.cpus().length} cores`,
  )
  const database = await postgresDatabase()
  if (database === undefined) throw new Error(`PostgreSQL at ${PG_URL_SHOWN} is unreachable`)
  const cliDir = mkdtempSync(path.join(os.tmpdir(), 'pufa-bench-cluster-'))
  const instances: Instance[] = []
  const proxies: Nginx[] = []
  try {
    // As deployed: the default log level (one line per request).
    const env = sharedEnvironment(database.url, { RATE_LIMITS: 'false', LOG_LEVEL: 'info' })
    instances.push(...(await Promise.all([startInstance(env), startInstance(env)])))
    const token = await staffToken(env, cliDir)
    proxies.push(await startNginx([instances[0].port]), await startNginx(instances.map((instance) => instance.port)))

    const rows: string[][] = []
    const measured: { reports: Figures; answers: Figures }[] = []
    for (const [index, proxy] of proxies.entries()) {
      const label = index === 0 ? 'one instance' : 'two instances'
      const figures = { reports: await reportsPerSecond(proxy.origin), answers: await answersPerSecond(proxy.origin, token) }
      measured.push(figures)
      rows.push([label, 'POST report', figures.reports.perSecond.toFixed(0), figures.reports.p50.toFixed(1), figures.reports.p99.toFixed(1)])
      rows.push([label, 'POST answer', figures.answers.perSecond.toFixed(0), figures.answers.p50.toFixed(1), figures.answers.p99.toFixed(1)])
    }
    printTable(['behind nginx', 'request', 'per second', 'p50 ms', 'p99 ms'], rows, 2)
    const [one, two] = measured
    console.log(
      `\ntwo instances ÷ one: reports ${(two.reports.perSecond / one.reports.perSecond).toFixed(2)}, ` +
        `contest answers ${(two.answers.perSecond / one.answers.perSecond).toFixed(2)}`,
    )
  } finally {
    await Promise.all(proxies.map((proxy) => proxy.stop()))
    await Promise.all(instances.map((instance) => stopInstance(instance)))
    await database.drop()
    rmSync(cliDir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
