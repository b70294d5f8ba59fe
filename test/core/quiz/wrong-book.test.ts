import { emptyProgress, recordAnswer, type AnswerRecord } from '../../../src/core/quiz/progress'
import { wrongBookQuestions } from '../../../src/core/quiz/wrong-book'
import { makeBank } from './bank'

function answer(round: number, questionId: string, right: boolean): AnswerRecord {
  return { round, questionId, category: '劳动关系', right }
}

describe('the wrong-answer book page', () => {
  const bank = makeBank(5)

  it('lists the questions in the book, latest mistakes first, with the right rounds still needed', () => {
    const progress = [answer(1, 'q-001', false), answer(2, 'q-003', false), answer(3, 'q-001', true), answer(3, 'q-004', true)].reduce(
      recordAnswer,
      emptyProgress(),
    )
    expect(wrongBookQuestions(progress, bank)).toEqual([
      { id: 'q-003', question: bank[3].data, wrongRound: 2, rightRoundsToGo: 2 },
      { id: 'q-001', question: bank[1].data, wrongRound: 1, rightRoundsToGo: 1 },
    ])
  })

  it('leaves out questions no longer in the bank, and lists a doubled id once', () => {
    const progress = [answer(1, 'q-gone', false), answer(1, 'q-002', false)].reduce(recordAnswer, emptyProgress())
    expect(wrongBookQuestions(progress, [...bank, bank[2]]).map((entry) => entry.id)).toEqual(['q-002'])
  })

  it('is empty for a new person', () => {
    expect(wrongBookQuestions(emptyProgress(), bank)).toEqual([])
  })
})
