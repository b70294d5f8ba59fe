import { toHalfWidth } from '../../../src/core/validators/half-width'

describe('toHalfWidth', () => {
  it('turns full-width digits, letters and signs into ASCII', () => {
    expect(toHalfWidth('１３８ＡＢｘ＋－，．')).toBe('138ABx+-,.')
  })

  it('turns the ideographic space into an ordinary space', () => {
    expect(toHalfWidth('1\u30002')).toBe('1 2')
  })

  it('leaves Chinese characters and ASCII alone', () => {
    expect(toHalfWidth('12元 abc')).toBe('12元 abc')
  })
})
