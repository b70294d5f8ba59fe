// Where a wage-arrears report stands, and who may move it where. The server enforces the moves;
// the app and the staff tools show the same words.

export const TIP_STATUSES = ['submitted', 'accepted', 'rejected', 'investigating', 'closed'] as const
export type TipStatus = (typeof TIP_STATUSES)[number]

export const TIP_STATUS_NAMES: Readonly<Record<TipStatus, string>> = {
  submitted: '已提交',
  accepted: '已受理',
  rejected: '不予受理',
  investigating: '调查中',
  closed: '已办结',
}

/** submitted → accepted | rejected, accepted → investigating, investigating → closed; nothing leaves rejected or closed. */
export const TIP_TRANSITIONS: Readonly<Record<TipStatus, readonly TipStatus[]>> = {
  submitted: ['accepted', 'rejected'],
  accepted: ['investigating'],
  investigating: ['closed'],
  rejected: [],
  closed: [],
}

export function isTipStatus(value: unknown): value is TipStatus {
  return typeof value === 'string' && (TIP_STATUSES as readonly string[]).includes(value)
}

export function canTransition(from: TipStatus, to: TipStatus): boolean {
  return TIP_TRANSITIONS[from].includes(to)
}

/** No further change can happen: the report is finished, and counts towards the retention period. */
export function isFinalStatus(status: TipStatus): boolean {
  return TIP_TRANSITIONS[status].length === 0
}

/** A reporter told "no" or "done" is owed the reason in words. */
export function needsNoteToReporter(to: TipStatus): boolean {
  return to === 'rejected' || to === 'closed'
}

/** The status name for people; an unknown value (newer server) reads as 处理中 rather than a code. */
export function tipStatusName(status: string): string {
  return isTipStatus(status) ? TIP_STATUS_NAMES[status] : '处理中'
}

/** Why `from → to` is refused, in words for staff. */
export function describeRefusedTransition(from: TipStatus, to: TipStatus): string {
  const current = `这份反映目前是“${TIP_STATUS_NAMES[from]}”`
  if (from === to) return `${current}，无需再改`
  const allowed = TIP_TRANSITIONS[from]
  if (allowed.length === 0) return `${current}，已经结束，不能再改为“${TIP_STATUS_NAMES[to]}”`
  return `${current}，不能改为“${TIP_STATUS_NAMES[to]}”，只能改为${allowed.map((status) => `“${TIP_STATUS_NAMES[status]}”`).join('或')}`
}
