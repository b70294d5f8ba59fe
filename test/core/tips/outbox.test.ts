import {
  earliestRetry,
  MAX_RENEWALS,
  OUTBOX_BACKOFF,
  backoffMs,
  describeFieldErrors,
  interrupted,
  isRetryable,
  newOutboxReport,
  nextStep,
  parseRetryAfter,
  photoMissing,
  photoUploaded,
  reportAccepted,
  requeue,
  restoreOutbox,
  retryNow,
  sendFailed,
  startSending,
  uploadFailed,
  verifierOf,
  type OutboxFailure,
  type OutboxReceipt,
  type OutboxReport,
} from '../../../src/core/tips/outbox'
import { anonymousTipPayload, complaintPayload } from '../../support/report-fixtures'

const NOW = Date.UTC(2026, 0, 5, 2, 0, 0)
const MIDDLE = () => 0.5
const LOWEST = () => 0
const HIGHEST = () => 1


const RECEIPT: OutboxReceipt = {
  trackingCode: 'K7QF-3MZP-9XRD-2WT8',
  deadlines: {
    acceptBy: { date: '2026-01-12', covered: true },
    investigateBy: { date: '2026-04-10', covered: true },
    extendedBy: { date: '2026-05-26', covered: false },
  },
}

function failure(status: number | null, overrides: Partial<OutboxFailure> = {}): OutboxFailure {
  return { status, code: status === null ? 'network' : `http_${status}`, message: '服务说的话', fields: {}, retryAfterMs: null, ...overrides }
}

function queued(photos: string[] = []): OutboxReport {
  return newOutboxReport('key-0123456789abcdef', complaintPayload(), photos, NOW)
}

function withUploads(report: OutboxReport, ids: string[]): OutboxReport {
  return ids.reduce((next, id, i) => photoUploaded(next, i, id), report)
}

describe('a newly queued report', () => {
  it('waits for nothing, keeps its key and leaves evidenceIds to the uploads', () => {
    const report = newOutboxReport('key-0123456789abcdef', { ...complaintPayload(), evidenceIds: ['stale-id-from-a-draft'] }, ['a.jpg', 'b.jpg'], NOW)
    expect(report).toMatchObject({ key: 'key-0123456789abcdef', state: 'waiting', attempts: 0, nextAttemptAt: NOW, receipt: null })
    expect(report.payload).not.toHaveProperty('evidenceIds')
    expect(report.photos).toEqual([
      { path: 'a.jpg', uploadId: null },
      { path: 'b.jpg', uploadId: null },
    ])
  })
})

describe('nextStep', () => {
  it('uploads each photo in turn, then sends the report with their ids in order', () => {
    let report = startSending(queued(['a.jpg', 'b.jpg']))
    expect(nextStep(report, NOW)).toEqual({ type: 'upload', photo: 0 })
    report = photoUploaded(report, 0, 'upload-aaaaaaaaaaaaaaaa')
    expect(nextStep(report, NOW)).toEqual({ type: 'upload', photo: 1 })
    report = photoUploaded(report, 1, 'upload-bbbbbbbbbbbbbbbb')
    expect(nextStep(report, NOW)).toEqual({ type: 'send', evidenceIds: ['upload-aaaaaaaaaaaaaaaa', 'upload-bbbbbbbbbbbbbbbb'] })
  })

  it('sends at once a report without photos', () => {
    expect(nextStep(queued(), NOW)).toEqual({ type: 'send', evidenceIds: [] })
  })

  it('waits until the planned time, and stops for sent reports and those that need the person', () => {
    const waiting = sendFailed(queued(), failure(null), NOW, MIDDLE)
    expect(nextStep(waiting, NOW)).toEqual({ type: 'wait', until: waiting.nextAttemptAt })
    expect(nextStep(waiting, waiting.nextAttemptAt as number)).toEqual({ type: 'send', evidenceIds: [] })
    expect(nextStep(reportAccepted(queued(), RECEIPT, NOW), NOW)).toEqual({ type: 'stop' })
    expect(nextStep(sendFailed(queued(), failure(400, { fields: { workAddress: '请填写工作地址' } }), NOW, MIDDLE), NOW)).toEqual({ type: 'stop' })
  })

  it('does not upload again a photo whose upload it already has, after a failed send', () => {
    const uploaded = withUploads(startSending(queued(['a.jpg'])), ['upload-aaaaaaaaaaaaaaaa'])
    const retried = sendFailed(uploaded, failure(503), NOW, MIDDLE)
    expect(nextStep(retried, retried.nextAttemptAt as number)).toEqual({ type: 'send', evidenceIds: ['upload-aaaaaaaaaaaaaaaa'] })
  })
})

describe('retryable failures', () => {
  it.each([
    ['no answer', failure(null)],
    ['a server error', failure(500)],
    ['a gateway error', failure(503)],
    ['a timeout', failure(408)],
    ['a duplicate still in flight', failure(409, { code: 'idempotency_in_flight' })],
    ['too many requests', failure(429)],
  ])('%s is retried later, with the same report', (_name, answer) => {
    expect(isRetryable(answer)).toBe(true)
    const report = startSending(queued())
    const next = sendFailed(report, answer, NOW, MIDDLE)
    expect(next).toMatchObject({ key: report.key, state: 'waiting', attempts: 1, nextAttemptAt: NOW + OUTBOX_BACKOFF.firstMs })
    expect(next.payload).toEqual(report.payload)
    expect(next.lastError).toMatch(/[\u4e00-\u9fff]/)
  })

  it.each([400, 401, 403, 404, 413, 415, 422])('%i is not retried by itself', (status) => {
    expect(isRetryable(failure(status))).toBe(false)
  })

  it('says plainly that a report without network goes out when the network is back', () => {
    expect(sendFailed(queued(), failure(null), NOW, MIDDLE).lastError).toBe('网络连接失败，网络恢复后会自动发送')
  })

  it("waits at least as long as the service's Retry-After, and shows its message", () => {
    const limited = failure(429, { message: '提交反映太频繁了，请 5 分钟后再试', retryAfterMs: 300_000 })
    const next = sendFailed(queued(), limited, NOW, MIDDLE)
    expect(next.nextAttemptAt).toBe(NOW + 300_000)
    expect(next.lastError).toBe('提交反映太频繁了，请 5 分钟后再试')
  })

  it('retries an upload that found no network without marking the photo', () => {
    const next = uploadFailed(startSending(queued(['a.jpg'])), 0, failure(null), NOW, MIDDLE)
    expect(next).toMatchObject({ state: 'waiting', attempts: 1, fields: {} })
    expect(next.photos[0]).toEqual({ path: 'a.jpg', uploadId: null })
  })
})

describe('backoffMs', () => {
  it('doubles from 2 seconds and stops at 10 minutes', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffMs(attempt, MIDDLE))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000])
    expect(backoffMs(9, MIDDLE)).toBe(512_000)
    expect(backoffMs(10, MIDDLE)).toBe(600_000)
    expect(backoffMs(1_000, HIGHEST)).toBe(600_000)
  })

  it('spreads each wait by the random source, within ±20%', () => {
    expect(backoffMs(3, LOWEST)).toBe(6_400)
    expect(backoffMs(3, HIGHEST)).toBe(9_600)
    expect(backoffMs(3, () => 0.25)).toBe(7_200)
  })

  it('grows with each failure in a row', () => {
    let report = queued()
    const waits: number[] = []
    for (let i = 0; i < 4; i += 1) {
      report = sendFailed(startSending(report), failure(502), NOW, MIDDLE)
      waits.push((report.nextAttemptAt as number) - NOW)
    }
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000])
    expect(report.attempts).toBe(4)
  })
})

describe('failures that need the person', () => {
  it('a validation error stops the report with the field messages', () => {
    const fields = { workAddress: '工作地址太短，请写到门牌号', 'owedPeriod.to': '欠薪结束月份不能晚于本月' }
    const next = sendFailed(startSending(queued()), failure(400, { code: 'validation_failed', fields }), NOW, MIDDLE)
    expect(next).toMatchObject({ state: 'needs_attention', nextAttemptAt: null, fields })
    expect(next.lastError).toBe('有几项内容需要修改，请回到表单修改后重新提交')
    expect(describeFieldErrors(next.fields)).toEqual(['工作地址：工作地址太短，请写到门牌号', '欠薪结束月份：欠薪结束月份不能晚于本月'])
  })

  it('a different report under the same key (422) is not resent by itself', () => {
    const next = sendFailed(startSending(queued()), failure(422, { code: 'idempotency_mismatch' }), NOW, MIDDLE)
    expect(next.state).toBe('needs_attention')
    expect(next.lastError).toMatch(/不一致/)
  })

  it('a photo the service refuses (413, 415) is named by its place', () => {
    const report = withUploads(startSending(queued(['a.jpg', 'b.jpg'])), ['upload-aaaaaaaaaaaaaaaa'])
    const next = uploadFailed(report, 1, failure(413, { code: 'file_too_large', message: '照片太大了，请换一张不超过10MB的照片' }), NOW, MIDDLE)
    expect(next).toMatchObject({ state: 'needs_attention', fields: { 'evidenceIds.1': '照片太大了，请换一张不超过10MB的照片' } })
    expect(next.photos[0].uploadId).toBe('upload-aaaaaaaaaaaaaaaa')
  })

  it('a photo gone from the phone is named by its place', () => {
    const next = photoMissing(startSending(queued(['a.jpg', 'b.jpg'])), 1)
    expect(next.state).toBe('needs_attention')
    expect(Object.keys(next.fields)).toEqual(['evidenceIds.1'])
    expect(describeFieldErrors(next.fields)[0]).toMatch(/^第2张证据照片：/)
  })
})

describe('expired uploads', () => {
  const expired = (index: number) => failure(400, { code: 'validation_failed', fields: { [`evidenceIds.${index}`]: '这张照片已过期，请重新上传' } })

  it('uploads only the expired photo again, at once, without asking the person', () => {
    const report = withUploads(startSending(queued(['a.jpg', 'b.jpg', 'c.jpg'])), ['upload-aaaaaaaaaaaaaaaa', 'upload-bbbbbbbbbbbbbbbb', 'upload-cccccccccccccccc'])
    const next = sendFailed(report, expired(2), NOW, MIDDLE)
    expect(next).toMatchObject({ state: 'waiting', nextAttemptAt: NOW, fields: {}, renewals: 1 })
    expect(next.photos.map((photo) => photo.uploadId)).toEqual(['upload-aaaaaaaaaaaaaaaa', 'upload-bbbbbbbbbbbbbbbb', null])
    expect(nextStep(next, NOW)).toEqual({ type: 'upload', photo: 2 })
  })

  it(`asks the person after ${MAX_RENEWALS} renewals instead of looping`, () => {
    let report = withUploads(startSending(queued(['a.jpg'])), ['upload-aaaaaaaaaaaaaaaa'])
    for (let i = 0; i < MAX_RENEWALS; i += 1) {
      report = withUploads(startSending(sendFailed(report, expired(0), NOW, MIDDLE)), ['upload-renewed-' + String(i).padStart(8, '0')])
      expect(report.state).toBe('sending')
    }
    const stopped = sendFailed(report, expired(0), NOW, MIDDLE)
    expect(stopped.state).toBe('needs_attention')
    expect(Object.keys(stopped.fields)).toEqual(['evidenceIds.0'])
  })

  it('needs the person when other fields are wrong too', () => {
    const report = withUploads(startSending(queued(['a.jpg'])), ['upload-aaaaaaaaaaaaaaaa'])
    const next = sendFailed(report, failure(400, { fields: { 'evidenceIds.0': '已过期', workAddress: '请填写工作地址' } }), NOW, MIDDLE)
    expect(next.state).toBe('needs_attention')
    expect(next.photos[0].uploadId).toBe('upload-aaaaaaaaaaaaaaaa')
  })

  it('needs the person when the service names a photo the report does not have', () => {
    const report = withUploads(startSending(queued(['a.jpg'])), ['upload-aaaaaaaaaaaaaaaa'])
    expect(sendFailed(report, expired(3), NOW, MIDDLE).state).toBe('needs_attention')
  })
})

describe('reportAccepted', () => {
  it('keeps the receipt and forgets what the device no longer needs', () => {
    const sent = reportAccepted(startSending(queued()), RECEIPT, NOW + 5)
    expect(sent).toMatchObject({ state: 'sent', receipt: RECEIPT, sentAt: NOW + 5, nextAttemptAt: null, lastError: null })
    expect(sent.payload.reporter).toEqual({ name: '', mobile: '8000', residentId: null })
    expect(sent.payload.employer.name).toBe('某某建筑劳务有限公司')
    expect(JSON.stringify(sent)).not.toMatch(/张小三|13800138000|11010519491231002X/)
    expect(verifierOf(sent)).toBe('8000')
  })

  it('opens an anonymous report with its access key', () => {
    const payload = anonymousTipPayload()
    const sent = reportAccepted(newOutboxReport('key-anonymous-000001', payload, [], NOW), { ...RECEIPT, accessKey: 'ABCD-EFGH' }, NOW)
    expect(verifierOf(sent)).toBe('ABCD-EFGH')
  })
})

describe('requeue', () => {
  const NO_NEW_KEY = () => {
    throw new Error('no new key expected')
  }

  it('replaces a turned-back report, keeping uploads of photos that stayed', () => {
    const report = withUploads(startSending(queued(['a.jpg', 'b.jpg'])), ['upload-aaaaaaaaaaaaaaaa', 'upload-bbbbbbbbbbbbbbbb'])
    const turnedBack = sendFailed(report, failure(400, { fields: { workAddress: '请填写工作地址' } }), NOW, MIDDLE)
    const corrected = { ...complaintPayload(), workAddress: '荔湾区中山八路100号二楼' }
    const next = requeue(turnedBack, corrected, ['b.jpg', 'c.jpg'], NOW + 60_000, NO_NEW_KEY)
    expect(next).toMatchObject({ key: report.key, createdAt: report.createdAt, state: 'waiting', fields: {}, lastError: null })
    expect(next.payload.workAddress).toBe('荔湾区中山八路100号二楼')
    expect(next.photos).toEqual([
      { path: 'b.jpg', uploadId: 'upload-bbbbbbbbbbbbbbbb' },
      { path: 'c.jpg', uploadId: null },
    ])
  })

  it('gives a report the service holds another version of (422) a new key, and only that one', () => {
    const mismatched = sendFailed(startSending(queued(['a.jpg'])), failure(422), NOW, MIDDLE)
    expect(mismatched).toMatchObject({ state: 'needs_attention', keyTaken: true, fields: {} })
    expect(mismatched.lastError).toMatch(/不一致/)
    const next = requeue(mismatched, complaintPayload(), ['a.jpg'], NOW + 60_000, () => 'fresh-key-0000000000000001')
    expect(next).toMatchObject({ key: 'fresh-key-0000000000000001', createdAt: mismatched.createdAt, state: 'waiting', keyTaken: false, lastError: null })

    // A 400 leaves nothing under the key on the service: the correction keeps it.
    const invalid = sendFailed(startSending(queued()), failure(400, { fields: { workAddress: '请填写工作地址' } }), NOW, MIDDLE)
    expect(invalid.keyTaken).toBe(false)
    expect(requeue(invalid, complaintPayload(), [], NOW, NO_NEW_KEY).key).toBe(invalid.key)
  })

  it.each(['waiting', 'sending', 'sent'] as const)('leaves a %s report as it is', (state) => {
    const report = { ...queued(), state, receipt: state === 'sent' ? RECEIPT : null }
    expect(requeue(report, { ...complaintPayload(), description: '换了一段完全不同的情况说明。' }, [], NOW, NO_NEW_KEY)).toBe(report)
  })
})

describe('after the app closed', () => {
  it('a report that was being sent is waiting again, due now', () => {
    expect(interrupted(startSending(queued()), NOW + 1)).toMatchObject({ state: 'waiting', nextAttemptAt: NOW + 1 })
  })

  it('restores whole reports from storage and drops damaged entries', () => {
    const good = startSending(queued(['a.jpg']))
    const sent = reportAccepted(queued(), RECEIPT, NOW)
    const restored = restoreOutbox(
      JSON.parse(JSON.stringify([good, null, 'text', { key: 'no-rest' }, { ...good, state: 'lost' }, { ...sent, receipt: null }, sent])),
      NOW + 10,
    )
    expect(restored.map((report) => [report.key, report.state])).toEqual([
      [good.key, 'waiting'],
      [sent.key, 'sent'],
    ])
    expect(restoreOutbox('not a list', NOW)).toEqual([])
    expect(restoreOutbox(null, NOW)).toEqual([])
  })

  it('reads a report stored without keyTaken as one whose key is free, and keeps a taken key taken', () => {
    const { keyTaken: _absent, ...older } = queued()
    const taken = sendFailed(queued(), failure(422), NOW, MIDDLE)
    const restored = restoreOutbox(JSON.parse(JSON.stringify([older, taken, { ...taken, keyTaken: 'yes' }])), NOW)
    expect(restored.map((report) => report.keyTaken)).toEqual([false, true])
  })

  it('retryNow brings a planned retry forward; other states are left alone', () => {
    const waiting = sendFailed(queued(), failure(null), NOW, MIDDLE)
    expect(retryNow(waiting, NOW + 1).nextAttemptAt).toBe(NOW + 1)
    const sent = reportAccepted(queued(), RECEIPT, NOW)
    expect(retryNow(sent, NOW + 1)).toBe(sent)
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000)
    expect(parseRetryAfter(new Date(NOW + 30_000).toUTCString(), NOW)).toBe(30_000)
    expect(parseRetryAfter(new Date(NOW - 30_000).toUTCString(), NOW)).toBe(0)
  })

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeNull()
    expect(parseRetryAfter('soon', NOW)).toBeNull()
  })
})

describe('earliestRetry', () => {
  it('is the soonest planned retry of a waiting item, ignoring items sending, sent or without a plan', () => {
    expect(earliestRetry([])).toBeNull()
    expect(
      earliestRetry([
        { state: 'waiting', nextAttemptAt: 300 },
        { state: 'sending', nextAttemptAt: 100 },
        { state: 'waiting', nextAttemptAt: null },
        { state: 'waiting', nextAttemptAt: 200 },
        { state: 'sent', nextAttemptAt: 50 },
      ]),
    ).toBe(200)
  })
})
