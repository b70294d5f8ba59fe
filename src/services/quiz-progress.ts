/**
 * The practice record on this device (DESIGN.md section 5): read once from storage through
 * restoreProgress (which keeps only what is whole), written back after every change.
 */
import { restoreProgress, type QuizProgress } from '../core/quiz/progress'
import { readStored, writeStored } from './storage'

const listeners = new Set<() => void>()
let progress: QuizProgress | null = null

export function getQuizProgress(): QuizProgress {
  if (progress === null) progress = restoreProgress(readStored('pufa.quiz.progress'))
  return progress
}

/** Keeps `next` on the device and tells the pages. Returns false when storage refused it. */
export function saveQuizProgress(next: QuizProgress): boolean {
  progress = next
  const stored = writeStored('pufa.quiz.progress', next)
  listeners.forEach((listener) => listener())
  return stored
}

export function subscribeQuizProgress(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
