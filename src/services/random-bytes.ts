/**
 * `length` random bytes for ids the app makes (Idempotency-Keys, reply ids, the device id). Browsers
 * have crypto.getRandomValues; WeChat's engine has no `crypto` and only an asynchronous
 * wx.getRandomValues, so it falls back to Math.random. These ids only have to be unique, not
 * secret: the server makes the secrets.
 */
export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') {
    crypto.getRandomValues(bytes)
  } else {
    for (let index = 0; index < bytes.length; index += 1) bytes[index] = Math.floor(Math.random() * 256)
  }
  return bytes
}
