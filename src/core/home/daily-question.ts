/**
 * The question of the day: the same for everyone on a China calendar date, drawn from the synced
 * practice bank by a hash of the date, so it changes at midnight in China and not with the
 * phone's time zone or when the app restarts.
 */
import type { BankQuestion } from '../quiz/draw'

// FNV-1a: a few lines, spreads neighbouring dates across the bank.
function hashOf(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/** The bank's question for `chinaDate` (YYYY-MM-DD), or null while the bank is empty. */
export function dailyQuestion(bank: readonly BankQuestion[], chinaDate: string): BankQuestion | null {
  if (bank.length === 0) return null
  const byId = bank.slice().sort((a, b) => a.id.localeCompare(b.id))
  return byId[hashOf(chinaDate) % byId.length]
}
