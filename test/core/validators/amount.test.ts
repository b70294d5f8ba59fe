import { checkAmountYuan, formatYuan } from '../../../src/core/validators/amount'

describe('checkAmountYuan', () => {
  it.each([
    ['1234', 123400],
    ['1234.5', 123450],
    ['1234.56', 123456],
    ['12,345.60', 1234560],
    ['1,234,567', 123456700],
    ['0.01', 1],
    ['0.29', 29],
    ['1.1', 110],
    ['4.35', 435],
    ['007', 700],
    ['  1234.56  ', 123456],
    ['1234元', 123400],
    ['1234.5 元', 123450],
    ['１２，３４５．６０元', 1234560],
    ['100000000', 10_000_000_000],
    ['100,000,000.00', 10_000_000_000],
  ])('accepts %j as %i fen', (input, fen) => {
    expect(checkAmountYuan(input)).toEqual({ ok: true, value: fen })
  })

  it.each([
    ['', '请填写金额'],
    ['   ', '请填写金额'],
    ['元', '请填写金额'],
    ['-5', '金额不能是负数'],
    ['－５', '金额不能是负数'],
    ['-0', '金额不能是负数'],
    ['+5', '金额前不用加“+”号，请直接填写数字'],
    ['1e5', '金额只能填写数字和小数点，例如 1234.56'],
    ['1E5', '金额只能填写数字和小数点，例如 1234.56'],
    ['NaN', '金额只能填写数字和小数点，例如 1234.56'],
    ['Infinity', '金额只能填写数字和小数点，例如 1234.56'],
    ['12a', '金额只能填写数字和小数点，例如 1234.56'],
    ['1 234', '金额只能填写数字和小数点，例如 1234.56'],
    ['0x10', '金额只能填写数字和小数点，例如 1234.56'],
    ['¥100', '金额只能填写数字和小数点，例如 1234.56'],
    ['1.2.3', '金额中只能有一个小数点'],
    ['1..2', '金额中只能有一个小数点'],
    ['.5', '小数点前面要有数字，例如 0.5'],
    ['12.', '小数点后面要有数字，或者去掉小数点'],
    ['1.234,5', '小数点后面不能有逗号'],
    ['1,23', '金额中的逗号位置不对，可以去掉逗号直接填写数字'],
    ['12,34,567', '金额中的逗号位置不对，可以去掉逗号直接填写数字'],
    ['1234,567', '金额中的逗号位置不对，可以去掉逗号直接填写数字'],
    [',123', '金额中的逗号位置不对，可以去掉逗号直接填写数字'],
    ['123,', '金额中的逗号位置不对，可以去掉逗号直接填写数字'],
    ['1.234', '金额最多保留两位小数'],
    ['0.001', '金额最多保留两位小数'],
    ['0', '金额应大于0'],
    ['0.00', '金额应大于0'],
    ['000', '金额应大于0'],
    ['100000000.01', '金额过大，请核对'],
    ['99999999999999999999', '金额过大，请核对'],
  ])('rejects %j', (input, message) => {
    expect(checkAmountYuan(input)).toEqual({ ok: false, message })
  })

  it('honours a custom maximum in yuan', () => {
    expect(checkAmountYuan('500', { max: 500 })).toEqual({ ok: true, value: 50000 })
    expect(checkAmountYuan('500.01', { max: 500 })).toEqual({ ok: false, message: '金额过大，请核对' })
    expect(checkAmountYuan('0.29', { max: 0.29 })).toEqual({ ok: true, value: 29 })
    expect(checkAmountYuan('0.3', { max: 0.29 })).toEqual({ ok: false, message: '金额过大，请核对' })
  })

  it('keeps large amounts exact', () => {
    expect(checkAmountYuan('9999999999999.99', { max: 9_999_999_999_999.99 })).toEqual({
      ok: true,
      value: 999_999_999_999_999,
    })
  })
})

describe('formatYuan', () => {
  it.each([
    [1234560, '12,345.60'],
    [123456, '1,234.56'],
    [100, '1.00'],
    [5, '0.05'],
    [50, '0.50'],
    [0, '0.00'],
    [10_000_000_000, '100,000,000.00'],
    [-123456, '-1,234.56'],
    [-5, '-0.05'],
  ])('formats %i fen as %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text)
  })

  it('round-trips with checkAmountYuan', () => {
    const checked = checkAmountYuan(formatYuan(98765432))
    expect(checked).toEqual({ ok: true, value: 98765432 })
  })

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %p fen', (fen) => {
    expect(() => formatYuan(fen)).toThrow(RangeError)
  })
})
