import { checkFeedbackContent } from '../../src/core/feedback'

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
