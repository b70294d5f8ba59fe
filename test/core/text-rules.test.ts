import { hasUnreadableCharacters } from '../../src/core/text-rules'

describe('hasUnreadableCharacters', () => {
  it('lets plain text, tabs, line breaks and emoji through', () => {
    expect(hasUnreadableCharacters('老板说下个月发\t\n再等等😀')).toBe(false)
  })

  it.each([
    ['a control character', '欠\u0007薪'],
    ['a C1 control', '欠\u0085薪'],
    ['a bidi override', '\u202e欠薪'],
    ['a lone high surrogate', '欠\ud83d薪'],
    ['a lone low surrogate', '\ude00欠薪'],
  ])('finds %s', (_label, text) => {
    expect(hasUnreadableCharacters(text)).toBe(true)
  })
})
