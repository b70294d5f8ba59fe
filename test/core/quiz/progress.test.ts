import {
  HISTORY_LIMIT,
  emptyProgress,
  masteryByCategory,
  nextRoundNumber,
  recordAnswer,
  recordRound,
  restoreProgress,
  type AnswerRecord,
  type QuizProgress,
} from '../../../src/core/quiz/progress'

const NOW = Date.UTC(2026, 10, 28, 2, 0, 0)

function answer(round: number, right: boolean, questionId = 'q-001'): AnswerRecord {
  return { round, questionId, category: '劳动关系', right }
}

function play(answers: AnswerRecord[], start: QuizProgress = emptyProgress()): QuizProgress {
  return answers.reduce(recordAnswer, start)
}

describe('the wrong-answer book', () => {
  it('takes a question in on a wrong answer', () => {
    const progress = play([answer(1, false)])
    expect(progress.wrongBook['q-001']).toEqual({ category: '劳动关系', wrongRound: 1, rightRounds: 0, lastCountedRound: 1 })
  })

  it('leaves a question out when it is answered right without ever being wrong', () => {
    expect(play([answer(1, true), answer(2, true)]).wrongBook).toEqual({})
  })

  it('lets it leave after right answers in two later rounds', () => {
    const afterOne = play([answer(1, false), answer(2, true)])
    expect(afterOne.wrongBook['q-001']).toMatchObject({ rightRounds: 1, lastCountedRound: 2 })
    expect(recordAnswer(afterOne, answer(3, true)).wrongBook).toEqual({})
  })

  it('does not need the later rounds to follow one another', () => {
    expect(play([answer(1, false), answer(4, true), answer(9, true)]).wrongBook).toEqual({})
  })

  it('counts two right answers in the same round once', () => {
    const progress = play([answer(1, false), answer(2, true), answer(2, true)])
    expect(progress.wrongBook['q-001']).toMatchObject({ rightRounds: 1 })
    expect(recordAnswer(progress, answer(3, true)).wrongBook).toEqual({})
  })

  it('does not count a right answer in the round of the wrong one', () => {
    const progress = play([answer(1, false), answer(1, true), answer(2, true)])
    expect(progress.wrongBook['q-001']).toMatchObject({ rightRounds: 1, lastCountedRound: 2 })
  })

  it('starts the count again on a wrong answer', () => {
    const progress = play([answer(1, false), answer(2, true), answer(3, false), answer(4, true)])
    expect(progress.wrongBook['q-001']).toEqual({ category: '劳动关系', wrongRound: 3, rightRounds: 1, lastCountedRound: 4 })
    expect(recordAnswer(progress, answer(5, true)).wrongBook).toEqual({})
  })

  it('starts again when a wrong answer follows a counted right one in the same round', () => {
    const progress = play([answer(1, false), answer(2, true), answer(2, false), answer(3, true)])
    expect(progress.wrongBook['q-001']).toMatchObject({ wrongRound: 2, rightRounds: 1 })
  })

  it('keeps each question apart', () => {
    const progress = play([answer(1, false, 'q-a'), answer(1, false, 'q-b'), answer(2, true, 'q-a'), answer(3, true, 'q-a')])
    expect(Object.keys(progress.wrongBook)).toEqual(['q-b'])
  })
})

describe('seen questions and round numbers', () => {
  it('remembers the last round each question was answered in, and numbers the next round after it', () => {
    const progress = play([answer(1, true, 'q-a'), answer(3, false, 'q-b'), answer(2, true, 'q-a')])
    expect(progress.seen).toEqual({ 'q-a': { lastRound: 2 }, 'q-b': { lastRound: 3 } })
    expect(nextRoundNumber(progress)).toBe(4)
  })

  it('never changes the progress it was given', () => {
    const before = play([answer(1, false)])
    const copy = JSON.parse(JSON.stringify(before)) as QuizProgress
    play([answer(2, true), answer(3, true)], before)
    expect(before).toEqual(copy)
  })
})

describe('mastery', () => {
  it('counts answers and right answers per category, with their ratio', () => {
    const progress = play([
      answer(1, true),
      answer(1, false, 'q-2'),
      answer(2, true, 'q-3'),
      answer(2, true, 'q-4'),
      { round: 2, questionId: 'q-5', category: '社会保险', right: false },
    ])
    expect(progress.mastery).toEqual({
      劳动关系: { answered: 4, right: 3, ratio: 0.75 },
      社会保险: { answered: 1, right: 0, ratio: 0 },
    })
  })

  it('lists every category in order, with zeros for those never practised', () => {
    const list = masteryByCategory(play([answer(1, true)]))
    expect(list.map((entry) => entry.category)).toEqual(['就业创业', '社会保险', '劳动关系', '工资支付', '人才人事', '职业技能'])
    expect(list[2].mastery).toEqual({ answered: 1, right: 1, ratio: 1 })
    expect(list[0].mastery).toEqual({ answered: 0, right: 0, ratio: 0 })
  })
})

describe('round history', () => {
  it('adds a round once, and not a round with no answers', () => {
    const record = { round: 1, at: NOW, scope: 'mixed' as const, count: 10, right: 7 }
    const once = recordRound(emptyProgress(), record)
    expect(once.history).toEqual([record])
    expect(recordRound(once, { ...record, at: NOW + 1 })).toBe(once)
    expect(recordRound(emptyProgress(), { ...record, count: 0, right: 0 }).history).toEqual([])
  })

  it(`keeps the latest ${HISTORY_LIMIT} rounds`, () => {
    let progress = emptyProgress()
    for (let round = 1; round <= HISTORY_LIMIT + 5; round += 1) {
      progress = recordRound(progress, { round, at: NOW + round, scope: '工资支付', count: 5, right: 5 })
    }
    expect(progress.history).toHaveLength(HISTORY_LIMIT)
    expect(progress.history[0].round).toBe(6)
  })
})

describe('restoring stored progress', () => {
  it('gives back what was stored, through JSON', () => {
    const progress = recordRound(play([answer(1, false), answer(2, true, 'q-2')]), { round: 2, at: NOW, scope: 'mistakes', count: 1, right: 1 })
    expect(restoreProgress(JSON.parse(JSON.stringify(progress)))).toEqual(progress)
  })

  it.each([null, undefined, 'text', 42, [], {}])('starts empty from %p', (raw) => {
    expect(restoreProgress(raw)).toEqual(emptyProgress())
  })

  it('keeps the whole parts, drops damaged ones, and never reuses a round number', () => {
    const restored = restoreProgress({
      lastRound: 'three',
      seen: { 'q-a': { lastRound: 5, extra: true }, 'q-b': { lastRound: -1 }, 'q-c': null },
      mastery: { 劳动关系: { answered: 4, right: 1, ratio: 0.9 }, 社会保险: { answered: 1, right: 2 }, 其他: { answered: 1, right: 1 } },
      wrongBook: {
        'q-a': { category: '劳动关系', wrongRound: 5, rightRounds: 1, lastCountedRound: 6 },
        'q-d': { category: '不存在', wrongRound: 1, rightRounds: 0, lastCountedRound: 1 },
        'q-e': { category: '劳动关系', wrongRound: 1, rightRounds: 2, lastCountedRound: 3 },
      },
      history: [{ round: 4, at: NOW, scope: 'mixed', count: 3, right: 2 }, { round: 5, at: NOW, scope: '别的', count: 3, right: 2 }, 'x'],
    })
    expect(restored).toEqual({
      lastRound: 6,
      seen: { 'q-a': { lastRound: 5 } },
      mastery: { 劳动关系: { answered: 4, right: 1, ratio: 0.25 } },
      wrongBook: { 'q-a': { category: '劳动关系', wrongRound: 5, rightRounds: 1, lastCountedRound: 6 } },
      history: [{ round: 4, at: NOW, scope: 'mixed', count: 3, right: 2 }],
    })
  })

  it('keeps a question id such as __proto__ as a plain entry', () => {
    const restored = restoreProgress(JSON.parse('{"seen":{"__proto__":{"lastRound":2}}}'))
    expect(Object.keys(restored.seen)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(restored.seen)).toBe(Object.prototype)
  })
})
