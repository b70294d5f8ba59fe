// What the service writes under DATA_DIR is its own user's only: directories 0700, the SQLite
// database with its WAL and SHM files and the key file 0600 (checked with the process's usual
// umask, 022, under which the defaults were world-readable).
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { loadConfig, prepareDataDir } from '../../server/config'
import { migrate } from '../../server/db/migrations'
import { createServer } from '../../server/server'
import { useTempDir } from './storage'

const modeOf = (file: string) => statSync(file).mode & 0o777

describe('file modes under DATA_DIR', () => {
  const tempDir = useTempDir()
  let previousUmask: number

  beforeAll(() => {
    previousUmask = process.umask(0o022)
  })
  afterAll(() => {
    process.umask(previousUmask)
  })

  it('creates the data directory 0700 and the database, its WAL and SHM, and the key file 0600', async () => {
    const dataDir = path.join(tempDir(), 'fresh', 'data')
    // Loading reads only; the service (or a command) makes the folder and the key file when it starts.
    const config = prepareDataDir(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }))
    expect(modeOf(dataDir)).toBe(0o700)
    expect(modeOf(path.dirname(dataDir))).toBe(0o700)
    expect(modeOf(path.join(dataDir, 'keys.json'))).toBe(0o600)

    const app = await createServer(config, { logger: false })
    try {
      await app.ready()
      await migrate(app.db)
      for (const file of [config.sqliteFile, `${config.sqliteFile}-wal`, `${config.sqliteFile}-shm`]) expect([file, modeOf(file)]).toEqual([file, 0o600])
    } finally {
      await app.close()
    }
  })

  it('tightens a database left world-readable by an older version', async () => {
    const dataDir = path.join(tempDir(), 'older')
    mkdirSync(dataDir, { mode: 0o755 })
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' })
    writeFileSync(config.sqliteFile, '')
    chmodSync(config.sqliteFile, 0o644)
    const app = await createServer(config, { logger: false })
    try {
      await app.ready()
      await migrate(app.db)
      expect(modeOf(config.sqliteFile)).toBe(0o600)
      expect(modeOf(`${config.sqliteFile}-wal`)).toBe(0o600)
    } finally {
      await app.close()
    }
  })
})
