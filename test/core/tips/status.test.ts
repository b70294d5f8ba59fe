import {
  canTransition,
  describeRefusedTransition,
  isFinalStatus,
  isTipStatus,
  needsNoteToReporter,
  TIP_STATUS_NAMES,
  TIP_STATUSES,
  tipStatusName,
} from '../../../src/core/tips/status'

describe('report statuses', () => {
  it('names every status in Chinese', () => {
    expect(TIP_STATUSES.map((status) => TIP_STATUS_NAMES[status])).toEqual(['已提交', '已受理', '不予受理', '调查中', '已办结'])
  })

  it('allows exactly submitted → accepted | rejected, accepted → investigating, investigating → closed', () => {
    const allowed = TIP_STATUSES.flatMap((from) => TIP_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`))
    expect(allowed).toEqual(['submitted→accepted', 'submitted→rejected', 'accepted→investigating', 'investigating→closed'])
  })

  it('treats rejected and closed as final', () => {
    expect(TIP_STATUSES.filter(isFinalStatus)).toEqual(['rejected', 'closed'])
  })

  it('asks for a note to the reporter when rejecting or closing', () => {
    expect(TIP_STATUSES.filter(needsNoteToReporter)).toEqual(['rejected', 'closed'])
  })

  it('recognises statuses and never shows a code to people', () => {
    expect(isTipStatus('accepted')).toBe(true)
    expect(isTipStatus('ACCEPTED')).toBe(false)
    expect(isTipStatus(undefined)).toBe(false)
    expect(tipStatusName('investigating')).toBe('调查中')
    expect(tipStatusName('escalated')).toBe('处理中')
  })

  it.each([
    ['submitted', 'closed', '这份反映目前是“已提交”，不能改为“已办结”，只能改为“已受理”或“不予受理”'],
    ['accepted', 'rejected', '这份反映目前是“已受理”，不能改为“不予受理”，只能改为“调查中”'],
    ['closed', 'investigating', '这份反映目前是“已办结”，已经结束，不能再改为“调查中”'],
    ['rejected', 'accepted', '这份反映目前是“不予受理”，已经结束，不能再改为“已受理”'],
    ['investigating', 'investigating', '这份反映目前是“调查中”，无需再改'],
  ] as const)('explains why %s → %s is refused', (from, to, message) => {
    expect(describeRefusedTransition(from, to)).toBe(message)
  })
})
