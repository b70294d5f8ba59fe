// The peer of POST /api/v1/tips for `npm run bench:tips`: a bare Fastify route (no plugins, no
// hooks, no logging) that stores the same row with one durable insert, on the same database with
// the same settings (openDatabase: WAL with synchronous FULL on SQLite, the same pool on
// PostgreSQL). Its own process, started by the benchmark: prints its URL, stops on SIGTERM.
import { randomBytes, randomUUID } from 'node:crypto'

import Fastify from 'fastify'

import { loadConfig, prepareDataDir } from '../server/config'
import { openDatabase } from '../server/db/database'
import { insertTip } from '../server/tips/tips.repository'

interface Body {
  kind: string
  reporter: { name: string; mobile: string; residentId: string }
  employer: { name: string; uscc: string }
  districtCode: string
  workAddress: string
  isConstruction: boolean
  constructionProject: string
  workersOwed: number
  amountYuan: string
  owedPeriod: { from: string; to: string }
  description: string
  consentSensitive: boolean
}

async function main() {
  const config = prepareDataDir(loadConfig(process.env))
  const { db, close } = openDatabase(config)
  const app = Fastify({ logger: false })
  app.post<{ Body: Body }>('/api/v1/tips', async (request, reply) => {
    const body = request.body
    const trackingCode = randomBytes(8).toString('hex')
    await insertTip(db, {
      id: randomUUID(),
      trackingCode,
      accessKeyHash: null,
      kind: body.kind,
      districtCode: body.districtCode,
      reporterName: body.reporter.name,
      reporterMobile: body.reporter.mobile,
      reporterIdNumber: body.reporter.residentId,
      mobileHash: body.reporter.mobile,
      mobileLast4Hash: body.reporter.mobile.slice(-4),
      employerName: body.employer.name,
      employerUscc: body.employer.uscc,
      employerHash: body.employer.uscc,
      workAddress: body.workAddress,
      isConstruction: body.isConstruction,
      projectName: body.constructionProject,
      workersOwed: body.workersOwed,
      amountFen: Math.round(Number(body.amountYuan) * 100),
      amountApproximate: false,
      owedFrom: body.owedPeriod.from,
      owedTo: body.owedPeriod.to,
      description: body.description,
      consentSensitive: body.consentSensitive,
      createdAt: Date.now(),
      duplicateOf: null,
      deadlines: '{}',
      dueOn: null,
      dueCovered: true,
      addressHash: null,
      wechatUserId: null,
    })
    return reply.code(201).send({ trackingCode })
  })
  const url = await app.listen({ port: config.port, host: '127.0.0.1' })
  console.log(`peer listening at ${url}/`)
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(close)
      .then(() => process.exit(0))
  })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
