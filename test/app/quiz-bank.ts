import { act } from '@testing-library/react'
import { Current } from '@tarojs/taro'
import type { QuizQuestion } from '../../src/core/content/model'
import { listContent, stopContentSync, syncNow } from '../../src/services/content-store'
import { startProduct, type RunningProduct } from '../support/product'

export type PracticeBank = Map<string, { id: string; data: QuizQuestion }>

/**
 * The real service (`pufa serve` with its sample feeds) and the practice bank the app synced from
 * it over HTTP, by stem: tests read a shown question's answer from it, as a person who knows the
 * law would.
 */
export async function startWithPracticeBank(): Promise<{ product: RunningProduct; bank: PracticeBank }> {
  localStorage.clear()
  const product = await startProduct()
  ;(globalThis as { API_BASE?: string }).API_BASE = product.url.replace(/\/$/, '')
  await act(async () => {
    await syncNow('launch')
  })
  const practice = listContent('quiz_question').filter((item) => item.data.bank === 'practice')
  return { product, bank: new Map(practice.map((item) => [item.data.stem, { id: item.id, data: item.data }])) }
}

export async function stopWithPracticeBank(product: RunningProduct | undefined): Promise<void> {
  stopContentSync()
  await product?.stop()
}

/** Opens a quiz subpackage page with these parameters, as Taro's router would. */
export function openQuizPage(page: string, params: Record<string, string>): void {
  Current.router = { params, path: `/packages/quiz/${page}/index`, onReady: '', onHide: '', onShow: '' } as never
}
