import { randomBytes } from 'node:crypto'

import type { Citation, PolicyCategory, QuestionType, QuizOption, QuizQuestion } from '../../src/core/content/model'
import { shuffle } from '../../src/core/quiz/draw'

export type DrawRule = { kind: 'mixed' } | { kind: 'categories'; counts: { category: PolicyCategory; count: number }[] }

/** A contest question as drawn into an attempt: options in the order shown, answer kept server-side. */
export interface DrawnQuestion {
  id: string
  questionType: QuestionType
  stem: string
  options: QuizOption[]
  answer: string[]
  explanation: string
  citations: Citation[]
}

export interface BankQuestion {
  id: string
  question: QuizQuestion
}

/** Uniform in [0, 1) from the operating system's randomness: nobody can predict the draw or the order. */
function secureRandom(): number {
  return randomBytes(6).readUIntBE(0, 6) / 2 ** 48
}

/** The practice engine's Fisher–Yates (src/core/quiz/draw.ts), fed by the operating system's randomness. */
export function shuffled<T>(items: readonly T[]): T[] {
  return shuffle(items, secureRandom)
}

/** How many questions each part of the rule needs, and how many the bank has for it. */
export function shortfalls(rule: DrawRule, questionCount: number, bank: readonly BankQuestion[]): string[] {
  if (rule.kind === 'mixed') {
    return bank.length < questionCount ? [`竞赛题库只有 ${bank.length} 道题，不够抽 ${questionCount} 道`] : []
  }
  const problems: string[] = []
  for (const { category, count } of rule.counts) {
    const available = bank.filter((entry) => entry.question.category === category).length
    if (available < count) problems.push(`竞赛题库中“${category}”只有 ${available} 道题，不够抽 ${count} 道`)
  }
  return problems
}

function drawnOf({ id, question }: BankQuestion): DrawnQuestion {
  return {
    id,
    questionType: question.questionType,
    stem: question.stem,
    options: shuffled(question.options),
    answer: [...question.answer],
    explanation: question.explanation,
    citations: question.citations,
  }
}

/** Picks per the rule without repeats, in random order; undefined when the bank is too small. */
export function pickQuestions(rule: DrawRule, questionCount: number, bank: readonly BankQuestion[]): BankQuestion[] | undefined {
  if (shortfalls(rule, questionCount, bank).length > 0) return undefined
  const picked =
    rule.kind === 'mixed'
      ? shuffled(bank).slice(0, questionCount)
      : rule.counts.flatMap(({ category, count }) => shuffled(bank.filter((entry) => entry.question.category === category)).slice(0, count))
  return shuffled(picked)
}

/** Draws per the rule without repeats, in random order, options shuffled; undefined when the bank is too small. */
export function drawQuestions(rule: DrawRule, questionCount: number, bank: readonly BankQuestion[]): DrawnQuestion[] | undefined {
  return pickQuestions(rule, questionCount, bank)?.map(drawnOf)
}
