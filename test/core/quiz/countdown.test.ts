import { drawRound } from '../../../src/core/quiz/draw'
import { calmTimeLeftWords, countdownAnnouncement, HURRY_AT_SECONDS, QUESTION_TIME_LIMITS, roundTimeLimit, secondsLeft, secondsUntil } from '../../../src/core/quiz/countdown'
import { emptyProgress } from '../../../src/core/quiz/progress'
import { answerQuestion, finishRound } from '../../../src/core/quiz/round'
import { makeBank, seeded } from './bank'

const START = Date.UTC(2026, 11, 4, 8, 0, 0)

describe('roundTimeLimit', () => {
  it('is untimed by default and for anything not on offer', () => {
    for (const requested of [undefined, null, '', '0', 0, '45', 45, '-30', '30.5', '30abc', ' 30', 'Infinity', {}, ['30']]) {
      expect(roundTimeLimit(requested, false)).toBe(0)
    }
  })

  it('takes the limits on offer, from the URL (text) or as numbers', () => {
    expect(roundTimeLimit('30', false)).toBe(30)
    expect(roundTimeLimit('60', false)).toBe(60)
    expect(roundTimeLimit(60, false)).toBe(60)
    expect(QUESTION_TIME_LIMITS).toEqual([0, 30, 60])
  })

  it('never times a round in elder mode, whatever was asked for', () => {
    for (const requested of ['30', '60', 30, 60]) expect(roundTimeLimit(requested, true)).toBe(0)
  })
})

describe('secondsUntil', () => {
  it('rounds up and never goes below zero', () => {
    expect(secondsUntil(10_000, 9_001)).toBe(1)
    expect(secondsUntil(10_000, 10_000)).toBe(0)
    expect(secondsUntil(10_000, 99_000)).toBe(0)
  })
})

describe('secondsLeft', () => {
  it('counts whole seconds down, rounding up, and stops at 0', () => {
    expect(secondsLeft(30, START, START)).toBe(30)
    expect(secondsLeft(30, START, START + 1)).toBe(30)
    expect(secondsLeft(30, START, START + 999)).toBe(30)
    expect(secondsLeft(30, START, START + 1000)).toBe(29)
    expect(secondsLeft(30, START, START + 29_001)).toBe(1)
    expect(secondsLeft(30, START, START + 30_000)).toBe(0)
    expect(secondsLeft(30, START, START + 90_000)).toBe(0)
  })

  it('does not go above the limit when the clock moves back', () => {
    expect(secondsLeft(60, START, START - 5000)).toBe(60)
    expect(secondsLeft(60, START, START + 60_000)).toBe(0)
  })
})

describe('countdownAnnouncement', () => {
  it('changes only twice over a question: the limit, then once when little is left', () => {
    for (const limit of [30, 60]) {
      const said = new Set<string>()
      for (let left = limit; left >= 0; left -= 1) said.add(countdownAnnouncement(limit, left))
      expect([...said]).toEqual([`本题限时${limit}秒`, `还剩${HURRY_AT_SECONDS}秒，请尽快作答`, ''])
    }
  })
})

describe('calmTimeLeftWords (elder mode: no ticking clock)', () => {
  it('says the whole minutes left, never more than there are', () => {
    expect(calmTimeLeftWords(600)).toBe('还剩约10分钟')
    expect(calmTimeLeftWords(539)).toBe('还剩约8分钟')
    expect(calmTimeLeftWords(480)).toBe('还剩约8分钟')
    expect(calmTimeLeftWords(479)).toBe('还剩约7分钟')
    expect(calmTimeLeftWords(119)).toBe('还剩约1分钟')
    expect(calmTimeLeftWords(60)).toBe('还剩约1分钟')
  })

  it('in the last minute says less than a minute, and then that the time is up', () => {
    expect(calmTimeLeftWords(59)).toBe('还剩不到1分钟')
    expect(calmTimeLeftWords(1)).toBe('还剩不到1分钟')
    expect(calmTimeLeftWords(0)).toBe('时间到')
    expect(calmTimeLeftWords(-5)).toBe('时间到')
  })

  it('changes once a minute, not once a second: counting an hour down says 62 different things (60 to 1 minutes, under a minute, up)', () => {
    const said: string[] = []
    for (let left = 3600; left >= 0; left -= 1) {
      const words = calmTimeLeftWords(left)
      if (said.at(-1) !== words) said.push(words)
    }
    expect(said).toHaveLength(62)
    expect(said.slice(0, 2)).toEqual(['还剩约60分钟', '还剩约59分钟'])
    expect(said.slice(-3)).toEqual(['还剩约1分钟', '还剩不到1分钟', '时间到'])
  })
})

describe('a question whose time ran out', () => {
  it('counts as answered wrong with nothing chosen, and enters the wrong-answer book', () => {
    const bank = makeBank(9)
    const round = drawRound({ bank, progress: emptyProgress(), scope: 'mixed', count: 3, random: seeded(7) })
    for (const presented of round.questions) {
      const outcome = answerQuestion(round, emptyProgress(), presented.id, [])
      expect(outcome.round.answers[presented.id]).toEqual({ chosen: [], right: false })
      expect(outcome.feedback).toMatchObject({ right: false, explanation: presented.question.explanation, citations: presented.question.citations })
      expect(outcome.feedback?.answer.map((option) => option.id).sort()).toEqual([...presented.question.answer].sort())
      expect(Object.keys(outcome.progress.wrongBook)).toEqual([presented.id])
    }
  })

  it('stands: a late tap after the time ran out changes nothing', () => {
    const bank = makeBank(3)
    const round = drawRound({ bank, progress: emptyProgress(), scope: 'mixed', count: 1, random: seeded(3) })
    const [presented] = round.questions
    const timedOut = answerQuestion(round, emptyProgress(), presented.id, [])
    const late = answerQuestion(timedOut.round, timedOut.progress, presented.id, presented.question.answer)
    expect(late.round).toBe(timedOut.round)
    expect(late.progress).toBe(timedOut.progress)
    expect(finishRound(late.round, late.progress, START).summary).toMatchObject({ right: 0, answered: 1 })
  })
})
