import {
  carriesSensitiveData,
  draftOf,
  errorsByField,
  fieldUnchanged,
  formFieldOf,
  keyFromBytes,
  monthInWords,
  newDraft,
  parseDraft,
  payloadOf,
  photosToSend,
  reportableMonths,
  sensitiveChoiceProblem,
  type ReportDraft,
} from '../../../src/core/tips/draft'
import { validateReport, type ReportContext } from '../../../src/core/tips/report'
import { SENSITIVE_CONSENT_MISSING } from '../../../src/core/tips/report-fields'

const KEY = '0123456789abcdef0123456789abcdef'
const context: ReportContext = {
  districts: [{ code: '440106', name: '天河区' }],
  // 2026-11-28 in China.
  today: new Date('2026-11-28T06:00:00Z'),
}

function filledComplaint(): ReportDraft {
  return {
    ...newDraft('complaint', KEY, 1),
    reporterName: '张三',
    reporterMobile: '13800138000',
    reporterResidentId: '11010519491231002X',
    employerName: '某某建筑劳务有限公司',
    districtCode: '440106',
    workAddress: '天河区天河路100号',
    isConstruction: true,
    constructionProject: '天河新城三期',
    workersOwed: '12',
    amountYuan: '86400.50',
    owedFrom: '2026-06',
    owedTo: '2026-09',
    description: '从六月起一直没有发工资，老板说等工程款到了再发。',
    sensitiveChoice: 'given',
    truthful: true,
  }
}

describe('payloadOf', () => {
  it('turns a filled complaint into a payload that validateReport accepts, amount and months as typed', () => {
    const payload = payloadOf(filledComplaint())
    expect(payload).toMatchObject({
      kind: 'complaint',
      reporter: { name: '张三', mobile: '13800138000', residentId: '11010519491231002X' },
      employer: { name: '某某建筑劳务有限公司', uscc: null },
      amountYuan: '86400.50',
      workersOwed: '12',
      owedPeriod: { from: '2026-06', to: '2026-09' },
      constructionProject: '天河新城三期',
    })
    expect(payload).not.toHaveProperty('evidenceIds')
    const verdict = validateReport(payload, context)
    expect(verdict.ok && verdict.value.amountFen).toBe(8640050)
  })

  it('sends a landline and an estimated amount as typed, and a tip with no amount', () => {
    const complaint = payloadOf({ ...filledComplaint(), reporterMobile: '020-8321 2345', amountYuan: '约5万' })
    expect(complaint).toMatchObject({ reporter: { mobile: '020-8321 2345' }, amountYuan: '约5万' })
    expect(validateReport(complaint, context)).toMatchObject({ ok: true, value: { reporter: { mobile: '02083212345' }, amountFen: 5_000_000, amountApproximate: true } })

    const tip = payloadOf({ ...filledComplaint(), kind: 'tip', anonymous: true, amountYuan: '' })
    expect(validateReport(tip, context)).toMatchObject({ ok: true, value: { amountFen: null, amountApproximate: false } })
  })

  it('leaves out what the person cannot see: the reporter of an anonymous tip, a tip’s ID number, a project off site', () => {
    const anonymous = payloadOf({ ...filledComplaint(), kind: 'tip', anonymous: true, isConstruction: false })
    expect(anonymous.reporter).toBeNull()
    expect(anonymous.consentSensitive).toBeNull()
    expect(anonymous.constructionProject).toBeNull()
    expect(validateReport(anonymous, context).ok).toBe(true)

    const namedTip = payloadOf({ ...filledComplaint(), kind: 'tip' })
    expect(namedTip.reporter).toEqual({ name: '张三', mobile: '13800138000', residentId: null })
    // A tip's ID number is never sent, so without photos nothing sensitive is left to consent to.
    expect(namedTip.consentSensitive).toBeNull()
    expect(validateReport(namedTip, context).ok).toBe(true)
  })

  it('keeps a complaint real-name even if the draft was once an anonymous tip', () => {
    const payload = payloadOf({ ...filledComplaint(), anonymous: true })
    expect(payload.reporter).not.toBeNull()
  })
})

describe('the separate consent to sensitive data', () => {
  const plain = { ...filledComplaint(), reporterResidentId: '', sensitiveChoice: null }

  it('is not asked of a complaint with no ID number and no photos', () => {
    expect(carriesSensitiveData(plain)).toBe(false)
    expect(sensitiveChoiceProblem(plain)).toBeNull()
    expect(payloadOf(plain).consentSensitive).toBeNull()
    expect(validateReport(payloadOf(plain), context).ok).toBe(true)
  })

  it('is asked as soon as an ID number or a photo is there, complaint or tip', () => {
    expect(sensitiveChoiceProblem({ ...plain, reporterResidentId: '11010519491231002X' })).toBe(SENSITIVE_CONSENT_MISSING)
    expect(sensitiveChoiceProblem({ ...plain, photos: ['a.jpg'] })).toBe(SENSITIVE_CONSENT_MISSING)
    expect(sensitiveChoiceProblem({ ...plain, kind: 'tip', anonymous: true, photos: ['a.jpg'] })).toBe(SENSITIVE_CONSENT_MISSING)
    // A tip's ID number input is hidden and never sent.
    expect(carriesSensitiveData({ ...plain, kind: 'tip', reporterResidentId: '11010519491231002X' })).toBe(false)
  })

  it('sends the ID number and photos when given', () => {
    const given = { ...plain, reporterResidentId: '11010519491231002X', photos: ['a.jpg', 'b.jpg'], sensitiveChoice: 'given' as const }
    expect(sensitiveChoiceProblem(given)).toBeNull()
    expect(payloadOf(given)).toMatchObject({ reporter: { residentId: '11010519491231002X' }, consentSensitive: true })
    expect(photosToSend(given)).toEqual(['a.jpg', 'b.jpg'])
  })

  it('leaves them out when declined, and the report still goes', () => {
    const declined = { ...plain, reporterResidentId: '11010519491231002X', photos: ['a.jpg'], sensitiveChoice: 'declined' as const }
    expect(sensitiveChoiceProblem(declined)).toBeNull()
    expect(payloadOf(declined)).toMatchObject({ reporter: { residentId: null }, consentSensitive: null })
    expect(photosToSend(declined)).toEqual([])
    expect(validateReport(payloadOf(declined), context).ok).toBe(true)
  })
})

describe('draftOf', () => {
  it('turns a queued payload back into the draft it came from, with the key and photos given', () => {
    const draft = filledComplaint()
    const back = draftOf(KEY, payloadOf(draft), ['a.jpg'], 5)
    expect(back).toEqual({ ...draft, photos: ['a.jpg'], updatedAt: 5 })
    expect(payloadOf(back)).toEqual(payloadOf(draft))
  })

  it('restores an anonymous tip as anonymous, a number of workers as typed text, and blanks what is missing', () => {
    const tip = payloadOf({ ...filledComplaint(), kind: 'tip', anonymous: true })
    expect(draftOf(KEY, { ...tip, workersOwed: 12 }, [], 1)).toMatchObject({ kind: 'tip', anonymous: true, reporterName: '', workersOwed: '12', sensitiveChoice: null })
    const damaged = { kind: 'complaint', employer: null, owedPeriod: 'x' } as unknown as Parameters<typeof draftOf>[1]
    expect(draftOf(KEY, damaged, [], 1)).toEqual(newDraft('complaint', KEY, 1))
  })
})

describe('fieldUnchanged', () => {
  it('compares the inputs behind a field, photos by their list', () => {
    const before = { ...filledComplaint(), photos: ['a.jpg'] }
    expect(fieldUnchanged(before, { ...before, updatedAt: 9 }, 'workAddress')).toBe(true)
    expect(fieldUnchanged(before, { ...before, workAddress: '天河区天河路101号' }, 'workAddress')).toBe(false)
    expect(fieldUnchanged(before, { ...before, workAddress: '天河区天河路101号' }, 'description')).toBe(true)
    expect(fieldUnchanged(before, { ...before, owedTo: '2026-10' }, 'owedPeriod.to')).toBe(false)
    expect(fieldUnchanged(before, { ...before, anonymous: true }, 'kind')).toBe(false)
    expect(fieldUnchanged(before, { ...before, photos: ['a.jpg'] }, 'evidenceIds')).toBe(true)
    expect(fieldUnchanged(before, { ...before, photos: [] }, 'evidenceIds')).toBe(false)
  })
})

describe('parseDraft', () => {
  it('reads back what was stored', () => {
    const draft = { ...filledComplaint(), photos: ['wxfile://usr/a.jpg'] }
    expect(parseDraft(JSON.parse(JSON.stringify(draft)))).toEqual(draft)
  })

  it('refuses drafts of another version, with a bad key or kind, and non-objects', () => {
    expect(parseDraft({ ...filledComplaint(), version: 2 })).toBeNull()
    expect(parseDraft({ ...filledComplaint(), key: 'short' })).toBeNull()
    expect(parseDraft({ ...filledComplaint(), kind: 'dispute' })).toBeNull()
    expect(parseDraft('draft')).toBeNull()
    expect(parseDraft(null)).toBeNull()
    expect(parseDraft([])).toBeNull()
  })

  it('repairs damaged fields instead of losing the whole draft', () => {
    const parsed = parseDraft({ version: 1, key: KEY, kind: 'tip', employerName: 42, truthful: 'yes', photos: ['a', 3, '', 'b'] })
    expect(parsed).toMatchObject({ kind: 'tip', employerName: '', truthful: false, photos: ['a', 'b'], updatedAt: 0 })
  })

  it('reads the tick of a draft saved before the choice could be declined as consent given', () => {
    const { sensitiveChoice: _choice, ...older } = filledComplaint()
    expect(parseDraft({ ...older, consentSensitive: true })?.sensitiveChoice).toBe('given')
    expect(parseDraft({ ...older, consentSensitive: false })?.sensitiveChoice).toBeNull()
    expect(parseDraft({ ...older, sensitiveChoice: 'maybe' })?.sensitiveChoice).toBeNull()
  })

  it('keeps at most nine photos', () => {
    const photos = Array.from({ length: 12 }, (_, index) => `p${index}`)
    expect(parseDraft({ ...filledComplaint(), photos })?.photos).toEqual(photos.slice(0, 9))
  })
})

describe('errors by input', () => {
  it('puts group messages on the group’s first input and lists inputs in form order', () => {
    const empty = validateReport(payloadOf(newDraft('complaint', KEY, 0)), context)
    if (empty.ok) throw new Error('an empty draft cannot be valid')
    const errors = errorsByField(empty.fields)
    expect(errors[0]).toEqual({
      field: 'reporter.name',
      path: 'reporter',
      message: '投诉需要留下您的姓名和联系电话；不想留名，可以改为匿名举报',
    })
    expect(errors.map((error) => error.field)).toEqual([
      'reporter.name', 'employer.name', 'districtCode', 'workAddress', 'workersOwed', 'amountYuan',
      'owedPeriod.from', 'owedPeriod.to', 'description', 'truthful',
    ])
  })

  it.each([
    ['reporter.mobile', 'reporter.mobile'],
    ['employer', 'employer.name'],
    ['owedPeriod', 'owedPeriod.from'],
    ['evidenceIds.3', 'evidenceIds'],
    ['report', 'kind'],
    ['somethingElse', 'kind'],
  ])('%s is shown at %s', (path, field) => {
    expect(formFieldOf(path)).toBe(field)
  })
})

describe('keys and months', () => {
  it('makes 32 hex characters from 16 bytes, and refuses any other count', () => {
    expect(keyFromBytes(new Uint8Array(16).fill(171))).toBe('ab'.repeat(16))
    expect(keyFromBytes(Uint8Array.from({ length: 16 }, (_, i) => i))).toBe('000102030405060708090a0b0c0d0e0f')
    expect(() => keyFromBytes(new Uint8Array(8))).toThrow(RangeError)
  })

  it('lists this month back to ten years ago, newest first, across year ends', () => {
    const months = reportableMonths('2026-02')
    expect(months.slice(0, 3)).toEqual(['2026-02', '2026-01', '2025-12'])
    expect(months).toHaveLength(121)
    expect(months[120]).toBe('2016-02')
  })

  it('matches the oldest month validateReport accepts', () => {
    const months = reportableMonths('2026-11')
    const oldest = months[months.length - 1]
    const draft = { ...filledComplaint(), owedFrom: oldest }
    expect(validateReport(payloadOf(draft), context).ok).toBe(true)
    const monthBefore = '2016-10'
    expect(validateReport(payloadOf({ ...draft, owedFrom: monthBefore }), context).ok).toBe(false)
  })

  it('writes months in words', () => {
    expect(monthInWords('2025-03')).toBe('2025年3月')
    expect(monthInWords('2025-10')).toBe('2025年10月')
    expect(monthInWords('')).toBe('')
  })
})
