import { SQLITE, useApp } from './storage'

describe('GET /api/v1/privacy-terms', () => {
  const { app } = useApp(SQLITE, { TIPS_RETENTION_DAYS: '730' })

  it('names the retention periods this service is configured with, for the privacy text', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/v1/privacy-terms' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ tipsRetentionDays: 730, uploadExpiryHours: 24 })
  })
})
