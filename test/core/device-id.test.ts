import { DEVICE_ID_HEADER, isDeviceId } from '../../src/core/device-id'

describe('the device id', () => {
  it('is 32 lower-case hex digits, as the app makes it from 16 random bytes', () => {
    expect(isDeviceId('0123456789abcdef0123456789abcdef')).toBe(true)
    for (const bad of ['', '0123456789ABCDEF0123456789ABCDEF', '0123456789abcdef0123456789abcde', '0123456789abcdef0123456789abcdef0', '0123456789abcdef-123456789abcdef', ' 0123456789abcdef0123456789abcdef']) {
      expect(isDeviceId(bad)).toBe(false)
    }
  })

  it('travels in its own header', () => {
    expect(DEVICE_ID_HEADER).toBe('X-Pufa-Device')
  })
})
