// What staff do with a report in the workspace, and which of those a report allows now. The
// service enforces it; the console shows the same names and offers only the allowed ones.
import { describeRefusedTransition, TIP_STATUS_NAMES, type TipStatus } from './status'

export const TIP_ACTIONS = ['accept', 'investigate', 'extend', 'close', 'reject', 'transfer', 'link_duplicate', 'unlink_duplicate'] as const
export type TipAction = (typeof TIP_ACTIONS)[number]

export const TIP_ACTION_NAMES: Readonly<Record<TipAction | 'transition', string>> = {
  accept: '受理（立案）',
  investigate: '开始调查',
  extend: '延长调查期限',
  close: '办结',
  reject: '不予受理',
  transfer: '转交其他区县',
  link_duplicate: '标为重复反映',
  unlink_duplicate: '取消重复标记',
  // Status changes recorded before the workspace (issue 11) had no action name.
  transition: '改变状态',
}

export function isTipAction(value: unknown): value is TipAction {
  return typeof value === 'string' && (TIP_ACTIONS as readonly string[]).includes(value)
}

/** The status an action moves a report to; null for the actions that keep it where it is. */
export const ACTION_TARGET: Readonly<Record<TipAction, TipStatus | null>> = {
  accept: 'accepted',
  investigate: 'investigating',
  extend: null,
  close: 'closed',
  reject: 'rejected',
  transfer: null,
  link_duplicate: null,
  unlink_duplicate: null,
}

/** Open: a clock runs and staff still work on it. */
export const OPEN_STATUSES: readonly TipStatus[] = ['submitted', 'accepted', 'investigating']

export function isOpenStatus(status: TipStatus): boolean {
  return OPEN_STATUSES.includes(status)
}

export interface ActionState {
  status: TipStatus
  /** The investigation deadline was extended already (once only). */
  extended: boolean
  /** The report is marked as a duplicate of another. */
  duplicateOf: string | null
}

/** Why `action` is refused now, in words for staff; null when it is allowed. */
export function refusalOf(action: TipAction, state: ActionState): string | null {
  const current = `这份反映目前是“${TIP_STATUS_NAMES[state.status]}”`
  const target = ACTION_TARGET[action]
  if (target !== null) {
    const from: Record<TipStatus, TipStatus | null> = { submitted: null, accepted: 'submitted', rejected: 'submitted', investigating: 'accepted', closed: 'investigating' }
    return from[target] === state.status ? null : describeRefusedTransition(state.status, target)
  }
  switch (action) {
    case 'extend':
      if (state.status !== 'accepted' && state.status !== 'investigating') return `${current}，只有已受理或调查中的反映才能延长调查期限`
      return state.extended ? '这份反映的调查期限已经延长过一次，不能再延长' : null
    case 'transfer':
      return isOpenStatus(state.status) ? null : `${current}，已经结束，不能转交`
    case 'link_duplicate':
      return state.duplicateOf === null ? null : '这份反映已经标为重复反映，请先取消原来的标记'
    case 'unlink_duplicate':
      return state.duplicateOf === null ? '这份反映没有标为重复反映' : null
    default:
      return null
  }
}

/** The actions allowed now, in the order the console offers them. */
export function allowedActions(state: ActionState): TipAction[] {
  return TIP_ACTIONS.filter((action) => refusalOf(action, state) === null)
}
