import { formatAccessKey } from '../../../src/core/tips/tracking-code'
import { parseVerifier } from '../../../src/core/tips/verifier'

describe('parseVerifier', () => {
  it('takes the last four digits of the contact number, typed with full-width digits too', () => {
    expect(parseVerifier('8000')).toEqual({ ok: true, value: '8000' })
    expect(parseVerifier(' ８０００ ')).toEqual({ ok: true, value: '8000' })
  })

  it('takes an access key, however it is spaced or cased', () => {
    const key = formatAccessKey(new Uint8Array(17).fill(7))
    expect(parseVerifier(key.toLowerCase().replace(/-/g, ' '))).toEqual({ ok: true, value: key })
  })

  it('says what is wrong in words', () => {
    expect(parseVerifier('')).toEqual({ ok: false, message: '请填写查询密钥或电话号码后四位' })
    expect(parseVerifier('13800138000')).toEqual({ ok: false, message: '电话号码后四位应为4位数字' })
    expect(parseVerifier('02083212345')).toEqual({ ok: false, message: '电话号码后四位应为4位数字' })
    expect(parseVerifier('ABCD-EFGH')).toMatchObject({ ok: false, message: expect.stringContaining('查询密钥') })
  })
})
