import type { UpdateHint } from '../core/sync/status'

/** H5: reloading the page fetches the newest build. */
export const UPDATE_HINT: UpdateHint = 'h5'
