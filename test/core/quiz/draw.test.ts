import type { PolicyCategory, QuizOption, QuizQuestion } from '../../../src/core/content/model'
import { drawRound, presentOptions, shuffle, type BankQuestion } from '../../../src/core/quiz/draw'
import { emptyProgress, type QuizProgress } from '../../../src/core/quiz/progress'
import { answerQuestion } from '../../../src/core/quiz/round'
import { SEEDS, makeBank, question, seeded } from './bank'

const BANK = makeBank(30)

/** A random history: some questions in the wrong-answer book, some seen in earlier rounds, the rest unseen. */
function randomProgress(bank: readonly BankQuestion[], random: () => number): QuizProgress {
  const progress = emptyProgress()
  for (const item of bank) {
    const roll = random()
    if (roll < 0.5) continue
    const lastRound = 1 + Math.floor(random() * 9)
    progress.seen[item.id] = { lastRound }
    progress.lastRound = Math.max(progress.lastRound, lastRound)
    if (roll > 0.85) progress.wrongBook[item.id] = { category: item.data.category, wrongRound: lastRound, rightRounds: 0, lastCountedRound: lastRound }
  }
  return progress
}

function ids(items: readonly { id: string }[]): string[] {
  return items.map((item) => item.id)
}

describe('drawing a round', () => {
  it.each([1, 5, 10, 30, 45])('never repeats a question and takes min(N, available) of %i requested, over many seeds', (count) => {
    for (const seed of SEEDS) {
      const random = seeded(seed)
      const round = drawRound({ bank: BANK, progress: randomProgress(BANK, random), scope: 'mixed', count, random })
      expect(new Set(ids(round.questions)).size).toBe(round.questions.length)
      expect(round.questions).toHaveLength(Math.min(count, BANK.length))
      expect(round.requested).toBe(count)
      expect(round.short).toBe(count > BANK.length)
      expect(round.answers).toEqual({})
    }
  })

  it('prefers the wrong-answer book, then unseen questions, then the least recently seen', () => {
    for (const seed of SEEDS) {
      const random = seeded(seed)
      const progress = randomProgress(BANK, random)
      const count = 1 + Math.floor(random() * BANK.length)
      const drawn = new Set(ids(drawRound({ bank: BANK, progress, scope: 'mixed', count, random }).questions))
      const mistakes = BANK.filter((item) => progress.wrongBook[item.id] !== undefined)
      const unseen = BANK.filter((item) => progress.seen[item.id] === undefined)
      const rest = BANK.filter((item) => progress.seen[item.id] !== undefined && progress.wrongBook[item.id] === undefined)
      const takenFrom = (group: BankQuestion[]) => group.filter((item) => drawn.has(item.id))
      expect(takenFrom(mistakes)).toHaveLength(Math.min(count, mistakes.length))
      expect(takenFrom(unseen)).toHaveLength(Math.min(Math.max(0, count - mistakes.length), unseen.length))
      const lastRound = (item: BankQuestion) => progress.seen[item.id].lastRound
      const newestTaken = Math.max(0, ...takenFrom(rest).map(lastRound))
      for (const item of rest.filter((entry) => !drawn.has(entry.id))) {
        expect(lastRound(item)).toBeGreaterThanOrEqual(newestTaken)
      }
    }
  })

  it('draws among equals at random, and the same seed draws the same round', () => {
    const rounds = SEEDS.slice(0, 20).map((seed) => ids(drawRound({ bank: BANK, progress: emptyProgress(), scope: 'mixed', count: 5, random: seeded(seed) }).questions).join(','))
    expect(new Set(rounds).size).toBeGreaterThan(15)
    const again = drawRound({ bank: BANK, progress: emptyProgress(), scope: 'mixed', count: 5, random: seeded(SEEDS[0]) })
    expect(ids(again.questions).join(',')).toBe(rounds[0])
  })

  it('keeps to one category when asked, and says so when the category has fewer questions than asked', () => {
    const category: PolicyCategory = '工资支付'
    for (const seed of SEEDS.slice(0, 50)) {
      const random = seeded(seed)
      const round = drawRound({ bank: BANK, progress: randomProgress(BANK, random), scope: category, count: 25, random })
      expect(round.questions).toHaveLength(10)
      expect(round.short).toBe(true)
      expect(round.questions.every((item) => item.question.category === category)).toBe(true)
    }
    const none = drawRound({ bank: BANK, progress: emptyProgress(), scope: '人才人事', count: 5, random: seeded(1) })
    expect(none).toMatchObject({ questions: [], short: true, requested: 5 })
  })

  it('a mistakes round draws only from the wrong-answer book, and only questions still in the bank', () => {
    for (const seed of SEEDS.slice(0, 50)) {
      const random = seeded(seed)
      const progress = randomProgress(BANK, random)
      progress.wrongBook['q-gone'] = { category: '劳动关系', wrongRound: 1, rightRounds: 0, lastCountedRound: 1 }
      const round = drawRound({ bank: BANK, progress, scope: 'mistakes', count: 100, random })
      const inBook = BANK.filter((item) => progress.wrongBook[item.id] !== undefined)
      expect(ids(round.questions).sort()).toEqual(ids(inBook).sort())
    }
  })

  it('gives no repeats even when the bank holds an id twice', () => {
    const bank = [...BANK.slice(0, 4), ...BANK.slice(0, 4)]
    for (const seed of SEEDS.slice(0, 50)) {
      const round = drawRound({ bank, progress: emptyProgress(), scope: 'mixed', count: 8, random: seeded(seed) })
      expect(ids(round.questions).sort()).toEqual(['q-000', 'q-001', 'q-002', 'q-003'])
      expect(round.short).toBe(true)
    }
  })

  it.each([0, -3, Number.NaN, 2.7])('treats a count of %p as a whole number of at least zero', (count) => {
    const round = drawRound({ bank: BANK, progress: emptyProgress(), scope: 'mixed', count, random: seeded(3) })
    expect(round.questions).toHaveLength(count === 2.7 ? 2 : 0)
    expect(round.short).toBe(false)
  })

  it('numbers the round after the last one that recorded an answer', () => {
    const progress = { ...emptyProgress(), lastRound: 7 }
    expect(drawRound({ bank: BANK, progress, scope: 'mixed', count: 3, random: seeded(1) }).number).toBe(8)
    expect(drawRound({ bank: BANK, progress: emptyProgress(), scope: 'mixed', count: 3, random: seeded(1) }).number).toBe(1)
  })
})

describe('shuffling options', () => {
  it('keeps every option with its stable id and text, and never changes how a choice scores', () => {
    const byId = new Map(BANK.map((item) => [item.id, item.data]))
    const byIdSorted = (options: readonly QuizOption[]) => [...options].sort((a, b) => a.id.localeCompare(b.id))
    const orders = new Set<string>()
    const mismatches: string[] = []
    for (const seed of SEEDS.slice(0, 60)) {
      const random = seeded(seed)
      const round = drawRound({ bank: BANK, progress: emptyProgress(), scope: 'mixed', count: BANK.length, random })
      for (const { id, options } of round.questions) {
        const original = byId.get(id) as QuizQuestion
        expect(byIdSorted(options)).toEqual(byIdSorted(original.options))
        if (original.questionType !== 'judge') orders.add(ids(options).join(''))
        // Whatever the person taps, by position on the screen, the round scores it as that choice on the feed's question.
        for (let mask = 0; mask < 1 << options.length; mask += 1) {
          const tapped = options.filter((_, i) => mask & (1 << i)).map((option) => option.id)
          const { feedback } = answerQuestion(round, emptyProgress(), id, tapped)
          const expected =
            original.questionType === 'multiple'
              ? tapped.length === original.answer.length && tapped.every((choice) => original.answer.includes(choice))
              : tapped.length === 1 && original.answer[0] === tapped[0]
          if (feedback?.right !== expected) mismatches.push(`${seed} ${id} ${tapped.join('')}`)
        }
      }
    }
    expect(mismatches).toEqual([])
    // All 24 orders of four options turn up: the shuffle really shuffles.
    expect(orders.size).toBe(24)
  })

  it('shows judge questions as 正确 then 错误, whatever order the feed gave', () => {
    const judge = question('judge')
    const reversed = { ...judge, options: [...judge.options].reverse() }
    for (const seed of SEEDS.slice(0, 50)) {
      expect(presentOptions(judge, seeded(seed)).map((option) => option.text)).toEqual(['正确', '错误'])
      expect(presentOptions(reversed, seeded(seed)).map((option) => option.text)).toEqual(['正确', '错误'])
    }
  })

  it('shuffle returns a copy with the same items, and copes with a generator that strays outside [0, 1)', () => {
    const items = [1, 2, 3, 4, 5]
    for (const value of [0, 0.999, 1, -1, Number.NaN]) {
      const result = shuffle(items, () => value)
      expect([...result].sort()).toEqual(items)
    }
    expect(items).toEqual([1, 2, 3, 4, 5])
  })
})

describe('question ids that are also names on every object', () => {
  it('treats "constructor" and "toString" as unseen questions, not as past mistakes', () => {
    const bank = ['constructor', 'toString', 'hasOwnProperty'].map((id) => ({ id, data: question('single') }))
    const round = drawRound({ bank, progress: emptyProgress(), scope: 'mistakes', count: 5, random: seeded(1) })
    expect(round.questions).toEqual([])
    const mixed = drawRound({ bank, progress: emptyProgress(), scope: 'mixed', count: 5, random: seeded(1) })
    expect(ids(mixed.questions).sort()).toEqual(['constructor', 'hasOwnProperty', 'toString'])
    const answered = answerQuestion(mixed, emptyProgress(), 'constructor', ['a'])
    expect(answered.round.answers.constructor).toEqual({ chosen: ['a'], right: false })
    expect(Object.keys(answered.progress.wrongBook)).toEqual(['constructor'])
    expect(answerQuestion(mixed, emptyProgress(), 'toString', ['b']).feedback?.right).toBe(true)
  })
})
