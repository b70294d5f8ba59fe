import type { UpdateHint } from '../core/sync/status'

/** WeChat downloads a new version of a mini-program when it is opened again. */
export const UPDATE_HINT: UpdateHint = 'weapp'
