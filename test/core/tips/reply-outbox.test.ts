import { hasOpenQuestion } from '../../../src/core/tips/messages'
import { newQueuedReply, nextReplyStep, replyFailed, replyPhotoUploaded, restoreReplies, uuidFromBytes } from '../../../src/core/tips/reply-outbox'

const half = () => 0.5
const reply = () => newQueuedReply('3b0f8a52-7c1e-4d2a-9e65-1f4c2b7a8d90', { trackingCode: 'K7QF-3MZP-9XRD-2WT8', verifier: '8000', body: '好的', photoPaths: ['a.jpg', 'b.jpg'] }, 1000)
const failure = (status: number | null, fields: Record<string, string> = {}, message = '出错了') => ({ status, code: 'x', message, fields, retryAfterMs: null })

describe('the reply outbox', () => {
  it('uploads each photo once, then sends them with the reply', () => {
    let queued = reply()
    expect(nextReplyStep(queued, 1000)).toEqual({ type: 'upload', photo: 0 })
    queued = replyPhotoUploaded(queued, 0, 'u0')
    expect(nextReplyStep(queued, 1000)).toEqual({ type: 'upload', photo: 1 })
    queued = replyPhotoUploaded(queued, 1, 'u1')
    expect(nextReplyStep(queued, 1000)).toEqual({ type: 'send', uploadIds: ['u0', 'u1'] })
  })

  it('waits after a passing failure, uploads an expired photo again, and stops on a refusal', () => {
    const uploaded = replyPhotoUploaded(replyPhotoUploaded(reply(), 0, 'u0'), 1, 'u1')
    const offline = replyFailed(uploaded, failure(null), 2000, half)
    expect(offline).toMatchObject({ state: 'waiting', attempts: 1, nextAttemptAt: 4000, lastError: '网络连接失败，网络恢复后会自动发送' })
    expect(nextReplyStep(offline, 3000)).toEqual({ type: 'wait', until: 4000 })

    const expired = replyFailed(uploaded, failure(400, { 'uploadIds.1': '第 2 张照片已过期或不存在，请重新上传' }), 2000, half)
    expect(nextReplyStep(expired, 2000)).toEqual({ type: 'upload', photo: 1 })
    expect(expired.photos[0].uploadId).toBe('u0')
    const again = replyFailed({ ...expired, renewals: 2 }, failure(400, { 'uploadIds.0': '过期' }), 2000, half)
    expect(again).toMatchObject({ state: 'refused', lastError: '照片多次上传后仍不能使用，请删掉这条回复，重新写一条' })

    const refused = replyFailed(uploaded, failure(400, { body: '回复请不超过1000个字' }), 2000, half)
    expect(refused).toMatchObject({ state: 'refused', lastError: '回复请不超过1000个字', nextAttemptAt: null })
    expect(nextReplyStep(refused, 2000)).toEqual({ type: 'stop' })
  })

  it('keeps whole replies from storage, an interrupted one waiting again', () => {
    const sending = { ...reply(), state: 'sending' as const }
    expect(restoreReplies([sending, { clientId: 'x' }, null], 5000)).toEqual([{ ...sending, state: 'waiting', nextAttemptAt: 5000 }])
    expect(restoreReplies('x', 1)).toEqual([])
  })

  it('makes version 4 UUIDs', () => {
    expect(uuidFromBytes(new Uint8Array(16).fill(255))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff')
    expect(uuidFromBytes(new Uint8Array(16))).toMatch(/^00000000-0000-4000-8000-000000000000$/)
  })

  it('tells an open question: a staff question with no reply after it', () => {
    expect(hasOpenQuestion([])).toBe(false)
    expect(hasOpenQuestion([{ author: 'staff', kind: 'question' }])).toBe(true)
    expect(hasOpenQuestion([{ author: 'staff', kind: 'question' }, { author: 'staff', kind: 'message' }])).toBe(true)
    expect(hasOpenQuestion([{ author: 'staff', kind: 'question' }, { author: 'reporter', kind: 'reply' }])).toBe(false)
    expect(hasOpenQuestion([{ author: 'staff', kind: 'message' }])).toBe(false)
  })
})
