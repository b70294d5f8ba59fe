/**
 * What the tests of the report pages share: the real service (`pufa serve`) started once per test
 * file, the app pointed at it and synced once (the site's districts and the holiday calendar, as a
 * phone has them), an empty outbox before each test, and after each the outbox stopped, mocks
 * restored and the app pointed back at the service (a test may have pointed it at a closed port).
 */
import Taro from '@tarojs/taro'
import { waitFor } from '@testing-library/react'
import type { OutboxReport } from '../../src/core/tips/outbox'
import type { ReportPayload } from '../../src/core/tips/report'
import { stopContentSync, syncNow } from '../../src/services/content-store'
import { getOutboxReport, queueReport, reloadOutbox, stopOutbox } from '../../src/services/report-outbox'
import { startProduct, type RunningProduct } from '../support/product'

/** Where the app sends its requests, as the H5 build's API_BASE. */
export function pointAppAt(url: string): void {
  ;(globalThis as { API_BASE?: string }).API_BASE = url.replace(/\/$/, '')
}

/**
 * Registers the hooks; the service is there from the first test on. `env` is read when the service
 * starts, after the hooks the file registered before this call (a stand-in's address, say).
 */
export function setUpReportPages(env: () => Record<string, string> = () => ({})): () => RunningProduct {
  let product: RunningProduct | undefined

  beforeAll(async () => {
    product = await startProduct({ env: env() })
    pointAppAt(product.url)
    await syncNow('launch')
  }, 30000)

  afterAll(async () => {
    stopContentSync()
    await product?.stop()
  })

  beforeEach(() => {
    Taro.removeStorageSync('pufa.outbox')
    reloadOutbox()
  })

  afterEach(() => {
    if (product) pointAppAt(product.url)
    stopOutbox()
    jest.restoreAllMocks()
  })

  return () => {
    if (!product) throw new Error('the service is not started yet')
    return product
  }
}

let keys = 0

/** Queues a report with the service reachable and waits until the service has answered it. */
export async function sentReport(payload: ReportPayload): Promise<OutboxReport> {
  keys += 1
  const key = `report-test-${Date.now()}-${keys}`
  queueReport(key, payload, [])
  await waitFor(() => expect(getOutboxReport(key)?.state).toBe('sent'), { timeout: 10000 })
  return getOutboxReport(key) as OutboxReport
}
