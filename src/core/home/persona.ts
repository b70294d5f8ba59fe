/**
 * Who the home page serves first (DESIGN.md section 10 aside): a person may say whether they are a
 * worker, an employer or a resident, or skip the question; the page then orders its cards for them.
 * Everyone sees every card; only the order and the report card's place change.
 */
import type { Policy, PolicyCategory } from '../content/model'

export type Persona = 'worker' | 'employer' | 'resident'

export const PERSONAS: readonly { value: Persona; label: string }[] = [
  { value: 'worker', label: '我是劳动者' },
  { value: 'employer', label: '我是用人单位' },
  { value: 'resident', label: '我是居民' },
]

/** What the device remembers: the persona chosen, or null when the person skipped the question. */
export interface PersonaChoice {
  persona: Persona | null
}

export function isPersona(value: unknown): value is Persona {
  return value === 'worker' || value === 'employer' || value === 'resident'
}

export type HomeSection = 'reports' | 'employer-guide' | 'explainers' | 'daily-question' | 'contest' | 'hotline'

const ORDER: Record<Persona | 'anyone', readonly HomeSection[]> = {
  worker: ['reports', 'explainers', 'daily-question', 'contest', 'hotline'],
  employer: ['employer-guide', 'explainers', 'contest', 'daily-question', 'hotline', 'reports'],
  resident: ['daily-question', 'contest', 'explainers', 'hotline', 'reports'],
  anyone: ['explainers', 'daily-question', 'contest', 'reports', 'hotline'],
}

/** The home page's cards, in the order this person needs them. */
export function homeSections(persona: Persona | null): readonly HomeSection[] {
  return ORDER[persona ?? 'anyone']
}

/** The explainer categories an employer looks to for 用工指引: hiring, contracts, pay and insurance. */
export const EMPLOYER_CATEGORIES: readonly PolicyCategory[] = ['劳动关系', '工资支付', '社会保险']

interface Explainer {
  id: string
  data: Pick<Policy, 'publishedDate' | 'category'>
}

/** The newest explainers first (by 发布日期; undated ones last, then by id), at most `count`, of `categories` if given. */
export function latestExplainers<T extends Explainer>(items: readonly T[], count: number, categories?: readonly PolicyCategory[]): T[] {
  return items
    .filter((item) => !categories || categories.includes(item.data.category))
    .slice()
    .sort((a, b) => (b.data.publishedDate ?? '').localeCompare(a.data.publishedDate ?? '') || a.id.localeCompare(b.id))
    .slice(0, count)
}
