// Generated bad submissions for POST /api/v1/tips. Each case starts from a valid report made at
// random (seeded) and breaks one thing, or two independent things, knowing which field the
// server must name; the rest are broken at the HTTP level (JSON, content type, size, key).
import { chinaDateOf } from '../../src/core/calendar/working-days'
import { type Random, seededRandom } from '../support/seeded-random'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type Body = Record<string, Json>

export interface BadCase {
  /** Why the request is bad, for the failure message. */
  label: string
  headers: Record<string, string | string[]>
  payload: string | Buffer
  /** A field problem: the paths the answer must name in `fields` (400 validation_failed). */
  fields?: string[]
  /** Paths the answer may also name (evidence ids the server may check further). */
  mayAlsoName?: (path: string) => boolean
  /** Otherwise the error code, when only one is right. */
  code?: string
  /** Personal data in the request that the answer must not repeat. */
  secrets: string[]
}

export const DISTRICTS = ['440103', '440104', '440105', '440106', '440111', '440112', '440113', '440114', '440115', '440117', '440118']
const MEGABYTE = 1_000_000
const BODY_LIMIT = 1024 * 1024

const SURNAMES = '欧阳司马诸葛上官东方'
const GIVEN = '建国秀英志强丽华春梅海燕永红桂兰文军德胜'
const EMPLOYERS = ['广州某某建筑劳务有限公司', '天河区鸿运装修工程队', '白云区某某服装厂', '番禺区兴旺餐饮管理有限公司', '海珠区某某物流有限公司']
const ADDRESSES = ['荔湾区中山八路100号', '天河区天河路385号工地', '白云区机场路1963号', '番禺区市桥街繁华路18号', '黄埔区开发大道2号三楼']
const PROJECTS = ['荔湾新城三期', '天河北综合楼', '白云湖安置房二标段', '南沙港配套道路工程']
const DESCRIPTIONS = [
  '从去年十月起一直没有发工资，老板说等工程款到了再发。',
  '干完活三个月了，包工头一直拖着工资不给，电话也不接。',
  '工厂停产后老板失联，拖欠全体工人两个月工资和加班费。',
]
const SQL = ["'; DROP TABLE tips;--", "1' OR '1'='1", "440103' UNION SELECT reporter_mobile FROM tips--", '1; DELETE FROM idempotency_keys']
const HTML = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', 'javascript:alert(1)']
const EMOJI = ['😀', '👷‍♂️', '💰', '🇨🇳', '𠮷']
// Characters no text field may hold: NUL and other controls, DEL, C1 controls, bidi overrides and a lone surrogate.
const UNREADABLE = ['\u0000', '\u0001', '\u0007', '\u000b', '\u001b', '\u007f', '\u0085', '\u009f', '\u202e', '\u2066', '\ud800', '\udfff']
// Coded values are read with white space removed, and U+000B is white space.
const UNREADABLE_NOT_SPACE = UNREADABLE.filter((char) => !/\s/.test(char))
const WRONG_TYPES: Json[] = [0, 1, -1, 3.5, true, false, [], ['x'], {}, { value: 'x' }]
const NOT_STRINGS = WRONG_TYPES
const NOT_BOOLEANS: Json[] = [0, 1, 'true', 'false', '是', [], [true], {}, { value: true }]
const NOT_OBJECTS: Json[] = [0, 1, true, false, 'x', '某某', [], [{}]]

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const RESIDENT_ID_CHECK = '10X98765432'
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

class Picker {
  constructor(readonly random: Random) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1))
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]
  }
  chance(p: number): boolean {
    return this.random() < p
  }
  digits(count: number): string {
    return Array.from({ length: count }, () => String(this.int(0, 9))).join('')
  }
  chars(alphabet: string, count: number): string {
    const list = Array.from(alphabet)
    return Array.from({ length: count }, () => this.pick(list)).join('')
  }
  /** `text` with `insert` somewhere inside it, never at either end (where trimming could drop it). */
  insertInto(text: string, insert: string): string {
    const chars = Array.from(text)
    const at = this.int(1, Math.max(1, chars.length - 1))
    return [...chars.slice(0, at), insert, ...chars.slice(at)].join('')
  }
}

export function residentIdCheckChar(first17: string): string {
  const sum = RESIDENT_ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0)
  return RESIDENT_ID_CHECK[sum % 11]
}

export function usccCheckChar(first17: string): string {
  const sum = USCC_WEIGHTS.reduce((total, weight, i) => total + weight * USCC_ALPHABET.indexOf(first17[i]), 0)
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]
}

function residentIdWith(first17: string): string {
  return first17 + residentIdCheckChar(first17)
}

/** A resident ID most of the time, else a Hong Kong, Macao or Taiwan residence permit or a foreigner's permanent-residence ID. */
function validResidentId(p: Picker): string {
  const birth = `${p.int(1955, 2004)}${String(p.int(1, 12)).padStart(2, '0')}${String(p.int(1, 28)).padStart(2, '0')}`
  const area = p.chance(0.8)
    ? p.pick(['110105', '310104', '440106', '440305', '510107', '330102'])
    : p.pick(['810000', '820000', '830000', `9${p.pick(['11', '31', '44'])}${p.pick(['840', '250', '410', '036'])}`])
  return residentIdWith(`${area}${birth}${p.digits(3)}`)
}

function validUscc(p: Picker): string {
  const first17 = `91${p.pick(['440101', '440106', '440300'])}${p.chars(USCC_ALPHABET, 9)}`
  return first17 + usccCheckChar(first17)
}

function validMobile(p: Picker): string {
  return `1${p.int(3, 9)}${p.digits(9)}`
}

/** A landline with its area code, written the ways people write one. */
function validLandline(p: Picker): string {
  const [area, local] = p.pick<[string, string]>([
    ['020', `${p.int(2, 9)}${p.digits(7)}`],
    ['010', `${p.int(2, 9)}${p.digits(7)}`],
    ['0757', `${p.int(2, 9)}${p.digits(7)}`],
    ['0763', `${p.int(2, 9)}${p.digits(6)}`],
  ])
  return p.pick([`${area}-${local}`, `(${area})${local}`, `（${area}）${local}`, `${area} ${local.slice(0, 4)} ${local.slice(4)}`, `${area}${local}`])
}

/** An amount as a worker types it: exact, in 万, or an estimate. */
function validAmount(p: Picker): string {
  return p.pick([
    `${p.int(1, 999_999)}.${p.digits(2)}`,
    `${p.int(1, 999)},${p.digits(3)}.${p.digits(2)}`,
    `${p.int(1, 99)}万`,
    `约${p.int(1, 99)}万`,
    `¥${p.int(100, 99_999)}`,
    `${p.int(1, 99)}.${p.int(1, 9)}万元`,
    `${p.int(1000, 9999)}元左右`,
    `${p.int(1, 99)}万多`,
  ])
}

function validName(p: Picker): string {
  // Compound surnames and unusual given names: three or four characters no message contains.
  return `${p.chars(SURNAMES.slice(0, 2), 1)}${p.chars(SURNAMES, 1)}${p.chars(GIVEN, p.int(1, 2))}`
}

function monthOffset(month: string, delta: number): string {
  const [year, number] = month.split('-').map(Number)
  const index = year * 12 + (number - 1) + delta
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

export type BaseKind = 'complaint' | 'named-tip' | 'anonymous-tip'

/** A random report that the server accepts, and the personal data in it. */
function validReport(p: Picker, kind: BaseKind, currentMonth: string): { body: Body; secrets: string[] } {
  const isConstruction = p.chance(0.5)
  const to = monthOffset(currentMonth, -p.int(1, 24))
  const body: Body = {
    kind: kind === 'complaint' ? 'complaint' : 'tip',
    employer: p.chance(0.5) ? { name: p.pick(EMPLOYERS), uscc: validUscc(p) } : { name: p.pick(EMPLOYERS) },
    districtCode: p.pick(DISTRICTS),
    workAddress: p.pick(ADDRESSES),
    isConstruction,
    ...(isConstruction ? { constructionProject: p.pick(PROJECTS) } : {}),
    workersOwed: p.chance(0.7) ? p.int(1, 300) : String(p.int(1, 300)),
    owedPeriod: { from: monthOffset(to, -p.int(0, 36)), to },
    description: p.pick(DESCRIPTIONS),
    // Given, so that the bad evidence ids below are the only problem even of an anonymous tip.
    consentSensitive: true,
    truthful: true,
  }
  // A complaint says how much; a tip may not know.
  if (kind === 'complaint' || p.chance(0.7)) body.amountYuan = validAmount(p)
  if (kind === 'anonymous-tip') {
    const reporter = p.pick<Json | undefined>([undefined, null, { name: '', mobile: '' }])
    if (reporter !== undefined) body.reporter = reporter
    return { body, secrets: [] }
  }
  const name = validName(p)
  const mobile = p.chance(0.8) ? validMobile(p) : validLandline(p)
  const reporter: Body = { name, mobile }
  const secrets = [name, mobile]
  if (kind === 'complaint' && p.chance(0.7)) {
    reporter.residentId = validResidentId(p)
    secrets.push(reporter.residentId)
  }
  body.reporter = reporter
  return { body, secrets }
}

const DELETE = Symbol('delete')
type Replacement = Json | typeof DELETE

function withValue(body: Body, path: string, value: Replacement): Body {
  const copy = structuredClone(body)
  const segments = path.split('.')
  let target: Record<string, Json> = copy
  for (const segment of segments.slice(0, -1)) target = target[segment] as Record<string, Json>
  const last = segments[segments.length - 1]
  if (value === DELETE) delete target[last]
  else target[last] = value
  return copy
}

function valueAt(body: Body, path: string): Json | undefined {
  let value: Json | undefined = body
  for (const segment of path.split('.')) value = (value as Record<string, Json> | undefined)?.[segment]
  return value
}

interface Mutation {
  label: string
  value: Replacement
  fields: string[]
  /** Judged by the server only once everything else is valid (uploads are looked up last). */
  checkedLast?: true
}

type MutationSource = (p: Picker, body: Body, context: { currentMonth: string; kind: BaseKind }) => Mutation[]

const missing = (path: string, fields = [path]): Mutation[] => [
  { label: `${path} missing`, value: DELETE, fields },
  { label: `${path} null`, value: null, fields },
]
const wrongTypes = (path: string, values: Json[], fields = [path]): Mutation[] =>
  values.map((value) => ({ label: `${path} of the wrong type (${JSON.stringify(value)})`, value, fields }))
const strings = (path: string, label: string, values: string[], fields = [path]): Mutation[] =>
  values.map((value) => ({ label: `${path} ${label} (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`, value, fields }))

/** The mutations of a free-text field that must be between `min` and `max` characters. */
function textMutations(p: Picker, path: string, current: string, min: number, max: number): Mutation[] {
  const filler = Array.from('某某单位拖欠工资情况说明')
  const text = (length: number) => Array.from({ length }, () => p.pick(filler)).join('')
  return [
    ...missing(path),
    ...strings(path, 'empty or blank', ['', '   ', '\u3000\u3000', '\n\t']),
    ...strings(path, 'too short', [text(min - 1)].filter((value) => value.length > 0)),
    ...strings(path, 'too long', [text(max + 1), text(max + p.int(2, 500)), 'x'.repeat(MEGABYTE)]),
    ...strings(path, 'with an unreadable character', [p.insertInto(current, p.pick(UNREADABLE)), p.insertInto(current, p.pick(UNREADABLE))]),
    ...wrongTypes(path, [p.pick(NOT_STRINGS), p.pick(NOT_STRINGS)]),
  ]
}

/** Strings no coded field (mobile, ID, code, amount, month, district, kind) accepts. */
function junk(p: Picker): string[] {
  return [p.pick(SQL), p.pick(HTML), `${p.digits(4)}${p.pick(EMOJI)}`, p.pick(EMOJI), p.pick(UNREADABLE_NOT_SPACE), 'x'.repeat(p.int(65, 300))]
}

const MUTATIONS: Record<string, MutationSource> = {
  kind: (p) => [
    ...missing('kind'),
    ...strings('kind', 'not a kind', ['', 'Complaint', 'COMPLAINT', ' tip', 'arbitration', '投诉', 'complaint\u0000', ...junk(p)]),
    ...wrongTypes('kind', [p.pick(WRONG_TYPES), ['complaint']]),
  ],

  reporter: (p, _body, { kind }) => {
    if (kind === 'complaint') {
      return [
        ...missing('reporter'),
        { label: 'complaint with an emptied reporter', value: { name: '', mobile: ' ' }, fields: ['reporter'] },
        ...wrongTypes('reporter', [p.pick(NOT_OBJECTS), p.pick(NOT_OBJECTS), '']),
      ]
    }
    if (kind === 'named-tip') return wrongTypes('reporter', [p.pick(NOT_OBJECTS), p.pick(NOT_OBJECTS)])
    return []
  },

  'reporter.name': (p, body, { kind }) => (kind === 'anonymous-tip' ? [] : textMutations(p, 'reporter.name', String(valueAt(body, 'reporter.name')), 2, 30)),

  'reporter.mobile': (p, _body, { kind }) => {
    if (kind === 'anonymous-tip') return []
    const mobile = validMobile(p)
    const local = `${p.int(2, 9)}${p.digits(7)}`
    return [
      ...missing('reporter.mobile'),
      ...strings('reporter.mobile', 'not a mainland mobile', [
        '',
        mobile.slice(0, 10),
        `${mobile}${p.int(0, 9)}`,
        `2${mobile.slice(1)}`,
        `1${p.int(0, 2)}${mobile.slice(2)}`,
        `0${mobile}`,
        `+1${p.digits(10)}`,
        'abcdefghijk',
        `${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7, 10)}x`,
        p.insertInto(mobile, p.pick(EMOJI)),
        p.insertInto(mobile, '\u0000'),
        ...junk(p),
      ]),
      ...strings('reporter.mobile', 'not a landline with its area code', [
        local,
        `020-${local.slice(0, 7)}`,
        `020-${local}${p.int(0, 9)}`,
        `020-${p.int(0, 1)}${local.slice(1)}`,
        `0757-${local.slice(0, 6)}`,
        `00-${local}`,
        `0123-${local}`,
        `020-${local}转${p.digits(3)}`,
        `(020)${local.slice(0, 4)}.${local.slice(4)}`,
      ]),
      ...wrongTypes('reporter.mobile', [Number(mobile), p.pick(NOT_STRINGS)]),
    ]
  },

  'reporter.residentId': (p, _body, { kind }) => {
    if (kind === 'anonymous-tip') return []
    const valid = validResidentId(p)
    if (kind === 'named-tip') return [{ label: 'a tip with an ID number (data minimisation)', value: valid, fields: ['reporter.residentId'] }]
    const wrongCheck = valid.slice(0, 17) + p.pick(Array.from(RESIDENT_ID_CHECK).filter((char) => char !== valid[17]))
    return [
      ...strings('reporter.residentId', 'with a bad check character', [wrongCheck]),
      ...strings('reporter.residentId', 'of the wrong length', [valid.slice(0, 15), valid.slice(0, 17), `${valid}${p.int(0, 9)}`]),
      ...strings('reporter.residentId', 'with an impossible province, date or birth', [
        residentIdWith(`99${valid.slice(2, 17)}`),
        residentIdWith(`00${valid.slice(2, 17)}`),
        residentIdWith(`81${p.pick(['0100', '1000', '0001'])}${valid.slice(6, 17)}`),
        residentIdWith(`9${p.pick(['00', '81', '99'])}840${valid.slice(6, 17)}`),
        `${p.pick(['USA', 'FRA', 'JPN'])}${p.digits(12)}`,
        residentIdWith(`${valid.slice(0, 6)}19990230${valid.slice(14, 17)}`),
        residentIdWith(`${valid.slice(0, 6)}18991231${valid.slice(14, 17)}`),
        residentIdWith(`${valid.slice(0, 6)}20991231${valid.slice(14, 17)}`),
        `${valid.slice(0, 16)}AB`,
        p.insertInto(valid.slice(0, 17), p.pick(EMOJI)),
        ...junk(p),
      ]),
      ...wrongTypes('reporter.residentId', [Number(valid.slice(0, 17)), p.pick([true, false, [], {}] as Json[])]),
    ]
  },

  employer: (p) => [
    ...missing('employer', ['employer.name']),
    ...wrongTypes('employer', [p.pick(NOT_OBJECTS), p.pick(NOT_OBJECTS)]),
  ],

  'employer.name': (p, body) => textMutations(p, 'employer.name', String(valueAt(body, 'employer.name')), 2, 100),

  'employer.uscc': (p) => {
    const valid = validUscc(p)
    const wrongCheck = valid.slice(0, 17) + p.pick(Array.from(USCC_ALPHABET).filter((char) => char !== valid[17]))
    return [
      ...strings('employer.uscc', 'with a bad check character', [wrongCheck]),
      ...strings('employer.uscc', 'malformed', [
        valid.slice(0, 17),
        `${valid}0`,
        `${valid.slice(0, 5)}${p.pick(['I', 'O', 'Z', 'S', 'V'])}${valid.slice(6)}`,
        `B${valid.slice(1, 17)}${usccCheckChar(`B${valid.slice(1, 17)}`)}`,
        p.insertInto(valid, p.pick(EMOJI)),
        ...junk(p),
      ]),
      ...wrongTypes('employer.uscc', [p.pick([0, 1, true, false, [], {}] as Json[])]),
    ]
  },

  districtCode: (p) => [
    ...missing('districtCode'),
    ...strings('districtCode', 'not a district of the city', ['', '330102', '440100', '44010', `${p.pick(DISTRICTS)} `, ` ${p.pick(DISTRICTS)}`, '４４０１０３', ...junk(p)]),
    ...wrongTypes('districtCode', [Number(p.pick(DISTRICTS)), p.pick(WRONG_TYPES)]),
  ],

  workAddress: (p, body) => textMutations(p, 'workAddress', String(body.workAddress), 5, 200),

  isConstruction: (p) => wrongTypes('isConstruction', [p.pick(NOT_BOOLEANS), p.pick(NOT_BOOLEANS)]),

  constructionProject: (p, body) => {
    if (body.isConstruction === true) return textMutations(p, 'constructionProject', String(body.constructionProject), 2, 100)
    // Not a site: the project is ignored, so these are bad only once the report says it is one.
    return [{ label: 'a construction site without a project', value: DELETE, fields: ['constructionProject'] }]
  },

  workersOwed: (p) => [
    ...missing('workersOwed'),
    ...wrongTypes('workersOwed', [0, -1, -p.int(2, 1000), 1.5, p.int(1, 100) + 0.25, 10_001, p.int(10_002, 10 ** 9), 1e21]),
    ...strings('workersOwed', 'not a count', ['', ' ', '0', '00', '-3', '3.5', '1e3', '0x10', 'abc', '三个', '10001', '99999999999999999999', ...junk(p)]),
    ...wrongTypes('workersOwed', [true, false, [], [3], {}]),
  ],

  amountYuan: (p, _body, { kind }) => [
    // Only a complaint must say how much.
    ...(kind === 'complaint' ? [...missing('amountYuan'), ...strings('amountYuan', 'blank in a complaint', ['', '   ', '\u3000'])] : []),
    ...strings('amountYuan', 'not an amount', [
      '0',
      '约0元',
      '约',
      '元',
      '五万',
      '5万5',
      '1.2345678万',
      `${p.int(10_001, 99_999)}万`,
      '约-5万',
      '0.00',
      '-1',
      `-${p.int(1, 9999)}.${p.digits(2)}`,
      '+5',
      `${p.int(1, 9999)}.${p.digits(3)}`,
      '1e5',
      'NaN',
      'Infinity',
      '0x10',
      '.5',
      '5.',
      '1.2.3',
      '1,23',
      '12,34.5',
      '100000000.01',
      '99999999999999',
      '٣٤٥',
      `${p.int(1, 999)}${p.pick(EMOJI)}`,
      ...junk(p),
    ]),
    ...wrongTypes('amountYuan', [p.int(1, 100_000), 100.5, -1, 0, true, [], {}]),
  ],

  owedPeriod: (p) => [
    ...missing('owedPeriod', ['owedPeriod.from', 'owedPeriod.to']),
    ...wrongTypes('owedPeriod', [p.pick(NOT_OBJECTS), '2025-01']),
  ],

  'owedPeriod.from': (p, body, { currentMonth }) => {
    const to = String(valueAt(body, 'owedPeriod.to'))
    const badFormats = ['2025-13', '2025-00', '2025/03', '202503', '2025-3', '25-03', '2025-03-01', 'abcd-ef', ...junk(p)]
    return [
      ...missing('owedPeriod.from'),
      ...strings('owedPeriod.from', 'empty', ['', '  ']),
      ...strings('owedPeriod.from', 'badly written', badFormats),
      // A future start is also after the end.
      ...strings('owedPeriod.from', 'in the future', [monthOffset(currentMonth, p.int(2, 24)), '9999-12'], ['owedPeriod.from', 'owedPeriod.to']),
      ...strings('owedPeriod.from', 'more than ten years back', [monthOffset(currentMonth, -p.int(122, 600)), '1900-01']),
      ...wrongTypes('owedPeriod.from', [Number(to.replace('-', '')), p.pick(WRONG_TYPES)]),
    ]
  },

  'owedPeriod.to': (p, body, { currentMonth }) => {
    const from = String(valueAt(body, 'owedPeriod.from'))
    return [
      ...missing('owedPeriod.to'),
      ...strings('owedPeriod.to', 'badly written', ['', '2025-13', '2025-00', '2025.03', '2025-003', ...junk(p)]),
      ...strings('owedPeriod.to', 'in the future', [monthOffset(currentMonth, p.int(2, 24))]),
      ...strings('owedPeriod.to', 'before the start', [monthOffset(from, -p.int(1, 12))]),
      ...wrongTypes('owedPeriod.to', [p.pick(WRONG_TYPES)]),
    ]
  },

  description: (p, body) => textMutations(p, 'description', String(body.description), 10, 2000),

  evidenceIds: (p) => {
    const id = () => p.chars('ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz0123456789_-', p.int(16, 64))
    const first = id()
    return [
      { label: 'too many evidence ids', value: Array.from({ length: p.int(10, 40) }, id), fields: ['evidenceIds'] },
      ...wrongTypes('evidenceIds', [first, 0, true, {}, { 0: first }]),
      { label: 'an evidence id of the wrong type', value: [p.pick([123, true, null, {}, []] as Json[])], fields: ['evidenceIds.0'] },
      ...['short', '../../etc/passwd', `${first.slice(0, 16)}/x`, `${first}${p.pick(EMOJI)}`, 'x'.repeat(65), p.pick(SQL), p.pick(HTML)].map((bad) => ({
        label: `a malformed evidence id (${JSON.stringify(bad.slice(0, 40))})`,
        value: [first, bad],
        fields: ['evidenceIds.1'],
      })),
      { label: 'the same evidence id twice', value: [first, first], fields: ['evidenceIds.1'] },
      // Well formed, but no such upload: refused inside the transaction, which must roll back whole.
      { label: 'evidence ids that were never uploaded', value: [first, id()], fields: ['evidenceIds.0', 'evidenceIds.1'], checkedLast: true },
    ]
  },

  // The separate consent is owed only for sensitive data: here an ID number (these bodies carry no photos).
  consentSensitive: (p, body) => [
    ...((body.reporter as Body | null | undefined)?.residentId === undefined
      ? []
      : [...missing('consentSensitive'), { label: 'consentSensitive false', value: false, fields: ['consentSensitive'] }]),
    ...wrongTypes('consentSensitive', [p.pick(NOT_BOOLEANS), p.pick(NOT_BOOLEANS)]),
  ],

  truthful: (p) => [...missing('truthful'), { label: 'truthful false', value: false, fields: ['truthful'] }, ...wrongTypes('truthful', [p.pick(NOT_BOOLEANS), p.pick(NOT_BOOLEANS)])],
}

// Fields whose problems do not change how any other field is read: two of them broken at once
// must give both paths.
const INDEPENDENT = ['employer.name', 'districtCode', 'workAddress', 'workersOwed', 'amountYuan', 'description', 'truthful', 'evidenceIds']
const UNKNOWN_KEYS = ['extra', 'status', 'trackingCode', 'accessKey', 'id', 'createdAt', 'isAdmin', 'role', 'duplicateOf', 'constructor', 'toString', '_private', '$where']
const UNLISTABLE_KEYS = ["'; DROP TABLE tips;--", '<script>', '姓名', '😀', 'with space', '1abc', 'k'.repeat(41), '']

function fieldCase(label: string, body: Body, fields: string[], secrets: string[], headers: Record<string, string>, mayAlsoName?: BadCase['mayAlsoName']): BadCase {
  const payload = JSON.stringify(body)
  // Two huge values together go over the body limit, which is then the problem.
  if (Buffer.byteLength(payload) > BODY_LIMIT) return { label: `${label} (over 1 MiB)`, headers, payload, code: 'payload_too_large', secrets }
  return { label, headers, payload, fields: [...new Set(fields)].sort(), mayAlsoName, secrets }
}

const isEvidencePath = (path: string) => path === 'evidenceIds' || path.startsWith('evidenceIds.')

export interface GeneratorOptions {
  today: Date
  /** A fresh, valid Idempotency-Key for every case that is not about the key. */
  newKey: () => string
}

/** `count` bad cases from `seed`; the same seed gives the same cases on the same day. */
export function generateBadCases(seed: number, count: number, { today, newKey }: GeneratorOptions): BadCase[] {
  const p = new Picker(seededRandom(seed))
  const currentMonth = chinaDateOf(today).slice(0, 7)
  const jsonHeaders = () => ({ 'content-type': 'application/json', 'idempotency-key': newKey() })
  const cases: BadCase[] = []
  const kinds: BaseKind[] = ['complaint', 'named-tip', 'anonymous-tip']

  const generators: Array<[number, () => BadCase[]]> = [
    // One field broken.
    [
      60,
      () => {
        const kind = p.pick(kinds)
        const { body, secrets } = validReport(p, kind, currentMonth)
        const path = p.pick(Object.keys(MUTATIONS))
        const mutation = p.pick(MUTATIONS[path](p, body, { currentMonth, kind }))
        if (mutation === undefined) return []
        const mutated = path === 'constructionProject' && body.isConstruction !== true ? { ...body, isConstruction: true } : body
        const withSecrets = typeof mutation.value === 'string' && path.startsWith('reporter.') ? [...secrets, mutation.value] : secrets
        const mayAlsoName = path === 'evidenceIds' ? isEvidencePath : undefined
        return [fieldCase(`${kind}: ${mutation.label}`, withValue(mutated, path, mutation.value), mutation.fields, withSecrets.filter(isSecretWorthChecking), jsonHeaders(), mayAlsoName)]
      },
    ],
    // Two independent fields broken.
    [
      12,
      () => {
        const kind = p.pick(kinds)
        const { body, secrets } = validReport(p, kind, currentMonth)
        const [a, b] = [p.pick(INDEPENDENT), p.pick(INDEPENDENT)]
        if (a === b) return []
        const first = p.pick(MUTATIONS[a](p, body, { currentMonth, kind }))
        const second = p.pick(MUTATIONS[b](p, body, { currentMonth, kind }))
        const mutated = withValue(withValue(body, a, first.value), b, second.value)
        const mayAlsoName = a === 'evidenceIds' || b === 'evidenceIds' ? isEvidencePath : undefined
        const named = [first, second].flatMap((mutation) => (mutation.checkedLast ? [] : mutation.fields))
        return [fieldCase(`${kind}: ${first.label} and ${second.label}`, mutated, named, secrets, jsonHeaders(), mayAlsoName)]
      },
    ],
    // Keys nobody asked for.
    [
      8,
      () => {
        const kind = p.pick(kinds)
        const { body, secrets } = validReport(p, kind, currentMonth)
        const parent = p.pick(kind === 'anonymous-tip' || body.reporter === undefined ? ['', 'employer.', 'owedPeriod.'] : ['', 'reporter.', 'employer.', 'owedPeriod.'])
        const target = (parent === '' ? body : valueAt(body, parent.slice(0, -1))) as Record<string, Json>
        if (p.chance(0.7)) {
          const key = p.pick(UNKNOWN_KEYS)
          target[key] = p.pick<Json>(['x', 1, true, null, [], {}, p.pick(SQL)])
          return [fieldCase(`${kind}: unknown key ${parent}${key}`, body, [`${parent}${key}`], secrets, jsonHeaders())]
        }
        if (p.chance(0.5)) {
          target[p.pick(UNLISTABLE_KEYS)] = 'x'
          return [fieldCase(`${kind}: an odd unknown key under ${parent || 'the report'}`, body, [parent === '' ? 'report' : parent.slice(0, -1)], secrets, jsonHeaders())]
        }
        const many = Array.from({ length: p.int(21, 60) }, (_, i) => `extra${i}`)
        for (const key of many) target[key] = i18nFiller(p)
        return [fieldCase(`${kind}: ${many.length} unknown keys under ${parent || 'the report'}`, body, [...many.slice(0, 20).map((key) => `${parent}${key}`), parent === '' ? 'report' : parent.slice(0, -1)], secrets, jsonHeaders())]
      },
    ],
    // Not a report at all.
    [
      3,
      () => {
        const value = p.pick<Json>([null, 0, 42, -1, true, false, '', 'report', p.pick(SQL), p.pick(HTML), [], [1, 2], [{}], [{ kind: 'complaint' }]])
        return [{ label: `a JSON ${JSON.stringify(value)} instead of an object`, headers: jsonHeaders(), payload: JSON.stringify(value), fields: ['report'], secrets: [] }]
      },
    ],
    // Malformed JSON.
    [
      6,
      () => {
        const { body, secrets } = validReport(p, p.pick(kinds), currentMonth)
        const json = JSON.stringify(body)
        const broken = p.pick([
          () => json.slice(0, p.int(1, json.length - 1)),
          () => json.replace(/"/g, "'"),
          () => `${json.slice(0, -1)},}`,
          () => json.replace('"kind"', 'kind'),
          () => json.replace(/:(true|false)/, ':undefined'),
          () => json.replace(/"truthful":true/, '"truthful":NaN'),
          () => `${json}${json}`,
          () => `${json} // 注释`,
          () => json.replace('"description":"', '"description":"\u0001'),
          () => json.replace('"description":"', '"description":"\n'),
          () => json.replace('{', '{"__proto__":{"isAdmin":true},'),
          () => json.replace('{', '{"constructor":{"prototype":{"isAdmin":true}},'),
          () => p.pick(['{', '}', '[', 'nul', 'tru', '"', '{"kind":', "'; DROP TABLE tips;--", '<html></html>']),
        ])()
        return [{ label: `malformed JSON (${JSON.stringify(broken.slice(0, 50))}…)`, headers: jsonHeaders(), payload: broken, code: 'invalid_json', secrets: secrets.filter(isSecretWorthChecking) }]
      },
    ],
    // Not UTF-8, or not even text.
    [
      1,
      () => {
        const { body } = validReport(p, 'anonymous-tip', currentMonth)
        const bytes = Buffer.from(JSON.stringify(body), 'utf8')
        const at = bytes.indexOf('"description":"') + 15
        const broken = Buffer.concat([bytes.subarray(0, at), Buffer.from([p.pick([0xff, 0xfe, 0xc0, 0x80, 0xed])]), bytes.subarray(at)])
        return [{ label: 'a body that is not valid UTF-8', headers: jsonHeaders(), payload: broken, secrets: [] }]
      },
    ],
    // Not JSON by its content type (the body itself is a valid report).
    [
      5,
      () => {
        const { body, secrets } = validReport(p, p.pick(kinds), currentMonth)
        const type = p.pick([
          'text/plain',
          'text/plain; charset=utf-8',
          'text/html',
          'application/xml',
          'application/x-www-form-urlencoded',
          'application/octet-stream',
          'image/jpeg',
          'application/jsonp',
          'json',
          'application/javascript',
          'multipart/form-data; boundary=----pufa',
          undefined,
        ])
        const headers: Record<string, string> = { 'idempotency-key': newKey() }
        if (type !== undefined) headers['content-type'] = type
        // With multipart parsing registered for uploads the answer may be a field problem instead.
        const code = type?.startsWith('multipart/') ? undefined : 'unsupported_media_type'
        return [{ label: `content type ${type ?? '(none)'}`, headers, payload: JSON.stringify(body), code, secrets: secrets.filter(isSecretWorthChecking) }]
      },
    ],
    // Over the body limit, whatever is inside.
    [
      1,
      () => {
        const { body } = validReport(p, p.pick(kinds), currentMonth)
        const padding = BODY_LIMIT - JSON.stringify(body).length + p.int(1, 200_000)
        const big = { ...body, description: `${String(body.description)}${'欠'.repeat(Math.ceil(padding / 3))}` }
        return [{ label: `a body over 1 MiB`, headers: jsonHeaders(), payload: JSON.stringify(big), code: 'payload_too_large', secrets: [] }]
      },
    ],
    // A valid report with a missing or bad Idempotency-Key.
    [
      6,
      () => {
        const { body, secrets } = validReport(p, p.pick(kinds), currentMonth)
        const [label, key, code] = p.pick<[string, string | string[] | undefined, string]>([
          ['no Idempotency-Key', undefined, 'idempotency_key_missing'],
          ['an empty Idempotency-Key', '', 'idempotency_key_missing'],
          ['a short Idempotency-Key', p.chars('abcdef0123', p.int(1, 7)), 'idempotency_key_invalid'],
          ['a long Idempotency-Key', p.chars('abcdef0123', p.int(101, 2000)), 'idempotency_key_invalid'],
          ['an Idempotency-Key with a space', `${newKey()} x`, 'idempotency_key_invalid'],
          ['an Idempotency-Key with a dot or slash', `${newKey()}${p.pick(['.', '/', ':', '+', '=', '%'])}`, 'idempotency_key_invalid'],
          ['an Idempotency-Key with SQL', "abc'; DROP TABLE idempotency_keys;--", 'idempotency_key_invalid'],
          ['an Idempotency-Key with emoji', `${newKey()}${p.pick(EMOJI)}`, 'idempotency_key_invalid'],
          ['an Idempotency-Key in Chinese', '幂等键幂等键幂等键', 'idempotency_key_invalid'],
          ['two Idempotency-Keys', [newKey(), newKey()], 'idempotency_key_invalid'],
        ])
        const headers: Record<string, string | string[]> = { 'content-type': 'application/json' }
        if (key !== undefined) headers['idempotency-key'] = key
        // An empty header may be dropped on the way: then it is missing, which is as bad.
        const expected = label === 'an empty Idempotency-Key' ? undefined : code
        return [{ label, headers, payload: JSON.stringify(body), code: expected, secrets: secrets.filter(isSecretWorthChecking) }]
      },
    ],
  ]

  const total = generators.reduce((sum, [weight]) => sum + weight, 0)
  while (cases.length < count) {
    let roll = p.random() * total
    const generator = generators.find(([weight]) => (roll -= weight) < 0) ?? generators[0]
    cases.push(...generator[1]())
  }
  return cases.slice(0, count)
}

/** `count` valid reports from `seed`, of every kind: what the bad cases start from. */
export function generateValidReports(seed: number, count: number, today: Date): Body[] {
  const p = new Picker(seededRandom(seed))
  const currentMonth = chinaDateOf(today).slice(0, 7)
  const kinds: BaseKind[] = ['complaint', 'named-tip', 'anonymous-tip']
  return Array.from({ length: count }, (_, index) => validReport(p, kinds[index % kinds.length], currentMonth).body)
}

function i18nFiller(p: Picker): Json {
  return p.pick<Json>(['值', 1, false, null, ['a'], { nested: '某' }])
}

// A secret the answer must not repeat; one or two characters could occur in any message.
function isSecretWorthChecking(secret: string): boolean {
  return Array.from(secret).length >= 3 && secret.trim() === secret && !/^[\x20-\x7e]{0,8}$/.test(secret)
}

// --- evidence uploads: POST /api/v1/uploads takes one image per request, as multipart/form-data ---

export interface BadUpload {
  label: string
  headers: Record<string, string>
  payload: Buffer
  /** The error code, when only one is right. */
  code?: string
}

const UPLOAD_LIMIT = 10 * 1024 * 1024
const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]
const DECLARED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic']
const FILE_NAMES = ['IMG_0001.jpg', 'photo.png', '工资条.jpg', 'evidence.heic', 'wx_camera_1716000000000.jpg', 'a.webp']

// What is not an accepted photo, whatever it is called: each starts as the real format does.
const NOT_IMAGES: Array<[string, string | number[]]> = [
  ['a PDF', '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n'],
  ['an HTML page', '<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>'],
  ['an SVG', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'],
  ['an SVG with an XML declaration', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'],
  ['a GIF', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x2c]],
  ['a BMP', [0x42, 0x4d, 0x3e, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3e, 0x00, 0x00, 0x00, 0x28, 0x00]],
  ['a TIFF', [0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]],
  ['a ZIP', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]],
  ['a Windows program', [0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]],
  ['an AVIF', [0x00, 0x00, 0x00, 0x1c, 0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66, 0x00, 0x00, 0x00, 0x00, 0x61, 0x76, 0x69, 0x66, 0x6d, 0x69, 0x66, 0x31, 0x6d, 0x69, 0x61, 0x66]],
  ['a PNG signature with one byte wrong', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b]],
  ['a JPEG cut after two bytes', [0xff, 0xd8]],
  ['plain text', '这是一张工资条的照片'],
  ['JSON', '{"kind":"complaint"}'],
]

type UploadPart = { name: string; value: string } | { name: string; filename: string; contentType: string; data: Buffer }

function multipartBody(boundary: string, parts: UploadPart[]): Buffer {
  const pieces: Buffer[] = []
  for (const part of parts) {
    const head =
      'value' in part
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType}\r\n\r\n`
    pieces.push(Buffer.from(head, 'utf8'), 'value' in part ? Buffer.from(part.value, 'utf8') : part.data, Buffer.from('\r\n'))
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`))
  return Buffer.concat(pieces)
}

/** `head`, then letters up to `size` bytes (letters never make a file look like an image). */
function fileOf(p: Picker, head: readonly number[] | string, size: number): Buffer {
  const start = typeof head === 'string' ? Buffer.from(head, 'utf8') : Buffer.from(head)
  const file = Buffer.alloc(Math.max(size, start.length), 0x41 + p.int(0, 25))
  start.copy(file)
  return file
}

/** `count` bad uploads from `seed`, plus two over the size limit. */
export function generateBadUploads(seed: number, count: number): BadUpload[] {
  const p = new Picker(seededRandom(seed))
  const boundary = () => `----pufaBad${p.chars('0123456789abcdefABCDEF', 16)}`
  const photo = (name = 'file', size = p.int(300, 40_000)): UploadPart => ({
    name,
    filename: p.pick(FILE_NAMES),
    contentType: p.pick(DECLARED_TYPES),
    data: fileOf(p, JPEG_HEAD, size),
  })
  const form = (label: string, parts: UploadPart[], code?: string): BadUpload => {
    const b = boundary()
    return { label, headers: { 'content-type': `multipart/form-data; boundary=${b}` }, payload: multipartBody(b, parts), code }
  }
  const fields = (): UploadPart[] => Array.from({ length: p.int(0, 3) }, (_, i) => ({ name: p.pick(['name', 'uploadId', 'tipId', `field${i}`]), value: p.pick(['x', '证据', p.pick(SQL)]) }))

  const generators: Array<[number, () => BadUpload]> = [
    [
      6,
      () => {
        const [what, head] = p.pick(NOT_IMAGES)
        const size = what === 'a JPEG cut after two bytes' ? 2 : p.int(8, 30_000)
        const declared = p.pick(DECLARED_TYPES)
        return form(`${what} declared ${declared}`, [...fields(), { name: 'file', filename: p.pick(FILE_NAMES), contentType: declared, data: fileOf(p, head, size) }], 'upload_type')
      },
    ],
    [2, () => form('an empty file', [...fields(), { name: 'file', filename: p.pick(FILE_NAMES), contentType: p.pick(DECLARED_TYPES), data: Buffer.alloc(0) }], 'upload_missing')],
    [2, () => form('no file part, only fields', [{ name: 'name', value: 'x' }, ...fields()], 'upload_missing')],
    [1, () => form('no parts at all', [])],
    [2, () => form('the photo under another name', [...fields(), photo(p.pick(['photo', 'image', 'files', 'File', 'file[]']))], 'upload_missing')],
    [2, () => form('two photos', p.chance(0.5) ? [photo(), photo()] : [photo(), ...fields(), photo(p.pick(['photo', 'file2']))], 'upload_too_many')],
    [
      3,
      () => {
        const [label, type, payload] = p.pick<[string, string | undefined, Buffer]>([
          ['a JSON body', 'application/json', Buffer.from('{"file":"data:image/jpeg;base64,/9j/4AAQ"}')],
          ['a raw JPEG body', 'image/jpeg', fileOf(p, JPEG_HEAD, p.int(300, 20_000))],
          ['a text body', 'text/plain', Buffer.from('照片')],
          ['a URL-encoded form', 'application/x-www-form-urlencoded', Buffer.from('file=%FF%D8%FF')],
          ['a mixed multipart body', 'multipart/mixed; boundary=x', Buffer.from('--x\r\n\r\n--x--\r\n')],
          ['no content type', undefined, fileOf(p, JPEG_HEAD, 500)],
        ])
        const headers: Record<string, string> = type === undefined ? {} : { 'content-type': type }
        return { label, headers, payload, code: 'unsupported_media_type' }
      },
    ],
    [
      3,
      () => {
        const b = boundary()
        const whole = multipartBody(b, [...fields(), photo()])
        const [label, headers, payload] = p.pick<[string, Record<string, string>, Buffer]>([
          ['a multipart body cut short', { 'content-type': `multipart/form-data; boundary=${b}` }, whole.subarray(0, p.int(1, whole.length - 10))],
          ['a boundary that is not the one declared', { 'content-type': `multipart/form-data; boundary=${boundary()}` }, whole],
          ['multipart without a boundary', { 'content-type': 'multipart/form-data' }, whole],
          ['multipart that is not multipart', { 'content-type': `multipart/form-data; boundary=${b}` }, Buffer.from(p.pick(SQL))],
        ])
        return { label, headers, payload }
      },
    ],
  ]

  const total = generators.reduce((sum, [weight]) => sum + weight, 0)
  const uploads: BadUpload[] = []
  while (uploads.length < count) {
    let roll = p.random() * total
    uploads.push((generators.find(([weight]) => (roll -= weight) < 0) ?? generators[0])[1]())
  }
  uploads.push(form('a photo over 10 MiB', [photo('file', UPLOAD_LIMIT + p.int(1, 300_000))], 'upload_too_large'))
  uploads.push(form('a photo over 10 MiB beside a field', [...fields(), photo('file', UPLOAD_LIMIT + 1)], 'upload_too_large'))
  return uploads
}
