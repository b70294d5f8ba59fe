import { INSPECTION_LIMIT_WARNING, inspectionLimitWarning, startsBeyondInspectionLimit } from '../../../src/core/tips/inspection-limit'

describe('startsBeyondInspectionLimit', () => {
  it.each([
    ['2024-11', '2026-12-30', true],
    ['2024-11', '2026-12-01', true],
    ['2020-01', '2026-12-30', true],
    ['2024-12', '2026-12-31', false],
    ['2024-12', '2026-12-01', false],
    ['2025-06', '2026-12-30', false],
    ['2026-12', '2026-12-30', false],
    ['2024-12', '2027-01-01', true],
    ['2025-01', '2027-01-01', false],
    ['2024-01', '2026-02-28', true],
    ['2024-02', '2026-02-28', false],
  ])('owed from %s, today %s: %s', (owedFrom, today, beyond) => {
    expect(startsBeyondInspectionLimit(owedFrom, today)).toBe(beyond)
  })

  it.each(['', '2024', '2024-1', 'abc'])('reads %j (no month picked yet) as not beyond', (owedFrom) => {
    expect(startsBeyondInspectionLimit(owedFrom, '2026-12-30')).toBe(false)
  })
})

describe('inspectionLimitWarning', () => {
  it('warns only beyond the two years', () => {
    expect(inspectionLimitWarning('2023-05', '2026-12-30')).toBe(INSPECTION_LIMIT_WARNING)
    expect(inspectionLimitWarning('2025-05', '2026-12-30')).toBeNull()
    expect(inspectionLimitWarning('', '2026-12-30')).toBeNull()
  })

  it('cites the article of each limit and says the report can still be sent', () => {
    const [lead, inspectionLine, arbitrationLine] = INSPECTION_LIMIT_WARNING
    expect(lead).toContain('可以照常提交')
    expect(inspectionLine).toMatch(/^《劳动保障监察条例》第二十条/)
    expect(inspectionLine).toContain('可能无法')
    expect(arbitrationLine).toContain('《劳动争议调解仲裁法》第二十七条')
  })
})
