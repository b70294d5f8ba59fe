/**
 * Checks one item of the CMS feed (JSON Feed 1.1 with our `_pufa` extension, see
 * assets/feed/FORMAT.md) and turns it into the model shape of model.ts. Every problem is named in
 * plain Chinese with its field, so that the bureau's editors can fix their CMS entry; a rejected
 * item never replaces the good version already stored. Only the model's fields come out: unknown
 * extension fields stay behind.
 */
import { parseFeedDate, parseFeedDateTime } from './dates'
import { normaliseDocumentNumber } from './document-number'
import {
  CONTENT_SCHEMA,
  POLICY_CATEGORIES,
  isContentType,
  VALIDITIES,
  type Citation,
  type ContentByType,
  type ContentType,
  type ArbitrationInstitution,
  type District,
  type Glossary,
  type GlossaryGroup,
  type HolidayCalendar,
  type Policy,
  type QuestionAnswer,
  type QuizOption,
  type QuizQuestion,
  type RichNode,
  type Site,
} from '../../src/core/content/model'
import { plainText } from '../../src/core/content/rich-text'
import { fold, queryTerms } from '../../src/core/content/search'

export const ITEM_ID_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/
const OPTION_ID_PATTERN = /^[A-Za-z0-9_-]{1,20}$/
const DISTRICT_CODE_PATTERN = /^\d{6}$/
const HOTLINE_PATTERN = /^[0-9][0-9-]{2,19}$/
const HTTP_URL_PATTERN = /^https?:\/\/[^\s<>"'`\\]+$/i

const MAX_TITLE = 200
const MAX_SHORT_TEXT = 200
const MAX_SUMMARY = 2000
const MAX_LONG_TEXT = 20_000
const MAX_URL = 2000
const MAX_LIST = 500
const DERIVED_SUMMARY_LENGTH = 120

/** One item of the content, in the shape that is stored and served. */
export type ContentItem = {
  [Type in ContentType]: { id: string; type: Type; data: ContentByType[Type] }
}[ContentType]

/** A valid item, with the instant the CMS says it last changed (to ignore stale copies). */
export type CheckedItem = ContentItem & { modifiedAt?: number }

export type FeedItemCheck =
  | { status: 'valid'; item: CheckedItem }
  /** A type this version does not know: left out, never fatal. */
  | { status: 'ignored'; id?: string; reason: string }
  | { status: 'rejected'; id?: string; reason: string }

export interface FeedItemContext {
  /** 1-based position in the feed, for the messages. */
  position: number
  /** Sanitises an HTML body and converts it to rich-text nodes (the server's sanitiser). */
  htmlToNodes(html: string): RichNode[]
  /** Longest `content_html` accepted, in UTF-8 bytes. */
  maxBodyBytes: number
  /** What to say when a policy has no category, if more helpful than naming the field (RSS, Atom). */
  missingCategory?: string
}

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function quoted(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value)
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)
}

export function utf8Length(text: string): number {
  let bytes = 0
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4
      index += 1
    } else bytes += 3
  }
  return bytes
}

// Control characters other than tab and newline have no business in published text.
function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .trim()
}

/** Reads the fields of one item, collecting every problem rather than stopping at the first. */
class FieldReader {
  readonly problems: string[] = []

  problem(message: string): void {
    this.problems.push(message)
  }

  /** A text field; empty counts as absent. */
  text(object: Json, key: string, name: string, options: { required?: boolean; max?: number } = {}): string | undefined {
    const value = object[key]
    if (value === undefined || value === null) {
      if (options.required) this.problem(`缺少 ${name}`)
      return undefined
    }
    if (typeof value !== 'string') {
      this.problem(`${name} 应为文字，而不是 ${quoted(value)}`)
      return undefined
    }
    const text = cleanText(value)
    if (text === '') {
      if (options.required) this.problem(`${name} 为空`)
      return undefined
    }
    const max = options.max ?? MAX_LONG_TEXT
    if (text.length > max) {
      this.problem(`${name} 有 ${text.length} 个字，超过 ${max} 个字的上限`)
      return undefined
    }
    return text
  }

  /** One of `allowed`; absent is a problem (`missing` says which) unless `required` is false. */
  oneOf<Value extends string>(
    object: Json,
    key: string,
    name: string,
    allowed: readonly Value[],
    options: { required?: boolean; missing?: string } = {},
  ): Value | undefined {
    const value = object[key]
    if (value === undefined || value === null || value === '') {
      if (options.required ?? true) this.problem(options.missing ?? `缺少 ${name}（应为 ${allowed.join('、')} 之一）`)
      return undefined
    }
    const text = typeof value === 'string' ? cleanText(value) : value
    const found = allowed.find((candidate) => candidate === text)
    if (found === undefined) this.problem(`${name} 应为 ${allowed.join('、')} 之一，而不是 ${quoted(value)}`)
    return found
  }

  date(object: Json, key: string, name: string, options: { required?: boolean } = {}): string | undefined {
    const text = this.text(object, key, name, { required: options.required, max: 64 })
    if (text === undefined) return undefined
    const date = parseFeedDate(text)
    if (date === undefined) this.problem(`${name} 的 ${quoted(text)} 不是有效的日期（应为 YYYY-MM-DD）`)
    return date
  }

  dateTime(object: Json, key: string, name: string): number | undefined {
    const text = this.text(object, key, name, { max: 64 })
    if (text === undefined) return undefined
    const dateTime = parseFeedDateTime(text)
    if (dateTime === undefined) this.problem(`${name} 的 ${quoted(text)} 不是有效的日期时间`)
    return dateTime?.epochMs
  }

  url(object: Json, key: string, name: string): string | undefined {
    const text = this.text(object, key, name, { max: MAX_URL })
    if (text === undefined) return undefined
    if (!HTTP_URL_PATTERN.test(text)) {
      this.problem(`${name} 的 ${quoted(text)} 不是以 http:// 或 https:// 开头的网址`)
      return undefined
    }
    return text
  }

  /** A list; absent is an empty list unless required. */
  list(object: Json, key: string, name: string, options: { required?: boolean; min?: number; max?: number } = {}): unknown[] | undefined {
    const value = object[key]
    if (value === undefined || value === null) {
      if (options.required) this.problem(`缺少 ${name}`)
      return options.required ? undefined : []
    }
    if (!Array.isArray(value)) {
      this.problem(`${name} 应为列表`)
      return undefined
    }
    const min = options.min ?? 0
    const max = options.max ?? MAX_LIST
    if (value.length < min) {
      this.problem(min === 1 ? `${name} 至少要有 1 项` : `${name} 至少要有 ${min} 项，现在有 ${value.length} 项`)
      return undefined
    }
    if (value.length > max) {
      this.problem(`${name} 有 ${value.length} 项，超过 ${max} 项的上限`)
      return undefined
    }
    return value
  }

  /** A list of texts, cleaned, without empty entries or repeats. */
  texts(object: Json, key: string, name: string, max = MAX_SHORT_TEXT): string[] | undefined {
    const list = this.list(object, key, name)
    if (list === undefined) return undefined
    const out: string[] = []
    list.forEach((entry, index) => {
      if (typeof entry !== 'string') {
        this.problem(`${name} 的第 ${index + 1} 项应为文字`)
        return
      }
      const text = cleanText(entry)
      if (text.length > max) this.problem(`${name} 的第 ${index + 1} 项超过 ${max} 个字的上限`)
      else if (text !== '' && !out.includes(text)) out.push(text)
    })
    return out
  }

  object(value: unknown, name: string): Json | undefined {
    if (isObject(value)) return value
    this.problem(`${name} 应为一组字段（对象）`)
    return undefined
  }
}

function truncate(text: string, length: number): string {
  const chars = Array.from(text)
  return chars.length <= length ? text : `${chars.slice(0, length).join('')}…`
}

function textToNodes(text: string): RichNode[] {
  return text
    .split(/\n\s*\n|\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => ({ name: 'p', children: [{ type: 'text', text: paragraph }] }))
}

function readBody(item: Json, fields: FieldReader, context: FeedItemContext): RichNode[] | undefined {
  const html = item.content_html
  if (html !== undefined && html !== null && html !== '') {
    if (typeof html !== 'string') {
      fields.problem('content_html 应为文字')
      return undefined
    }
    const bytes = utf8Length(html)
    if (bytes > context.maxBodyBytes) {
      fields.problem(`content_html 有 ${Math.ceil(bytes / 1024)} KB，超过 ${Math.floor(context.maxBodyBytes / 1024)} KB 的上限`)
      return undefined
    }
    return context.htmlToNodes(html)
  }
  const text = fields.text(item, 'content_text', 'content_text', { max: context.maxBodyBytes })
  return text === undefined ? [] : textToNodes(text)
}

function readPolicy(item: Json, extension: Json, fields: FieldReader, context: FeedItemContext): Policy | undefined {
  const title = fields.text(item, 'title', 'title', { required: true, max: MAX_TITLE })
  const body = readBody(item, fields, context)
  const givenSummary = fields.text(item, 'summary', 'summary', { max: MAX_SUMMARY })
  const sourceUrl = fields.url(item, 'external_url', 'external_url') ?? fields.url(item, 'url', 'url')
  const category = fields.oneOf(extension, 'category', 'category', POLICY_CATEGORIES, { missing: context.missingCategory })
  const validity = fields.oneOf(extension, 'validity', 'validity', VALIDITIES, { required: false })
  const documentNumber = fields.text(extension, 'documentNumber', 'documentNumber', { max: MAX_SHORT_TEXT })
  const issuer = fields.text(extension, 'issuer', 'issuer', { max: MAX_SHORT_TEXT })
  const writtenDate = fields.date(extension, 'writtenDate', 'writtenDate')
  const effectiveDate = fields.date(extension, 'effectiveDate', 'effectiveDate')
  const publishedDate = fields.date(extension, 'publishedDate', 'publishedDate')
  const datePublished = parseFeedDateTime(typeof item.date_published === 'string' ? item.date_published : '')
  const tags = fields.texts(item, 'tags', 'tags', 50)
  const related = readIds(extension, 'related', fields)
  const qa = readQuestionAnswers(extension, fields)

  if (body !== undefined && body.length === 0 && sourceUrl === undefined) {
    fields.problem('缺少正文：content_html、content_text 和 external_url 都没有')
  }
  if (
    title === undefined || body === undefined || category === undefined ||
    tags === undefined || related === undefined || qa === undefined || fields.problems.length > 0
  ) {
    return undefined
  }
  const summary = givenSummary ?? truncate(plainText(body).replace(/\s+/g, ' '), DERIVED_SUMMARY_LENGTH)
  const published = publishedDate ?? datePublished?.date
  return {
    title,
    summary,
    category,
    ...(documentNumber !== undefined ? { documentNumber: normaliseDocumentNumber(documentNumber) } : {}),
    ...(issuer !== undefined ? { issuer } : {}),
    ...(writtenDate !== undefined ? { writtenDate } : {}),
    ...(published !== undefined ? { publishedDate: published } : {}),
    ...(effectiveDate !== undefined ? { effectiveDate } : {}),
    ...(validity !== undefined ? { validity } : {}),
    ...(sourceUrl !== undefined ? { sourceUrl } : {}),
    body,
    qa,
    tags,
    related,
  }
}

function readIds(extension: Json, key: string, fields: FieldReader): string[] | undefined {
  const ids = fields.texts(extension, key, key, 200)
  if (ids === undefined) return undefined
  const bad = ids.find((id) => !ITEM_ID_PATTERN.test(id))
  if (bad !== undefined) {
    fields.problem(`${key} 中的 ${quoted(bad)} 不是有效的 id`)
    return undefined
  }
  return ids
}

function readQuestionAnswers(extension: Json, fields: FieldReader): QuestionAnswer[] | undefined {
  const list = fields.list(extension, 'qa', 'qa', { max: 100 })
  if (list === undefined) return undefined
  const pairs: QuestionAnswer[] = []
  list.forEach((entry, index) => {
    const name = `qa 的第 ${index + 1} 项`
    const object = fields.object(entry, name)
    if (!object) return
    const question = fields.text(object, 'question', `${name}的 question`, { required: true, max: 1000 })
    const answer = fields.text(object, 'answer', `${name}的 answer`, { required: true, max: MAX_LONG_TEXT })
    if (question !== undefined && answer !== undefined) pairs.push({ question, answer })
  })
  return pairs
}

const QUESTION_TYPES = ['single', 'multiple', 'judge'] as const
const BANKS = ['practice', 'contest'] as const
const JUDGE_OPTION_IDS = ['t', 'f']

function readOptions(extension: Json, fields: FieldReader): QuizOption[] | undefined {
  const list = fields.list(extension, 'options', 'options', { required: true, min: 2, max: 10 })
  if (list === undefined) return undefined
  const options: QuizOption[] = []
  let ok = true
  list.forEach((entry, index) => {
    const name = `options 的第 ${index + 1} 项`
    const object = fields.object(entry, name)
    if (!object) {
      ok = false
      return
    }
    const id = fields.text(object, 'id', `${name}的 id`, { required: true, max: 20 })
    const text = fields.text(object, 'text', `${name}的 text`, { required: true, max: 1000 })
    if (id !== undefined && !OPTION_ID_PATTERN.test(id)) {
      fields.problem(`${name}的 id ${quoted(id)} 只能由字母、数字、- 和 _ 组成`)
      ok = false
    } else if (id !== undefined && options.some((option) => option.id === id)) {
      fields.problem(`options 中的 id ${quoted(id)} 重复`)
      ok = false
    } else if (id !== undefined && text !== undefined) options.push({ id, text })
    else ok = false
  })
  return ok ? options : undefined
}

function readAnswer(extension: Json, fields: FieldReader, options: QuizOption[] | undefined, questionType: string | undefined): string[] | undefined {
  const answer = fields.texts(extension, 'answer', 'answer', 20)
  if (answer === undefined) return undefined
  if (answer.length === 0) {
    fields.problem('缺少 answer（正确选项的 id）')
    return undefined
  }
  if (options !== undefined) {
    for (const id of answer) {
      if (!options.some((option) => option.id === id)) fields.problem(`answer 中的 ${quoted(id)} 不是任何选项的 id`)
    }
  }
  if ((questionType === 'single' || questionType === 'judge') && answer.length !== 1) {
    fields.problem(`${questionType === 'single' ? '单选题' : '判断题'}的 answer 应正好有 1 项，现在有 ${answer.length} 项`)
  }
  if (questionType === 'multiple' && answer.length < 2) fields.problem('多选题的 answer 至少要有 2 项')
  return answer
}

function readCitations(extension: Json, fields: FieldReader): Citation[] | undefined {
  const list = fields.list(extension, 'citations', 'citations', { required: true, min: 1, max: 20 })
  if (list === undefined) return undefined
  const citations: Citation[] = []
  list.forEach((entry, index) => {
    const name = `citations 的第 ${index + 1} 项`
    const object = fields.object(entry, name)
    if (!object) return
    const law = fields.text(object, 'law', `${name}的 law`, { required: true, max: MAX_SHORT_TEXT })
    const article = fields.text(object, 'article', `${name}的 article`, { required: true, max: MAX_SHORT_TEXT })
    const effectiveDate = fields.date(object, 'effectiveDate', `${name}的 effectiveDate`)
    if (law !== undefined && article !== undefined) {
      citations.push({ law, article, ...(effectiveDate !== undefined ? { effectiveDate } : {}) })
    }
  })
  return citations
}

function readQuizQuestion(extension: Json, fields: FieldReader): QuizQuestion | undefined {
  const bank = fields.oneOf(extension, 'bank', 'bank', BANKS)
  const questionType = fields.oneOf(extension, 'questionType', 'questionType', QUESTION_TYPES)
  const stem = fields.text(extension, 'stem', 'stem', { required: true, max: 2000 })
  const options = readOptions(extension, fields)
  if (questionType === 'judge' && options !== undefined) {
    const ids = options.map((option) => option.id)
    if (ids.length !== 2 || !JUDGE_OPTION_IDS.every((id) => ids.includes(id))) {
      fields.problem('判断题的 options 应正好是 t（正确）和 f（错误）两项')
    }
  }
  const answer = readAnswer(extension, fields, options, questionType)
  const explanation = fields.text(extension, 'explanation', 'explanation', { required: true, max: MAX_LONG_TEXT })
  const citations = readCitations(extension, fields)
  const difficulty = extension.difficulty
  if (difficulty === undefined || difficulty === null) fields.problem('缺少 difficulty（1、2 或 3）')
  else if (difficulty !== 1 && difficulty !== 2 && difficulty !== 3) fields.problem(`difficulty 应为 1、2 或 3，而不是 ${quoted(difficulty)}`)
  const category = fields.oneOf(extension, 'category', 'category', POLICY_CATEGORIES)

  if (
    bank === undefined || questionType === undefined || stem === undefined || options === undefined ||
    answer === undefined || explanation === undefined || citations === undefined || category === undefined ||
    fields.problems.length > 0
  ) {
    return undefined
  }
  return { bank, questionType, stem, options, answer, explanation, citations, difficulty: difficulty as 1 | 2 | 3, category }
}

function readDates(extension: Json, key: string, fields: FieldReader): string[] | undefined {
  const list = fields.list(extension, key, key, { required: true, max: 366 })
  if (list === undefined) return undefined
  const dates = new Set<string>()
  list.forEach((entry, index) => {
    const date = typeof entry === 'string' ? parseFeedDate(entry) : undefined
    if (date === undefined) fields.problem(`${key} 的第 ${index + 1} 项 ${quoted(entry)} 不是有效的日期（应为 YYYY-MM-DD）`)
    else dates.add(date)
  })
  return [...dates].sort()
}

function readCalendar(extension: Json, fields: FieldReader): HolidayCalendar | undefined {
  const year = extension.year
  if (year === undefined || year === null) fields.problem('缺少 year')
  else if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    fields.problem(`year 应为 2000 到 2100 之间的年份，而不是 ${quoted(year)}`)
  }
  const source = fields.text(extension, 'source', 'source', { required: true, max: MAX_SHORT_TEXT })
  const holidays = readDates(extension, 'holidays', fields)
  const workdays = readDates(extension, 'workdays', fields)
  if (holidays !== undefined && workdays !== undefined) {
    const both = holidays.find((date) => workdays.includes(date))
    if (both !== undefined) fields.problem(`${both} 同时出现在 holidays 和 workdays 中`)
  }
  if (typeof year === 'number' && holidays !== undefined && workdays !== undefined) {
    // A year's notice may reach into the neighbouring months (元旦 often starts on 30 December).
    const outside = [...holidays, ...workdays].find((date) => Math.abs(Number(date.slice(0, 4)) - year) > 1)
    if (outside !== undefined) fields.problem(`${outside} 不在 ${year} 年前后，请检查 year 和日期`)
  }
  if (source === undefined || holidays === undefined || workdays === undefined || fields.problems.length > 0) return undefined
  return { year: year as number, source: normaliseDocumentNumber(source), holidays, workdays }
}

/** A district's arbitration institution: undefined when not given, null when given but unusable. */
function readArbitration(raw: unknown, name: string, fields: FieldReader): ArbitrationInstitution | undefined | null {
  if (raw === undefined || raw === null) return undefined
  const object = fields.object(raw, name)
  if (!object) return null
  const problems = fields.problems.length
  const institution = fields.text(object, 'name', `${name}的 name`, { required: true, max: 100 })
  const address = fields.text(object, 'address', `${name}的 address`, { max: 200 })
  const phone = fields.text(object, 'phone', `${name}的 phone`, { max: 20 })
  if (phone !== undefined && !HOTLINE_PATTERN.test(phone)) fields.problem(`${name}的 phone ${quoted(phone)} 不是电话号码（只能有数字和 -，如 020-12345678）`)
  if (institution === undefined || fields.problems.length > problems) return null
  return { name: institution, ...(address !== undefined ? { address } : {}), ...(phone !== undefined ? { phone } : {}) }
}

function readSite(extension: Json, fields: FieldReader): Site | undefined {
  const cityName = fields.text(extension, 'cityName', 'cityName', { required: true, max: 50 })
  const bureauName = fields.text(extension, 'bureauName', 'bureauName', { required: true, max: 100 })
  const hotline = fields.text(extension, 'hotline', 'hotline', { required: true, max: 20 })
  if (hotline !== undefined && !HOTLINE_PATTERN.test(hotline)) fields.problem(`hotline 的 ${quoted(hotline)} 不是电话号码`)
  const list = fields.list(extension, 'districts', 'districts', { required: true, max: 100 })
  const districts: District[] = []
  list?.forEach((entry, index) => {
    const name = `districts 的第 ${index + 1} 项`
    const object = fields.object(entry, name)
    if (!object) return
    const code = fields.text(object, 'code', `${name}的 code`, { required: true, max: 6 })
    const districtName = fields.text(object, 'name', `${name}的 name`, { required: true, max: 50 })
    const population = object.population
    const populationValid = population === undefined || (typeof population === 'number' && Number.isInteger(population) && population >= 1 && population <= 100_000_000)
    if (!populationValid) fields.problem(`${name}的 population 应为常住人口数（正整数），而不是 ${quoted(population)}`)
    const arbitration = readArbitration(object.arbitration, `${name}的 arbitration`, fields)
    if (code !== undefined && !DISTRICT_CODE_PATTERN.test(code)) fields.problem(`${name}的 code ${quoted(code)} 应为 6 位行政区划代码`)
    else if (code !== undefined && districts.some((district) => district.code === code)) fields.problem(`districts 中的 code ${quoted(code)} 重复`)
    else if (code !== undefined && districtName !== undefined && populationValid && arbitration !== null) {
      districts.push({
        code,
        name: districtName,
        ...(population !== undefined ? { population: population as number } : {}),
        ...(arbitration !== undefined ? { arbitration } : {}),
      })
    }
  })
  const privacyPolicy = fields.text(extension, 'privacyPolicy', 'privacyPolicy', { max: 50_000 })
  if (cityName === undefined || bureauName === undefined || hotline === undefined || list === undefined || fields.problems.length > 0) {
    return undefined
  }
  return { cityName, bureauName, hotline, districts, ...(privacyPolicy !== undefined ? { privacyPolicy } : {}) }
}

const MAX_GLOSSARY_GROUPS = 1000
const MAX_GROUP_WORDS = 50
const MIN_WORD_LENGTH = 2
const MAX_WORD_LENGTH = 20

function readGlossaryWords(group: Json, key: 'terms' | 'also', name: string, fields: FieldReader): string[] | undefined {
  const words = fields.texts(group, key, `${name}的 ${key}`, MAX_WORD_LENGTH)
  if (words === undefined) return undefined
  if (words.length > MAX_GROUP_WORDS) {
    fields.problem(`${name}的 ${key} 有 ${words.length} 个词，超过 ${MAX_GROUP_WORDS} 个的上限`)
    return undefined
  }
  let ok = true
  for (const word of words) {
    // A search splits what is typed at spaces and punctuation, so a word holding one could never be typed whole.
    const [term, ...more] = queryTerms(word)
    if (term !== fold(word) || more.length > 0) {
      fields.problem(`${name}的 ${key} 中的 ${quoted(word)} 含有空格或标点：每个词应是连在一起的一个词`)
      ok = false
    } else if (Array.from(word).length < MIN_WORD_LENGTH) {
      fields.problem(`${name}的 ${key} 中的 ${quoted(word)} 只有 1 个字：单字会找出太多无关内容，每个词至少 ${MIN_WORD_LENGTH} 个字`)
      ok = false
    }
  }
  return ok ? words : undefined
}

function readGlossary(extension: Json, fields: FieldReader): Glossary | undefined {
  const list = fields.list(extension, 'groups', 'groups', { required: true, min: 1, max: MAX_GLOSSARY_GROUPS })
  if (list === undefined) return undefined
  const groups: GlossaryGroup[] = []
  list.forEach((entry, index) => {
    const name = `groups 的第 ${index + 1} 组`
    const group = fields.object(entry, name)
    if (!group) return
    const before = fields.problems.length
    const terms = readGlossaryWords(group, 'terms', name, fields)
    const also = readGlossaryWords(group, 'also', name, fields)
    // A word left out for its own problem would make the group look short: that problem is enough.
    if (terms === undefined || also === undefined || fields.problems.length > before) return
    if (terms.length === 0) {
      fields.problem(`${name}缺少 terms（意思相同、可以互相代替的词）`)
      return
    }
    const both = also.find((word) => terms.includes(word))
    if (both !== undefined) fields.problem(`${name}中的 ${quoted(both)} 同时出现在 terms 和 also 中`)
    else if (terms.length + also.length < 2) fields.problem(`${name}只有 1 个词：一组至少要有 2 个词，搜索其中一个时才能找到另一个`)
    else groups.push({ terms, also })
  })
  if (fields.problems.length > 0) return undefined
  return { groups }
}

function readData(type: ContentType, item: Json, extension: Json, fields: FieldReader, context: FeedItemContext): ContentByType[ContentType] | undefined {
  switch (type) {
    case 'policy':
      return readPolicy(item, extension, fields, context)
    case 'quiz_question':
      return readQuizQuestion(extension, fields)
    case 'calendar':
      return readCalendar(extension, fields)
    case 'site':
      return readSite(extension, fields)
    case 'glossary':
      return readGlossary(extension, fields)
  }
}

/** "第3条（id: q-001）" */
export function itemLabel(position: number, id: string | undefined): string {
  return id === undefined ? `第${position}条` : `第${position}条（id: ${id}）`
}

/** Checks one JSON Feed item; `position` counts from 1. */
export function checkFeedItem(raw: unknown, context: FeedItemContext): FeedItemCheck {
  const label = (id?: string) => itemLabel(context.position, id)
  if (!isObject(raw)) return { status: 'rejected', reason: `${label()}：应为一组字段（对象）` }

  const rawId = raw.id
  const id = typeof rawId === 'string' ? rawId.trim() : typeof rawId === 'number' ? String(rawId) : undefined
  if (id === undefined || id === '') return { status: 'rejected', reason: `${label()}：缺少 id` }
  if (!ITEM_ID_PATTERN.test(id)) {
    return { status: 'rejected', reason: `${label()}：id ${quoted(id)} 只能由字母、数字、-、_、.、: 组成，且不超过 200 个字符` }
  }

  const extension = raw._pufa
  if (!isObject(extension)) return { status: 'rejected', id, reason: `${label(id)}：缺少 _pufa（内容类型等字段）` }
  const type = extension.type
  if (!isContentType(type)) {
    return { status: 'ignored', id, reason: `${label(id)}：不认识的内容类型 ${quoted(type)}，已跳过` }
  }
  const schema = extension.schema
  if (schema !== CONTENT_SCHEMA) {
    const reason = schema === undefined ? '缺少 _pufa.schema' : `_pufa.schema 为 ${quoted(schema)}，目前只支持 ${CONTENT_SCHEMA}`
    return { status: 'rejected', id, reason: `${label(id)}：${reason}` }
  }

  const fields = new FieldReader()
  const datePublished = fields.dateTime(raw, 'date_published', 'date_published')
  const dateModified = fields.dateTime(raw, 'date_modified', 'date_modified')
  const data = readData(type, raw, extension, fields, context)
  if (data === undefined || fields.problems.length > 0) {
    return { status: 'rejected', id, reason: `${label(id)}：${fields.problems.join('；')}` }
  }
  const modifiedAt = dateModified ?? datePublished
  const item = { id, type, data } as ContentItem
  return { status: 'valid', item: modifiedAt === undefined ? item : { ...item, modifiedAt } }
}

/** The ids in a feed item, even of items that are otherwise unusable (they must not be deleted). */
export function feedItemId(raw: unknown): string | undefined {
  if (!isObject(raw)) return undefined
  const id = typeof raw.id === 'string' ? raw.id.trim() : typeof raw.id === 'number' ? String(raw.id) : undefined
  return id !== undefined && ITEM_ID_PATTERN.test(id) ? id : undefined
}

