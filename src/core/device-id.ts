// The app's device id: 16 random bytes in hex, made once on the phone and sent with the requests
// the service limits per device (reports, photos, replies, status lookups), so that people sharing
// one network address (a work site's WiFi, a carrier's NAT) are not counted as one client. It names
// no person and the service stores it nowhere (a keyed hash of it counts requests for 10 minutes).

/** The request header that carries it. */
export const DEVICE_ID_HEADER = 'X-Pufa-Device'

const DEVICE_ID_PATTERN = /^[0-9a-f]{32}$/

export function isDeviceId(text: string): boolean {
  return DEVICE_ID_PATTERN.test(text)
}
