/**
 * The content the bureau's CMS publishes and phones keep offline: what the ingest produces, what
 * the sync API serves (`data` of an item) and what pages read. Shapes here are the contract
 * between server and app; `CONTENT_SCHEMA` goes up when one changes incompatibly.
 */

/** Version of the item shapes below, as served by /api/v1/content/changes (`schema`). */
export const CONTENT_SCHEMA = 1

export type ContentType = 'policy' | 'quiz_question' | 'calendar' | 'site' | 'glossary'

/** Every content type, as a feed item names it in `_pufa.type`. */
export const CONTENT_TYPES: readonly ContentType[] = ['policy', 'quiz_question', 'calendar', 'site', 'glossary']

export function isContentType(value: unknown): value is ContentType {
  return typeof value === 'string' && (CONTENT_TYPES as readonly string[]).includes(value)
}

/**
 * A node of WeChat's `rich-text` tree: the only form in which HTML bodies reach a phone.
 * Element names and attributes are limited to the sanitiser's allowlist.
 */
export type RichNode = RichElement | RichText

export interface RichElement {
  name: string
  attrs?: Record<string, string>
  children?: RichNode[]
}

export interface RichText {
  type: 'text'
  text: string
}

export const POLICY_CATEGORIES = ['就业创业', '社会保险', '劳动关系', '工资支付', '人才人事', '职业技能'] as const
export type PolicyCategory = (typeof POLICY_CATEGORIES)[number]

export const VALIDITIES = ['有效', '已修订', '已废止'] as const
export type Validity = (typeof VALIDITIES)[number]

export interface QuestionAnswer {
  question: string
  answer: string
}

/** A policy explainer (政策解读). Dates are China calendar dates, YYYY-MM-DD. */
export interface Policy {
  title: string
  summary: string
  category: PolicyCategory
  /** 文号, normalised to 〔〕 brackets, e.g. 国办发〔2024〕12号. */
  documentNumber?: string
  /** 发文机关 */
  issuer?: string
  /** 成文日期 */
  writtenDate?: string
  /** 发布日期 */
  publishedDate?: string
  /** 施行日期 */
  effectiveDate?: string
  /**
   * 有效 / 已修订 / 已废止, when the source states it. An RSS or Atom item that says nothing of it
   * has none, and shows no badge: "有效" would be a legal claim nobody made.
   */
  validity?: Validity
  /** Link to the original document on a government site. */
  sourceUrl?: string
  body: RichNode[]
  qa: QuestionAnswer[]
  tags: string[]
  /** Ids of related explainers. */
  related: string[]
}

export type QuestionType = 'single' | 'multiple' | 'judge'
export type QuestionBank = 'practice' | 'contest'

export interface Citation {
  /** Name of the law or regulation, e.g. 中华人民共和国劳动合同法. */
  law: string
  /** The article, e.g. 第八十二条. */
  article: string
  /** Date of the version cited, YYYY-MM-DD. */
  effectiveDate?: string
}

export interface QuizOption {
  /** Stable within the question, so that shuffling never breaks scoring. */
  id: string
  text: string
}

export interface QuizQuestion {
  bank: QuestionBank
  questionType: QuestionType
  stem: string
  options: QuizOption[]
  /** Ids of the right options: one for single and judge, one or more for multiple. */
  answer: string[]
  explanation: string
  citations: Citation[]
  difficulty: 1 | 2 | 3
  category: PolicyCategory
}

/** One year's official schedule (国务院办公厅 notice): rest days and make-up working days. */
export interface HolidayCalendar {
  year: number
  /** The notice it comes from, e.g. 国办发明电〔2024〕12号. */
  source: string
  holidays: string[]
  workdays: string[]
}

export interface District {
  code: string
  name: string
  /** Resident population (常住人口) as the bureau gives it, for participation rates; optional. */
  population?: number
  /** The district's labour dispute arbitration institution (劳动人事争议仲裁院), where the bureau gives it. */
  arbitration?: ArbitrationInstitution
}

export interface ArbitrationInstitution {
  name: string
  address?: string
  phone?: string
}

export interface Site {
  cityName: string
  bureauName: string
  hotline: string
  districts: District[]
  privacyPolicy?: string
}

/**
 * Words that the policy search treats alike: the everyday words people type for what the
 * explainers call by their legal names. The app ships a base table (glossary.ts); the bureau adds
 * groups with glossary items in its feed.
 */
export interface GlossaryGroup {
  /** Words that mean the same here: a search for any of them also finds the others. */
  terms: string[]
  /** Wider words that a search for the terms also finds, not the other way round (五险一金 → 社会保险). */
  also: string[]
}

export interface Glossary {
  groups: GlossaryGroup[]
}

export interface ContentByType {
  policy: Policy
  quiz_question: QuizQuestion
  calendar: HolidayCalendar
  site: Site
  glossary: Glossary
}
