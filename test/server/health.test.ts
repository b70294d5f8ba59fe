import { version } from '../../package.json'
import { pingDatabase } from '../../server/db/database'
import { createServer } from '../../server/server'
import { storages, useApp, useStorage } from './storage'

describe.each(storages())('GET /api/v1/health on $name', (storage) => {
  const { app } = useApp(storage)

  it('answers ok with the version and the database', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/v1/health' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    expect(response.headers['cache-control']).toBe('no-store')
    const body = response.json()
    expect(body).toEqual({
      status: 'ok',
      version,
      database: { dialect: storage.dialect, ok: true },
      uptimeSeconds: expect.any(Number),
      uploads: { usedBytes: 0, limitBytes: 2048 * 1024 * 1024, storage: storage.dialect === 'postgres' ? 'database' : 'files', status: 'ok' },
      content: { seq: 0, items: 0 },
      sources: [],
    })
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0)
  })
})

describe.each(storages())('GET /api/v1/health with a broken database on $name', (storage) => {
  const { config } = useStorage(storage)

  it('answers 503 with no internals', async () => {
    const app = await createServer(config(), { logger: false })
    try {
      await app.ready()
      await pingDatabase(app.db)
      await app.db.destroy()
      const response = await app.inject({ method: 'GET', url: '/api/v1/health' })
      expect(response.statusCode).toBe(503)
      expect(response.json()).toEqual({
        status: 'error',
        version,
        database: { dialect: storage.dialect, ok: false },
        uptimeSeconds: expect.any(Number),
      })
    } finally {
      await app.close()
    }
  })
})
