import { checkNickname } from '../../src/core/quiz/nickname'
import { checkText, foldForChecks, hasUnreadableCharacters, isBlankText, normaliseText, READABLE_TEXT_PATTERN, visibleText } from '../../src/core/text-rules'

describe('hasUnreadableCharacters', () => {
  it('lets plain text, tabs, line breaks and emoji through', () => {
    expect(hasUnreadableCharacters('老板说下个月发\t\n再等等😀👷‍♂️🇨🇳𠮷')).toBe(false)
  })

  it.each([
    ['a NUL byte', '欠\u0000薪'],
    ['a control character', '欠\u0007薪'],
    ['a bare carriage return', '欠\r薪'],
    ['DEL', '欠\u007f薪'],
    ['a C1 control', '欠\u0085薪'],
    ['a bidi override', '\u202e欠薪'],
    ['a bidi isolate', '欠\u2066薪'],
    ['a right-to-left mark', '欠\u200f薪'],
    ['a lone high surrogate', '欠\ud83d薪'],
    ['a lone high surrogate at the end', '欠薪\ud83d'],
    ['a lone low surrogate', '\ude00欠薪'],
  ])('finds %s', (_label, text) => {
    expect(hasUnreadableCharacters(text)).toBe(true)
  })
})

describe('READABLE_TEXT_PATTERN', () => {
  // AJV compiles patterns with the u flag: the pattern must say what hasUnreadableCharacters says.
  const pattern = new RegExp(READABLE_TEXT_PATTERN, 'u')
  it.each(['老板说下个月发\t\n再等等😀👷‍♂️', '欠\u0000薪', '欠\u0085薪', '\u202e欠薪', '欠\ud83d薪', '\ude00欠薪', '欠\r薪', ''])('agrees with hasUnreadableCharacters on %j', (text) => {
    expect(pattern.test(text)).toBe(!hasUnreadableCharacters(text))
  })
})

describe('normalising', () => {
  it('stores NFC with Windows line breaks as \\n', () => {
    expect(normaliseText('Cafe\u0301\r\n下一行')).toBe('Caf\u00e9\n下一行')
  })

  it('checks in NFKC: full-width digits and letters read as ASCII', () => {
    expect(foldForChecks('１３８ＡＢＣ')).toBe('138ABC')
  })

  it('sees text of white space and zero-width characters only as blank', () => {
    expect(isBlankText('\u200b\u200c\u200d\ufeff \u3000\u2060')).toBe(true)
    expect(isBlankText('\u200b欠薪')).toBe(false)
    expect(visibleText('  \u200b\u200b  ')).toBe('')
    expect(visibleText('  工地\r\n欠薪  ')).toBe('工地\n欠薪')
  })
})

describe('checkText', () => {
  const rule = { label: '备注', max: 5 }
  it('names the field in every message', () => {
    expect(checkText('\u200b\u200b', rule)).toEqual({ ok: false, message: '请填写备注' })
    expect(checkText('备注\u202e文字', rule)).toEqual({ ok: false, message: '备注中有无法识别的字符，请删除后再提交' })
    expect(checkText('一二三四五六', rule)).toEqual({ ok: false, message: '备注请不超过5个字' })
    expect(checkText('一', { ...rule, min: 2 })).toEqual({ ok: false, message: '备注至少要写2个字' })
  })

  it('keeps line breaks only where the field is multiline', () => {
    expect(checkText(' 一\n二 ', rule)).toEqual({ ok: true, value: '一\n二' })
    expect(checkText(' 一\n二 ', { ...rule, multiline: false })).toEqual({ ok: true, value: '一 二' })
  })
})

describe('checkNickname', () => {
  it('is optional, and keeps a plain nickname trimmed', () => {
    expect(checkNickname(undefined)).toEqual({ ok: true, value: null })
    expect(checkNickname('  荔湾阿明 ')).toEqual({ ok: true, value: '荔湾阿明' })
  })

  it.each([
    ['a mobile number', '阿明138123456', '昵称里请不要填写电话号码、证件号码等个人信息'],
    ['full-width digits', '阿明１３８１２３４５', '昵称里请不要填写电话号码、证件号码等个人信息'],
    ['digits with separators', '138 1234-567', '昵称里请不要填写电话号码、证件号码等个人信息'],
    ['a bidi override', '阿\u202e明', '昵称中有无法识别的字符，请删除后再提交'],
    ['a C1 control', '阿\u0085明', '昵称中有无法识别的字符，请删除后再提交'],
    ['a lone surrogate', '阿明\ud83d', '昵称中有无法识别的字符，请删除后再提交'],
    ['zero-width characters only', '\u200b\u200b\u200b', '昵称不能只有空格'],
    ['too many characters', '一二三四五六七八九十一二三', '昵称请不超过12个字'],
  ])('refuses %s', (_label, input, message) => {
    expect(checkNickname(input)).toEqual({ ok: false, message })
  })
})
