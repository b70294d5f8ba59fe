import { readFileSync } from 'node:fs'
import path from 'node:path'
import { checkFeedItem } from '../../../server/ingest/feed-item'
import type { RichNode } from '../../../src/core/content/model'
import { drawRound, type BankQuestion, type QuizRound } from '../../../src/core/quiz/draw'
import { emptyProgress, type QuizProgress } from '../../../src/core/quiz/progress'
import { answerQuestion, finishRound } from '../../../src/core/quiz/round'
import { SEEDS, makeBank, seeded } from './bank'

const NOW = Date.UTC(2026, 10, 28, 2, 0, 0)

/** The practice questions of assets/feed/sample-quiz.json, checked as the ingest checks them. */
function samplePracticeBank(): BankQuestion[] {
  const feed = JSON.parse(readFileSync(path.resolve(__dirname, '../../../assets/feed/sample-quiz.json'), 'utf8')) as { items: unknown[] }
  const context = { htmlToNodes: (): RichNode[] => [], maxBodyBytes: 1_000_000 }
  return feed.items.flatMap((raw, index) => {
    const check = checkFeedItem(raw, { ...context, position: index + 1 })
    if (check.status !== 'valid' || check.item.type !== 'quiz_question') throw new Error(`sample item ${index + 1} is not a valid question`)
    return check.item.data.bank === 'practice' ? [{ id: check.item.id, data: check.item.data }] : []
  })
}

const SAMPLE = samplePracticeBank()

function rightChoice(round: QuizRound, id: string): string[] {
  return round.questions.find((item) => item.id === id)?.question.answer ?? []
}

/** A choice that is wrong for any question type: the first option that is not in the answer. */
function wrongChoice(round: QuizRound, id: string): string[] {
  const presented = round.questions.find((item) => item.id === id)
  const option = presented?.options.find((candidate) => !presented.question.answer.includes(candidate.id))
  return option ? [option.id] : []
}

function playRound(progress: QuizProgress, round: QuizRound, wrongIds: readonly string[]): QuizProgress {
  let state = { round, progress }
  for (const { id } of round.questions) {
    const outcome = answerQuestion(state.round, state.progress, id, wrongIds.includes(id) ? wrongChoice(round, id) : rightChoice(round, id))
    state = { round: outcome.round, progress: outcome.progress }
  }
  return finishRound(state.round, state.progress, NOW).progress
}

describe('answering in a round', () => {
  const bank = makeBank(6)
  const round = drawRound({ bank, progress: emptyProgress(), scope: 'mixed', count: 6, random: seeded(11) })
  const multiple = round.questions.find((item) => item.question.questionType === 'multiple')!

  it('scores the answer at once and gives the right options in the order shown, the explanation and the citations', () => {
    const outcome = answerQuestion(round, emptyProgress(), multiple.id, ['a'])
    expect(outcome.feedback).toEqual({
      right: false,
      answer: multiple.options.filter((option) => ['a', 'c'].includes(option.id)),
      explanation: multiple.question.explanation,
      citations: multiple.question.citations,
    })
    expect(outcome.round.answers[multiple.id]).toEqual({ chosen: ['a'], right: false })
    expect(outcome.progress.wrongBook[multiple.id]).toMatchObject({ wrongRound: round.number })
    expect(outcome.progress.mastery[multiple.question.category]).toEqual({ answered: 1, right: 0, ratio: 0 })
  })

  it('lets the first answer stand', () => {
    const first = answerQuestion(round, emptyProgress(), multiple.id, ['a'])
    const second = answerQuestion(first.round, first.progress, multiple.id, ['a', 'c'])
    expect(second.feedback?.right).toBe(false)
    expect(second.round).toBe(first.round)
    expect(second.progress).toBe(first.progress)
  })

  it('changes nothing for a question that is not in the round, and records nonsense choices as wrong', () => {
    const progress = emptyProgress()
    expect(answerQuestion(round, progress, 'q-999', ['a'])).toEqual({ round, progress, feedback: null })
    const nonsense = answerQuestion(round, progress, multiple.id, ['a', 7])
    expect(nonsense.feedback?.right).toBe(false)
    expect(nonsense.round.answers[multiple.id]).toEqual({ chosen: [], right: false })
  })
})

describe('finishing a round', () => {
  it('sums up right/total, per category, and the wrong answers with explanations and citations', () => {
    const bank = makeBank(6)
    let round = drawRound({ bank, progress: emptyProgress(), scope: 'mixed', count: 6, random: seeded(5) })
    let progress = emptyProgress()
    const [wrong, skipped, ...rest] = round.questions
    const shownWrong = wrong.options.find((option) => !wrong.question.answer.includes(option.id))!
    ;({ round, progress } = answerQuestion(round, progress, wrong.id, [shownWrong.id, 'zz']))
    for (const item of rest) ({ round, progress } = answerQuestion(round, progress, item.id, item.question.answer))
    const { progress: finished, summary } = finishRound(round, progress, NOW)

    expect(summary).toMatchObject({ round: 1, scope: 'mixed', total: 6, answered: 5, right: 4, short: false, requested: 6 })
    const categories = summary.byCategory.map((score) => score.category).sort()
    expect(categories).toEqual(['劳动关系', '工资支付', '社会保险'].sort())
    expect(summary.byCategory.reduce((sum, score) => sum + score.total, 0)).toBe(6)
    expect(summary.byCategory.reduce((sum, score) => sum + score.right, 0)).toBe(4)
    const wrongCategory = summary.byCategory.find((score) => score.category === wrong.question.category)!
    const inWrongCategory = round.questions.filter((item) => item.question.category === wrong.question.category)
    const skippedThere = skipped.question.category === wrong.question.category ? 1 : 0
    expect(wrongCategory).toEqual({ category: wrong.question.category, total: inWrongCategory.length, right: inWrongCategory.length - 1 - skippedThere })
    expect(summary.wrong).toEqual([
      {
        questionId: wrong.id,
        stem: wrong.question.stem,
        chosen: [shownWrong],
        answer: wrong.options.filter((option) => wrong.question.answer.includes(option.id)),
        explanation: wrong.question.explanation,
        citations: wrong.question.citations,
      },
    ])
    expect(finished.history).toEqual([{ round: 1, at: NOW, scope: 'mixed', count: 5, right: 4 }])
    expect(finishRound(round, finished, NOW + 1000).progress).toBe(finished)
  })
})

describe('a round from the sample feed', () => {
  it('has the 100 practice questions', () => {
    expect(SAMPLE).toHaveLength(100)
  })

  it('draws a mixed round of 10 without repeats, and all of a category when it has fewer than asked', () => {
    for (const seed of SEEDS.slice(0, 50)) {
      const random = seeded(seed)
      const mixed = drawRound({ bank: SAMPLE, progress: emptyProgress(), scope: 'mixed', count: 10, random })
      expect(new Set(mixed.questions.map((item) => item.id)).size).toBe(10)
      const skills = drawRound({ bank: SAMPLE, progress: emptyProgress(), scope: '职业技能', count: 10, random })
      expect(skills.questions).toHaveLength(SAMPLE.filter((item) => item.data.category === '职业技能').length)
      expect(skills.short).toBe(true)
    }
  })

  it('answering every question right through the shuffled options scores 10 of 10', () => {
    const round = drawRound({ bank: SAMPLE, progress: emptyProgress(), scope: 'mixed', count: 10, random: seeded(2026) })
    let state = { round, progress: emptyProgress() }
    for (const item of round.questions) {
      // Tap the right options where they are on the screen, by their text.
      const texts = item.question.options.filter((option) => item.question.answer.includes(option.id)).map((option) => option.text)
      const tapped = item.options.filter((option) => texts.includes(option.text)).map((option) => option.id)
      const outcome = answerQuestion(state.round, state.progress, item.id, tapped)
      expect(outcome.feedback?.right).toBe(true)
      state = { round: outcome.round, progress: outcome.progress }
    }
    expect(finishRound(state.round, state.progress, NOW).summary).toMatchObject({ total: 10, answered: 10, right: 10, wrong: [] })
  })

  it('a mistake lands in the wrong-answer book, comes back first, and leaves after two later right rounds', () => {
    const random = seeded(7)
    const first = drawRound({ bank: SAMPLE, progress: emptyProgress(), scope: 'mixed', count: 10, random })
    const missed = first.questions[3].id
    let progress = playRound(emptyProgress(), first, [missed])
    expect(Object.keys(progress.wrongBook)).toEqual([missed])
    expect(progress.history).toEqual([{ round: 1, at: NOW, scope: 'mixed', count: 10, right: 9 }])

    const second = drawRound({ bank: SAMPLE, progress, scope: 'mixed', count: 10, random })
    expect(second.number).toBe(2)
    expect(second.questions.map((item) => item.id)).toContain(missed)
    // Unseen questions come before the nine answered right in round 1.
    expect(second.questions.filter((item) => first.questions.some((earlier) => earlier.id === item.id)).map((item) => item.id)).toEqual([missed])
    progress = playRound(progress, second, [])
    expect(progress.wrongBook[missed]).toMatchObject({ rightRounds: 1 })

    const mistakes = drawRound({ bank: SAMPLE, progress, scope: 'mistakes', count: 10, random })
    expect(mistakes.questions.map((item) => item.id)).toEqual([missed])
    progress = playRound(progress, mistakes, [])
    expect(progress.wrongBook).toEqual({})
    expect(progress.history.map((entry) => [entry.round, entry.scope, entry.count, entry.right])).toEqual([
      [1, 'mixed', 10, 9],
      [2, 'mixed', 10, 10],
      [3, 'mistakes', 1, 1],
    ])
    expect(Object.values(progress.mastery).reduce((sum, entry) => sum + (entry?.answered ?? 0), 0)).toBe(21)
  })
})
