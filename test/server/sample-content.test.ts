import { EventEmitter } from 'node:events'

import { loadSampleContentIfEmpty, sampleFeedFiles } from '../../server/ingest/sample'
import { ingestSource } from '../../server/ingest/ingest'
import { fileSource } from '../../server/ingest/sources'
import { listen } from '../../server/server'
import { readSite } from '../../server/content/content.repository'
import { corpusFile, syncAll } from './content-helpers'
import { freePort } from './http-client'
import { storages, useApp, useStorage } from './storage'

jest.setTimeout(30_000)

const TEST_SAMPLE_DIR = corpusFile('sample')

describe.each(storages())('sample content on $name', (storage) => {
  const { app } = useApp(storage)

  it('loads every feed of the folder into an empty database, once', async () => {
    const reports = await loadSampleContentIfEmpty(app().db, TEST_SAMPLE_DIR)
    expect(reports).toEqual([expect.objectContaining({ source: 'test/corpus/sample/sample-minimal.json', outcome: 'ingested', added: 5, sample: true })])
    expect(await loadSampleContentIfEmpty(app().db, TEST_SAMPLE_DIR)).toBeUndefined()
    const health = (await app().inject({ method: 'GET', url: '/api/v1/health' })).json()
    expect(health.content).toEqual({ seq: 5, items: 5 })
    expect(health.sources).toEqual([
      { name: 'test/corpus/sample/sample-minimal.json', lastSuccessAt: expect.any(String), lastFailureAt: null, lastError: null, itemCount: 5, rejectedCount: 0, rejected: [] },
    ])
    // Four served (the contest question stays on the server).
    expect((await syncAll(app())).items).toHaveLength(4)
  })
})

describe('pufa serve and the sample content', () => {
  const { config } = useStorage(storages()[0])

  it('loads the sample into an empty database before serving, and not when the bureau has its own sources', async () => {
    const signals = new EventEmitter()
    const running = await listen({ ...config(), port: await freePort() }, { logger: false, signals, sampleFeedDir: TEST_SAMPLE_DIR })
    try {
      expect(running.sampleContent?.map((report) => report.added)).toEqual([5])
    } finally {
      signals.emit('SIGTERM', 'SIGTERM')
      expect(await running.stopped).toBe(0)
    }
    const again = await listen({ ...config(), port: await freePort() }, { logger: false, signals, sampleFeedDir: TEST_SAMPLE_DIR })
    signals.emit('SIGTERM', 'SIGTERM')
    expect(await again.stopped).toBe(0)
    expect(again.sampleContent).toBeUndefined()
  })
})

describe('pufa serve with CONTENT_SOURCES', () => {
  const { config } = useStorage(storages()[0])

  it('never loads sample content', async () => {
    const signals = new EventEmitter()
    const sources = [fileSource(corpusFile('json-feed/broken-items.json'))]
    const running = await listen({ ...config(), port: await freePort(), contentSources: sources, contentPollSeconds: 0 }, { logger: false, signals, sampleFeedDir: TEST_SAMPLE_DIR })
    signals.emit('SIGTERM', 'SIGTERM')
    expect(await running.stopped).toBe(0)
    expect(running.sampleContent).toBeUndefined()
  })
})

// The sample feed under assets/feed is what `npm start` shows: every item of it must pass.
describe('the sample feed in assets/feed', () => {
  const { app } = useApp(storages()[0])
  const files = sampleFeedFiles()

  it('exists', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  it.each(files.map((file) => [file.split('/').slice(-1)[0], file]))('%s ingests with no rejected or skipped item', async (_name, file) => {
    const report = await ingestSource(app().db, fileSource(file))
    expect(report.error).toBeUndefined()
    expect(report.rejected.map((item) => item.reason)).toEqual([])
    expect(report.ignored.map((item) => item.reason)).toEqual([])
    expect(report).toMatchObject({ outcome: 'ingested', complete: true, sample: true })
    expect(report.added).toBe(report.total)
  })
})

describe('the sample contest', () => {
  const { app } = useApp(storages()[0], { RATE_LIMITS: 'false' })

  it('opens with the sample content, for 30 days, and a participant can start it', async () => {
    await loadSampleContentIfEmpty(app().db)
    const contests = (await app().inject({ method: 'GET', url: '/api/v1/quiz/contests' })).json()
    expect(contests.items).toEqual([expect.objectContaining({ id: 'sample-contest', status: 'open', questionCount: 10 })])
    const [contest] = contests.items
    expect(Date.parse(contest.endsAt) - Date.parse(contest.startsAt)).toBe(30 * 24 * 60 * 60 * 1000)

    const { districts } = (await readSite(app().db)) ?? { districts: [] }
    const registered = await app().inject({ method: 'POST', url: '/api/v1/quiz/participants', payload: { districtCode: districts[0]?.code } })
    expect(registered.statusCode).toBe(201)
    const started = await app().inject({
      method: 'POST',
      url: '/api/v1/quiz/contests/sample-contest/attempts',
      headers: { authorization: `Bearer ${registered.json().participantToken}` },
    })
    expect(started.statusCode).toBe(201)
    expect(started.json().questions).toHaveLength(10)
  })
})
