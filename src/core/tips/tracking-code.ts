// Tracking codes and access keys for wage-arrears reports: random symbols the caller draws from a
// CSPRNG, written in Crockford's base32 and closed by a check symbol so that a mistyped code is
// caught on the phone instead of spending one of the server's rate-limited attempts.
import { type Check, fail, pass } from '../check'
import { toHalfWidth } from '../validators/half-width'

// Crockford's base32: no I, L, O or U.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const BITS_PER_SYMBOL = 5
const GROUP_SIZE = 4
// People read I and L as 1 and O as 0; Crockford decodes them that way too.
const CONFUSABLES: Record<string, string> = { I: '1', L: '1', O: '0' }
// Dashes people type, or their input method substitutes, between groups.
const SEPARATORS = /[\s\-‐‑‒–—―−_.]/g

// Crockford's own check symbol needs five extra symbols (*~$=U) that are awkward to read and type.
// A Damm check over GF(32) uses the same 32 symbols and still catches every single wrong symbol
// and every swap of two neighbours: x ∘ y = 2x + y is a totally anti-symmetric quasigroup.
const FIELD_POLYNOMIAL = 0b100101 // x^5 + x^2 + 1, irreducible over GF(2)

interface CodeShape {
  dataSymbols: number
  name: string
}

const TRACKING_CODE: CodeShape = { dataSymbols: 15, name: '查询码' }
const ACCESS_KEY: CodeShape = { dataSymbols: 27, name: '查询密钥' }

/** 16 symbols, 75 random bits plus the check symbol: 'K7QF-3MZP-9XRD-2WT8'. Needs ≥ 10 random bytes. */
export const TRACKING_CODE_RANDOM_BYTES = minimumBytes(TRACKING_CODE)
/** 28 symbols, 135 random bits plus the check symbol, in seven groups of four. Needs ≥ 17 random bytes. */
export const ACCESS_KEY_RANDOM_BYTES = minimumBytes(ACCESS_KEY)

export function formatTrackingCode(randomBytes: Uint8Array): string {
  return formatCode(randomBytes, TRACKING_CODE)
}

export function parseTrackingCode(input: string): Check<string> {
  return parseCode(input, TRACKING_CODE)
}

/** The secret an anonymous reporter keeps to follow their report; shown once. */
export function formatAccessKey(randomBytes: Uint8Array): string {
  return formatCode(randomBytes, ACCESS_KEY)
}

export function parseAccessKey(input: string): Check<string> {
  return parseCode(input, ACCESS_KEY)
}

function formatCode(randomBytes: Uint8Array, shape: CodeShape): string {
  const needed = minimumBytes(shape)
  if (randomBytes.length < needed) {
    throw new RangeError(`Expected at least ${needed} random bytes, got ${randomBytes.length}`)
  }
  const data = symbolsFromBits(randomBytes, shape.dataSymbols)
  return group([...data, checkSymbol(data)])
}

function parseCode(input: string, shape: CodeShape): Check<string> {
  const { name } = shape
  const length = shape.dataSymbols + 1
  // Long enough for the code with a separator between every symbol, and no longer.
  if (input.length > length * 3) return fail(`${name}应为${length}位，请核对`)

  const text = toHalfWidth(input).replace(SEPARATORS, '').toUpperCase()
  if (text === '') return fail(`请填写${name}`)
  const symbols = [...text].map((char) => CONFUSABLES[char] ?? char)
  const stray = symbols.find((char) => !ALPHABET.includes(char))
  if (stray !== undefined) {
    return fail(stray === 'U' ? `${name}中没有字母“U”，请检查是否应为“V”` : `${name}中不会出现“${stray}”，请核对`)
  }
  if (symbols.length !== length) return fail(`${name}应为${length}位，您填写了${symbols.length}位`)

  const values = symbols.map((char) => ALPHABET.indexOf(char))
  if (dammInterim(values) !== 0) return fail(`${name}有误，可能某一位填错了，请核对后重新填写`)
  return pass(group(values))
}

function minimumBytes(shape: CodeShape): number {
  return Math.ceil((shape.dataSymbols * BITS_PER_SYMBOL) / 8)
}

// Takes the leading bits of the bytes, five at a time; uniform bytes give uniform symbols.
function symbolsFromBits(bytes: Uint8Array, count: number): number[] {
  const symbols: number[] = []
  let buffer = 0
  let buffered = 0
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff
    buffered += 8
    while (buffered >= BITS_PER_SYMBOL && symbols.length < count) {
      buffered -= BITS_PER_SYMBOL
      symbols.push((buffer >> buffered) & 0b11111)
    }
    if (symbols.length === count) break
  }
  return symbols
}

function checkSymbol(data: number[]): number {
  // The check c closes the chain: 2·interim + c = 0, and in characteristic 2, −x = x.
  return timesTwo(dammInterim(data))
}

function dammInterim(values: number[]): number {
  return values.reduce((interim, value) => timesTwo(interim) ^ value, 0)
}

function timesTwo(x: number): number {
  const shifted = x << 1
  return shifted & 0b100000 ? shifted ^ FIELD_POLYNOMIAL : shifted
}

function group(values: number[]): string {
  const text = values.map((value) => ALPHABET[value]).join('')
  return text.match(new RegExp(`.{1,${GROUP_SIZE}}`, 'g'))?.join('-') ?? ''
}
