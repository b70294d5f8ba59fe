import { ingestSource } from '../../server/ingest/ingest'
import { fileSource } from '../../server/ingest/sources'
import { writeFeed } from './content-helpers'
import { storages, useApp, useTempDir } from './storage'

describe.each(storages())('GET /api/v1/site on $name', (storage) => {
  const { app } = useApp(storage)
  const tempDir = useTempDir()

  it('names the default city and bureau, with no districts, before the site settings are synced', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/v1/site' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('no-cache')
    expect(response.json()).toEqual({ cityName: '广州', bureauName: '广州市人力资源和社会保障局', hotline: '12333', districts: [] })
  })

  it('answers the synced site settings, without the privacy text or the districts’ other details', async () => {
    const feed = writeFeed(tempDir(), 'site.json', [
      {
        id: 'site',
        _pufa: {
          type: 'site',
          schema: 1,
          cityName: '佛山',
          bureauName: '佛山市人力资源和社会保障局',
          hotline: '0757-12333',
          privacyPolicy: '隐私政策全文',
          districts: [
            { code: '440604', name: '禅城区', population: 1500000, arbitration: { name: '禅城区劳动人事争议仲裁院' } },
            { code: '440605', name: '南海区' },
          ],
        },
      },
    ])
    const report = await ingestSource(app().db, fileSource(feed))
    expect(report).toMatchObject({ outcome: 'ingested', added: 1, rejected: [] })

    const response = await app().inject({ method: 'GET', url: '/api/v1/site' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      cityName: '佛山',
      bureauName: '佛山市人力资源和社会保障局',
      hotline: '0757-12333',
      districts: [
        { code: '440604', name: '禅城区' },
        { code: '440605', name: '南海区' },
      ],
    })
  })
})
