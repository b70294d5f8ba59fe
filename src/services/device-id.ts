import { DEVICE_ID_HEADER, isDeviceId } from '../core/device-id'
import { keyFromBytes } from '../core/tips/draft'
import { randomBytes } from './random-bytes'
import { readStored, writeStored } from './storage'

const STORAGE_KEY = 'pufa.device'

let deviceId: string | null = null

/**
 * This device's id (src/core/device-id.ts), made once and kept. When storage refuses it, the id
 * lives until the app closes: the service then counts this run as a new device, nothing more.
 */
function currentDeviceId(): string {
  if (deviceId !== null) return deviceId
  const stored = readStored(STORAGE_KEY)
  if (stored !== null && isDeviceId(stored)) {
    deviceId = stored
  } else {
    deviceId = keyFromBytes(randomBytes(16))
    writeStored(STORAGE_KEY, deviceId)
  }
  return deviceId
}

/** The header for the requests the service limits per device: reports, photos, replies, status lookups, feedback. */
export function deviceHeader(): Record<string, string> {
  return { [DEVICE_ID_HEADER]: currentDeviceId() }
}
