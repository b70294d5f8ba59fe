import { figuresQuery, readFiguresState, yearOf, yearPresets } from '../../console/src/pages/figures/figures-query'

describe("the figures page's period in the address", () => {
  it('reads a period and a district, and falls back to this year', () => {
    expect(readFiguresState(new URLSearchParams('from=2025-01-01&to=2025-06-30&district=440103'), '2026-12-06')).toEqual({ from: '2025-01-01', to: '2025-06-30', district: '440103' })
    expect(readFiguresState(new URLSearchParams(''), '2026-12-06')).toEqual({ from: '2026-01-01', to: '2026-12-31', district: undefined })
    expect(readFiguresState(new URLSearchParams('from=2025-02-30&to=2025-06-30&district=abc'), '2026-12-06')).toEqual({ from: '2026-01-01', to: '2026-12-31', district: undefined })
  })

  it('writes the query the service takes, and knows a whole year', () => {
    expect(figuresQuery({ from: '2025-01-01', to: '2025-12-31', district: undefined }).toString()).toBe('from=2025-01-01&to=2025-12-31')
    expect(yearOf({ from: '2025-01-01', to: '2025-12-31' })).toBe(2025)
    expect(yearOf({ from: '2025-01-01', to: '2025-06-30' })).toBeUndefined()
    expect(yearPresets('2026-12-06')).toEqual([2026, 2025, 2024, 2023])
  })
})
