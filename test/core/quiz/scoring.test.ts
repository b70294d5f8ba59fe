import { chosenIds, isAnswerRight } from '../../../src/core/quiz/scoring'
import { question } from './bank'

describe('scoring single and judge questions', () => {
  const single = question('single', '劳动关系', ['b'])
  const judge = question('judge', '劳动关系', ['f'])

  it('is right only when the one chosen id is the answer', () => {
    expect(isAnswerRight(single, ['b'])).toBe(true)
    expect(isAnswerRight(single, ['a'])).toBe(false)
    expect(isAnswerRight(judge, ['f'])).toBe(true)
    expect(isAnswerRight(judge, ['t'])).toBe(false)
  })

  it('is wrong with nothing chosen or with more than one id chosen', () => {
    expect(isAnswerRight(single, [])).toBe(false)
    expect(isAnswerRight(single, ['b', 'a'])).toBe(false)
    expect(isAnswerRight(judge, ['t', 'f'])).toBe(false)
  })

  it('counts the same id chosen twice as one choice', () => {
    expect(isAnswerRight(single, ['b', 'b'])).toBe(true)
  })
})

describe('scoring multiple-choice questions: all or nothing', () => {
  const multiple = question('multiple', '工资支付', ['a', 'c'])

  it('is right for exactly the answer set, in any order', () => {
    expect(isAnswerRight(multiple, ['a', 'c'])).toBe(true)
    expect(isAnswerRight(multiple, ['c', 'a'])).toBe(true)
  })

  it.each([[['a']], [['c']], [['a', 'b', 'c']], [['a', 'b', 'c', 'd']], [['b', 'd']], [[]]])('is wrong for %j', (chosen) => {
    expect(isAnswerRight(multiple, chosen)).toBe(false)
  })

  it('gives no credit for every subset and superset of the answer', () => {
    const ids = ['a', 'b', 'c', 'd']
    for (let mask = 0; mask < 16; mask += 1) {
      const chosen = ids.filter((_, i) => mask & (1 << i))
      expect(isAnswerRight(multiple, chosen)).toBe(chosen.length === 2 && chosen.includes('a') && chosen.includes('c'))
    }
  })
})

describe('unexpected choices', () => {
  it('are wrong answers, never errors', () => {
    const single = question('single', '劳动关系', ['b'])
    const multiple = question('multiple', '劳动关系', ['a', 'c'])
    expect(isAnswerRight(single, ['z'])).toBe(false)
    expect(isAnswerRight(multiple, ['a', 'c', 'z'])).toBe(false)
    expect(isAnswerRight(single, [2])).toBe(false)
    expect(isAnswerRight(single, [null])).toBe(false)
    expect(isAnswerRight(multiple, ['a', { id: 'c' }])).toBe(false)
    expect(isAnswerRight(single, 'b' as unknown as string[])).toBe(false)
    expect(isAnswerRight(single, undefined as unknown as string[])).toBe(false)
  })

  it('chosenIds keeps distinct strings in order and refuses anything else', () => {
    expect(chosenIds(['c', 'a', 'c'])).toEqual(['c', 'a'])
    expect(chosenIds(['a', 1])).toBeNull()
    expect(chosenIds(null as unknown as string[])).toBeNull()
  })
})
