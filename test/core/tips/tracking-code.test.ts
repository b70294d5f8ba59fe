import { randomBytes } from 'node:crypto'
import {
  ACCESS_KEY_RANDOM_BYTES,
  formatAccessKey,
  formatTrackingCode,
  parseAccessKey,
  parseTrackingCode,
  TRACKING_CODE_RANDOM_BYTES,
} from '../../../src/core/tips/tracking-code'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const TRACKING_CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/
const ACCESS_KEY_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/

// Packs 5-bit symbol values into bytes, to make a code with chosen data symbols.
function bytesFor(symbols: string, byteCount: number): Uint8Array {
  const bits = [...symbols].map((char) => ALPHABET.indexOf(char).toString(2).padStart(5, '0')).join('')
  const padded = bits.padEnd(byteCount * 8, '0')
  return Uint8Array.from({ length: byteCount }, (_, i) => parseInt(padded.slice(i * 8, i * 8 + 8), 2))
}

function withoutDashes(code: string): string[] {
  return [...code.replace(/-/g, '')]
}

function regroup(symbols: string[]): string {
  return symbols.join('').replace(/(.{4})(?!$)/g, '$1-')
}

const samples = Array.from({ length: 40 }, () => formatTrackingCode(randomBytes(TRACKING_CODE_RANDOM_BYTES)))

describe('formatTrackingCode', () => {
  it('needs 10 random bytes and writes 16 symbols in four groups', () => {
    expect(TRACKING_CODE_RANDOM_BYTES).toBe(10)
    for (const code of samples) expect(code).toMatch(TRACKING_CODE_SHAPE)
  })

  it('encodes the leading bits of the bytes in order, then the check symbol', () => {
    expect(formatTrackingCode(new Uint8Array(10))).toBe('0000-0000-0000-0000')
    const code = formatTrackingCode(bytesFor('K7QF3MZP9XRD2WT', 10))
    expect(code.slice(0, 18)).toBe('K7QF-3MZP-9XRD-2WT')
    expect(parseTrackingCode(code)).toEqual({ ok: true, value: code })
  })

  it('ignores bytes beyond the ten it needs', () => {
    const bytes = randomBytes(16)
    expect(formatTrackingCode(bytes)).toBe(formatTrackingCode(bytes.subarray(0, 10)))
  })

  it('refuses too few random bytes', () => {
    expect(() => formatTrackingCode(new Uint8Array(9))).toThrow('Expected at least 10 random bytes, got 9')
  })

  it('spreads symbols evenly and does not repeat', () => {
    const count = 20_000
    const codes = Array.from({ length: count }, () => formatTrackingCode(randomBytes(10)))
    expect(new Set(codes).size).toBe(count)

    const tallies = (positions: 'data' | 'check') => {
      const tally = new Map<string, number>([...ALPHABET].map((char) => [char, 0]))
      for (const code of codes) {
        const symbols = withoutDashes(code)
        for (const char of positions === 'data' ? symbols.slice(0, 15) : symbols.slice(15)) {
          tally.set(char, (tally.get(char) ?? 0) + 1)
        }
      }
      return [...tally.values()]
    }
    // 300,000 data symbols: 9,375 expected each, σ ≈ 95, so ±6% is over 5σ.
    for (const n of tallies('data')) expect(Math.abs(n - 9375)).toBeLessThan(9375 * 0.06)
    // 20,000 check symbols: 625 expected each, σ ≈ 25.
    for (const n of tallies('check')) expect(Math.abs(n - 625)).toBeLessThan(150)
  })
})

describe('parseTrackingCode', () => {
  it('round-trips every sample', () => {
    for (const code of samples) expect(parseTrackingCode(code)).toEqual({ ok: true, value: code })
  })

  it('catches every single wrong symbol, in every position', () => {
    for (const code of samples) {
      const symbols = withoutDashes(code)
      symbols.forEach((original, position) => {
        for (const replacement of ALPHABET) {
          if (replacement === original) continue
          const typo = [...symbols]
          typo[position] = replacement
          expect(parseTrackingCode(regroup(typo))).toEqual({
            ok: false,
            message: '查询码有误，可能某一位填错了，请核对后重新填写',
          })
        }
      })
    }
  })

  it('catches every swap of two neighbouring symbols, the check symbol included', () => {
    let swaps = 0
    for (const code of samples) {
      const symbols = withoutDashes(code)
      for (let i = 0; i + 1 < symbols.length; i += 1) {
        if (symbols[i] === symbols[i + 1]) continue
        const swapped = [...symbols]
        ;[swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]]
        expect(parseTrackingCode(regroup(swapped)).ok).toBe(false)
        swaps += 1
      }
    }
    expect(swaps).toBeGreaterThan(500)
  })

  it('catches every swap of neighbours for every pair of symbols', () => {
    const base = withoutDashes(samples[0])
    for (const a of ALPHABET) {
      for (const b of ALPHABET) {
        if (a === b) continue
        const data = [...base.slice(0, 6), a, b, ...base.slice(8, 15)]
        const code = formatTrackingCode(bytesFor(data.join(''), 10))
        const swapped = withoutDashes(code)
        ;[swapped[6], swapped[7]] = [swapped[7], swapped[6]]
        expect(parseTrackingCode(regroup(swapped)).ok).toBe(false)
      }
    }
  })

  it('forgives lower case, spaces, missing or full-width dashes and look-alike letters', () => {
    const code = formatTrackingCode(bytesFor('10K7QF3MZP9XRD1', 10))
    expect(code.startsWith('10K7-QF3M-ZP9X-RD1')).toBe(true)
    const expected = { ok: true, value: code }
    expect(parseTrackingCode(code.toLowerCase())).toEqual(expected)
    expect(parseTrackingCode(code.replace(/-/g, ''))).toEqual(expected)
    expect(parseTrackingCode(` ${code.replace(/-/g, ' ')} `)).toEqual(expected)
    expect(parseTrackingCode(code.replace(/-/g, '－'))).toEqual(expected)
    expect(parseTrackingCode(code.replace(/-/g, '—'))).toEqual(expected)
    expect(parseTrackingCode(code.replace(/^10/, 'IO'))).toEqual(expected)
    expect(parseTrackingCode(code.replace(/^10/, 'lo'))).toEqual(expected)
    expect(parseTrackingCode(code.replace(/^10/, 'Lo').replace('RD1', 'RDi'))).toEqual(expected)
    expect(parseTrackingCode('１０Ｋ７' + code.slice(4))).toEqual(expected)
  })

  it.each([
    ['', '请填写查询码'],
    ['  -  ', '请填写查询码'],
    ['K7QF-3MZP-9XRD-2WT', '查询码应为16位，您填写了15位'],
    ['K7QF-3MZP-9XRD-2WT8-A', '查询码应为16位，您填写了17位'],
    ['K7QF-3MZP-9XRD-2WU8', '查询码中没有字母“U”，请检查是否应为“V”'],
    ['K7QF-3MZP-9XRD-2W*8', '查询码中不会出现“*”，请核对'],
    ['K7QF-3MZP-9XRD-2W号8', '查询码中不会出现“号”，请核对'],
    ['K'.repeat(49), '查询码应为16位，请核对'],
  ])('rejects %j', (input, message) => {
    expect(parseTrackingCode(input)).toEqual({ ok: false, message })
  })

  it('rejects an access key typed where the tracking code goes', () => {
    expect(parseTrackingCode(formatAccessKey(randomBytes(17)))).toEqual({
      ok: false,
      message: '查询码应为16位，您填写了28位',
    })
  })
})

describe('access keys', () => {
  it('carry at least 128 random bits, in seven groups of four', () => {
    expect(ACCESS_KEY_RANDOM_BYTES).toBe(17)
    expect(27 * 5).toBeGreaterThanOrEqual(128)
    expect(formatAccessKey(randomBytes(17))).toMatch(ACCESS_KEY_SHAPE)
    expect(() => formatAccessKey(randomBytes(16))).toThrow('Expected at least 17 random bytes, got 16')
  })

  it('round-trip, forgive the same typing habits, and catch a wrong symbol', () => {
    for (let i = 0; i < 200; i += 1) {
      const key = formatAccessKey(randomBytes(17))
      expect(parseAccessKey(key)).toEqual({ ok: true, value: key })
      expect(parseAccessKey(key.toLowerCase().replace(/-/g, ' '))).toEqual({ ok: true, value: key })
      const symbols = withoutDashes(key)
      const position = i % symbols.length
      symbols[position] = symbols[position] === 'A' ? 'B' : 'A'
      expect(parseAccessKey(symbols.join(''))).toEqual({
        ok: false,
        message: '查询密钥有误，可能某一位填错了，请核对后重新填写',
      })
    }
  })

  it('name themselves in messages', () => {
    expect(parseAccessKey('')).toEqual({ ok: false, message: '请填写查询密钥' })
    expect(parseAccessKey(formatTrackingCode(randomBytes(10)))).toEqual({
      ok: false,
      message: '查询密钥应为28位，您填写了16位',
    })
  })
})
