import { fail, pass } from '../../src/core/check'

describe('check', () => {
  it('pass carries the value', () => {
    expect(pass(42)).toEqual({ ok: true, value: 42 })
  })

  it('fail carries the message', () => {
    expect(fail('请填写手机号码')).toEqual({ ok: false, message: '请填写手机号码' })
  })
})
