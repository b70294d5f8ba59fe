import { base32Decode, base32Encode } from '../../../server/staff-auth/base32'
import { generateTotpSecret, hotp, matchTotp, normaliseTotpCode, otpauthUri, totpAt, totpStepAt } from '../../../server/staff-auth/totp'

// The shared secret of the test vectors of RFC 4226 (appendix D) and RFC 6238 (appendix B, SHA-1).
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii')
const RFC_SECRET_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'

describe('base32 (RFC 4648)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('writes %j as %j (the RFC 4648 test vectors, without padding), and reads it back', (text, encoded) => {
    expect(base32Encode(Buffer.from(text))).toBe(encoded)
    expect(base32Decode(encoded)?.toString()).toBe(text)
  })

  it('refuses what is not upper-case base32', () => {
    expect(base32Decode('MZXW6YT1')).toBeUndefined()
    expect(base32Decode('mzxw6')).toBeUndefined()
  })

  it('writes the RFC test secret as authenticator apps take it', () => {
    expect(base32Encode(RFC_SECRET)).toBe(RFC_SECRET_BASE32)
  })
})

describe('HOTP (RFC 4226, appendix D)', () => {
  it.each([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [3, '969429'],
    [4, '338314'],
    [5, '254676'],
    [6, '287922'],
    [7, '162583'],
    [8, '399871'],
    [9, '520489'],
  ])('gives counter %i the value %s', (counter, value) => {
    expect(hotp(RFC_SECRET, counter)).toBe(value)
  })
})

describe('TOTP (RFC 6238, appendix B, SHA-1)', () => {
  // The RFC lists 8 digits; 6 digits are the same number modulo 10^6, its last six.
  it.each([
    [59, '0000000000000001', '94287082'],
    [1111111109, '00000000023523EC', '07081804'],
    [1111111111, '00000000023523ED', '14050471'],
    [1234567890, '000000000273EF07', '89005924'],
    [2000000000, '0000000003F940AA', '69279037'],
    [20000000000, '0000000027BC86AA', '65353130'],
  ])('at %i s (T = %s) shows the last six digits of %s', (seconds, stepHex, eightDigits) => {
    expect(totpStepAt(seconds * 1000)).toBe(parseInt(stepHex, 16))
    expect(totpAt(RFC_SECRET_BASE32, seconds * 1000)).toBe(eightDigits.slice(-6))
  })

  const at = 1111111111 * 1000

  it('accepts the code of now and of one step either side, and says which step it was', () => {
    const now = totpStepAt(at)
    expect(matchTotp(RFC_SECRET_BASE32, totpAt(RFC_SECRET_BASE32, at), at)).toBe(now)
    expect(matchTotp(RFC_SECRET_BASE32, totpAt(RFC_SECRET_BASE32, at - 30_000), at)).toBe(now - 1)
    expect(matchTotp(RFC_SECRET_BASE32, totpAt(RFC_SECRET_BASE32, at + 30_000), at)).toBe(now + 1)
  })

  it('refuses a code two steps away, a wrong code, and anything that is not six digits', () => {
    expect(matchTotp(RFC_SECRET_BASE32, totpAt(RFC_SECRET_BASE32, at - 60_000), at)).toBeUndefined()
    expect(matchTotp(RFC_SECRET_BASE32, totpAt(RFC_SECRET_BASE32, at + 60_000), at)).toBeUndefined()
    const right = totpAt(RFC_SECRET_BASE32, at)
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0')
    expect(matchTotp(RFC_SECRET_BASE32, wrong, at)).toBeUndefined()
    for (const typed of ['', '12345', '1234567', 'abcdef', `${right}0`]) expect(matchTotp(RFC_SECRET_BASE32, typed, at)).toBeUndefined()
  })

  it('takes the code as people type it, with a space or a dash in the middle', () => {
    const right = totpAt(RFC_SECRET_BASE32, at)
    expect(normaliseTotpCode(`${right.slice(0, 3)} ${right.slice(3)}`)).toBe(right)
    expect(matchTotp(RFC_SECRET_BASE32, `${right.slice(0, 3)}-${right.slice(3)}`, at)).toBe(totpStepAt(at))
  })

  it('makes 160-bit secrets, different each time', () => {
    const secrets = new Set(Array.from({ length: 20 }, generateTotpSecret))
    expect(secrets.size).toBe(20)
    for (const secret of secrets) expect(base32Decode(secret)).toHaveLength(20)
  })

  it('writes the otpauth URI that authenticator apps scan', () => {
    const uri = new URL(otpauthUri({ issuer: '法治人社', account: 'zhangsan', secretBase32: RFC_SECRET_BASE32 }))
    expect(uri.protocol).toBe('otpauth:')
    expect(uri.host).toBe('totp')
    expect(decodeURIComponent(uri.pathname)).toBe('/法治人社:zhangsan')
    expect(Object.fromEntries(uri.searchParams)).toEqual({ secret: RFC_SECRET_BASE32, issuer: '法治人社', algorithm: 'SHA1', digits: '6', period: '30' })
  })
})
