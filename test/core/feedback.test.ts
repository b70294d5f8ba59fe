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
    ['一个单独的回车\r不是换行', '内容中有无法识别的字符，请删除后再提交'],
    ['方向\u202e反转的文字', '内容中有无法识别的字符，请删除后再提交'],
    ['\u200b\u200b\u200b\u200b\u200b\u200b', '请填写您的意见或建议'],
  ])('rejects %j with a message naming the problem', (input, message) => {
    expect(checkFeedbackContent(input)).toEqual({ ok: false, message })
  })

  it('stores Windows line breaks as \\n and text in NFC', () => {
    expect(checkFeedbackContent('Windows 换行\r\n也可以')).toEqual({ ok: true, value: 'Windows 换行\n也可以' })
    expect(checkFeedbackContent('Cafe\u0301 的窗口')).toEqual({ ok: true, value: 'Caf\u00e9 的窗口' })
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

  it('keeps the digits of a landline with its area code', () => {
    expect(checkFeedbackContact('（020）8321-2345')).toEqual({ ok: true, value: '02083212345' })
  })

  it('keeps the digits of a mobile number however it was typed', () => {
    expect(checkFeedbackContact(' 138-1234-5678 ')).toEqual({ ok: true, value: '13812345678' })
    expect(checkFeedbackContact('+86 139 1234 5678')).toEqual({ ok: true, value: '13912345678' })
    expect(checkFeedbackContact('１３８１２３４５６７８')).toEqual({ ok: true, value: '13812345678' })
  })

  it.each([
    ['1381234567', '手机号码应为11位，您填写了10位'],
    ['12812345678', '手机号码第2位应是3到9中的一个，请再看一遍'],
    ['138abc45678', '电话号码只能填写数字，可以用空格或短横线隔开'],
    ['+1 415 555 0100', '请填写中国大陆的电话号码'],
    ['83212345', '固定电话要加上区号，例如 020-83212345'],
  ])('refuses %j with a message naming the problem', (input, message) => {
    expect(checkFeedbackContact(input)).toEqual({ ok: false, message })
  })
})
