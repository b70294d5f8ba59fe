import { checkFeedbackContact, checkFeedbackContent } from '../../src/core/feedback'

describe('checkFeedbackContent', () => {
  it('accepts plain text, trimmed, with line breaks and tabs', () => {
    expect(checkFeedbackContent('  窗口排队时间太长\n希望增加人手\t谢谢  ')).toEqual({
      ok: true,
      value: '窗口排队时间太长\n希望增加人手\t谢谢',
    })
  })

  it.each([
    ['', '请填写您的意见或建议'],
    ['   ', '请填写您的意见或建议'],
    ['太短了', '请至少写5个字'],
    ['好'.repeat(1001), '内容请不超过1000字'],
    ['内容里有\u0007响铃字符', '内容中有无法识别的字符，请删除后再提交'],
    ['Windows 换行\r\n也不行', '内容中有无法识别的字符，请删除后再提交'],
  ])('rejects %j with a message naming the problem', (input, message) => {
    expect(checkFeedbackContent(input)).toEqual({ ok: false, message })
  })

  it('counts characters, not UTF-16 units, so emoji are one each', () => {
    expect(checkFeedbackContent('😀😀😀😀😀').ok).toBe(true)
    expect(checkFeedbackContent('😀'.repeat(1000)).ok).toBe(true)
    expect(checkFeedbackContent('😀'.repeat(1001)).ok).toBe(false)
  })
})

describe('checkFeedbackContact', () => {
  it('is optional: blank means no contact', () => {
    expect(checkFeedbackContact('')).toEqual({ ok: true, value: null })
    expect(checkFeedbackContact('  \n ')).toEqual({ ok: true, value: null })
  })

  it('keeps the digits of a mobile number however it was typed', () => {
    expect(checkFeedbackContact(' 138-1234-5678 ')).toEqual({ ok: true, value: '13812345678' })
    expect(checkFeedbackContact('+86 139 1234 5678')).toEqual({ ok: true, value: '13912345678' })
    expect(checkFeedbackContact('１３８１２３４５６７８')).toEqual({ ok: true, value: '13812345678' })
  })

  it.each([
    ['1381234567', '手机号码应为11位数字，以1开头'],
    ['12812345678', '手机号码第2位应为3至9之间的数字，请核对'],
    ['138abc45678', '手机号码只能包含数字'],
    ['+1 415 555 0100', '请填写中国大陆的手机号码'],
  ])('refuses %j with a message naming the problem', (input, message) => {
    expect(checkFeedbackContact(input)).toEqual({ ok: false, message })
  })
})
