import { checkRatingComment, isTipRating, RATING_COMMENT_MAX, TIP_RATING_NAMES, TIP_RATINGS } from '../../../src/core/tips/rating'

describe('rating', () => {
  it('offers three ratings in words', () => {
    expect(TIP_RATINGS.map((rating) => TIP_RATING_NAMES[rating])).toEqual(['满意', '基本满意', '不满意'])
    expect(isTipRating('satisfied')).toBe(true)
    expect(isTipRating('great')).toBe(false)
    expect(isTipRating(1)).toBe(false)
  })

  it('takes optional words, trimmed, up to the limit, without control characters', () => {
    expect(checkRatingComment(undefined)).toEqual({ ok: true, value: null })
    expect(checkRatingComment('   ')).toEqual({ ok: true, value: null })
    expect(checkRatingComment(' 工资全部拿到了，谢谢 ')).toEqual({ ok: true, value: '工资全部拿到了，谢谢' })
    expect(checkRatingComment('好'.repeat(RATING_COMMENT_MAX))).toMatchObject({ ok: true })
    expect(checkRatingComment('好'.repeat(RATING_COMMENT_MAX + 1))).toEqual({ ok: false, message: '评价的话请不超过300个字' })
    expect(checkRatingComment('好\u0007')).toEqual({ ok: false, message: '评价的话中有无法识别的字符，请删除后再提交' })
    expect(checkRatingComment('\u202e满意')).toMatchObject({ ok: false })
  })
})
