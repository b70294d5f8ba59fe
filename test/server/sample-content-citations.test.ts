/**
 * What the sample content says of its laws, against the table of law versions (law-versions.ts):
 * every quiz citation names a law the table knows, an article that exists, and the date its
 * version took effect; every 《law》第N条 in an explainer names a known law and an existing article;
 * an explainer's own 文号 and dates are those of the version it explains. A wrong date, a
 * misspelt law or an article that does not exist in future content fails here.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { REPO_ROOT } from '../../server/config'
import { articleProblem, LAW_VERSIONS, type LawVersion } from './law-versions'

interface Citation {
  law: string
  article: string
  effectiveDate?: string
}

interface FeedItem {
  id: string
  content_html?: string
  _pufa: Record<string, unknown> & { type: string }
}

function feedItems(file: string): FeedItem[] {
  return (JSON.parse(readFileSync(path.join(REPO_ROOT, 'assets', 'feed', file), 'utf8')) as { items: FeedItem[] }).items
}

const questions = feedItems('sample-quiz.json').filter((item) => item._pufa.type === 'quiz_question')
const policies = feedItems('sample-policies.json').filter((item) => item._pufa.type === 'policy')

/** The law's name as the table spells it: explainers nest 〈〉 inside 《》. */
function lawName(text: string): string {
  return text.replace(/〈/g, '《').replace(/〉/g, '》')
}

/** Every 《law》第N条 (and the articles listed after it: 第N条、第M条和第K条) in a text. */
function citedArticles(text: string): { law: string; article: string }[] {
  const found: { law: string; article: string }[] = []
  for (const match of text.matchAll(/《((?:[^《》]|〈[^〉]*〉)+)》([第零一二两三四五六七八九十百条之款项（）()、和及至]*)/g)) {
    for (const article of match[2].matchAll(/第[零一二两三四五六七八九十百]+条(?:之[一二三四五六七八九十]+)?/g)) {
      found.push({ law: lawName(match[1]), article: article[0] })
    }
  }
  return found
}

function policyText(item: FeedItem): string {
  const qa = (item._pufa.qa as { question: string; answer: string }[] | undefined) ?? []
  return [item.content_html ?? '', ...qa.flatMap((pair) => [pair.question, pair.answer])].join('\n')
}

describe('quiz citations in assets/feed/sample-quiz.json', () => {
  const citations = questions.flatMap((item) => (item._pufa.citations as Citation[]).map((citation) => ({ id: item.id, ...citation })))

  it('exist', () => {
    expect(citations.length).toBeGreaterThan(100)
  })

  it('name a law the table knows and an article it has', () => {
    const problems = citations.flatMap(({ id, law, article }) => {
      const problem = articleProblem(law, article)
      return problem === undefined ? [] : [`${id}: ${problem}`]
    })
    expect(problems).toEqual([])
  })

  it('give the date the cited version took effect, and none where that date is not certain', () => {
    const wrong = citations.flatMap(({ id, law, article, effectiveDate }) => {
      const version = LAW_VERSIONS[law]
      if (version === undefined || effectiveDate === (version.effective ?? undefined)) return []
      return [`${id}: 《${law}》${article} cites ${effectiveDate ?? 'no date'}; the version took effect ${version.effective ?? 'on a date not certain (leave it out)'}`]
    })
    expect(wrong).toEqual([])
  })

  it('explain without naming options by letter or position (phones shuffle them)', () => {
    const positional = /选项|前[一二三两四]项|后[一二三两四]项|[A-Ea-e]项|第[一二三四五]个选项|以上(?:各项|选项|都)/
    expect(questions.filter((item) => positional.test(item._pufa.explanation as string)).map((item) => item.id)).toEqual([])
  })
})

describe('law citations in the explainers of assets/feed/sample-policies.json', () => {
  it('name a law the table knows and an article it has', () => {
    const problems = policies.flatMap((item) =>
      citedArticles(policyText(item)).flatMap(({ law, article }) => {
        const problem = articleProblem(law, article)
        return problem === undefined ? [] : [`${item.id}: ${problem}`]
      }),
    )
    expect(problems).toEqual([])
  })

  it('are found by the reader of this test (it would otherwise pass on nothing)', () => {
    expect(citedArticles('（《关于实施〈劳动保障监察条例〉若干规定》第十八条；《中华人民共和国刑法》第二百七十六条之一、第三百条和第五条）')).toEqual([
      { law: '关于实施《劳动保障监察条例》若干规定', article: '第十八条' },
      { law: '中华人民共和国刑法', article: '第二百七十六条之一' },
      { law: '中华人民共和国刑法', article: '第三百条' },
      { law: '中华人民共和国刑法', article: '第五条' },
    ])
    expect(articleProblem('中华人民共和国劳动合同法', '第九十九条')).toBe('《中华人民共和国劳动合同法》 has only 98 articles, not 第九十九条')
    expect(articleProblem('劳动合同法', '第十条')).toBe('《劳动合同法》 is not a law the table knows')
    expect(policies.reduce((count, item) => count + citedArticles(policyText(item)).length, 0)).toBeGreaterThan(300)
  })
})

describe('related explainers', () => {
  it('are explainers of the sample, never the explainer itself', () => {
    const ids = new Set(policies.map((item) => item.id))
    const dangling = policies.flatMap((item) =>
      ((item._pufa.related as string[] | undefined) ?? []).filter((id) => !ids.has(id) || id === item.id).map((id) => `${item.id} → ${id}`),
    )
    expect(dangling).toEqual([])
  })
})

describe("the explainers' own 文号 and dates", () => {
  /**
   * The version an explainer explains: by its 文号, else the law of its issuer published on its
   * publication date that it cites most (劳动法 and 社会保险法 were both amended on 2018-12-29).
   */
  function explained(item: FeedItem): [string, LawVersion] | undefined {
    const { documentNumber, issuer, publishedDate } = item._pufa
    const entries = Object.entries(LAW_VERSIONS)
    if (documentNumber !== undefined) return entries.find(([, version]) => version.documentNumber === documentNumber)
    const citations = citedArticles(policyText(item)).map(({ law }) => law)
    const count = (law: string) => citations.filter((cited) => cited === law).length
    const candidates = entries.filter(([law, version]) => version.issuer === issuer && version.published === publishedDate && count(law) > 0)
    return candidates.sort(([a], [b]) => count(b) - count(a))[0]
  }

  const described = policies.filter((item) => item._pufa.issuer !== undefined)

  it('are those of the version the explainer explains', () => {
    const wrong = described.flatMap((item) => {
      const found = explained(item)
      if (found === undefined) return [`${item.id}: no law version it cites has its 文号, or its issuer and publication date`]
      const [law, version] = found
      const given = { issuer: item._pufa.issuer, writtenDate: item._pufa.writtenDate, publishedDate: item._pufa.publishedDate, effectiveDate: item._pufa.effectiveDate }
      const expected = { issuer: version.issuer, writtenDate: version.written, publishedDate: version.published, effectiveDate: version.effective ?? undefined }
      return (Object.keys(given) as (keyof typeof given)[]).flatMap((field) =>
        // An explainer may leave a date out; one it gives must be right.
        given[field] !== undefined && given[field] !== expected[field] ? [`${item.id} (《${law}》): ${field} ${String(given[field])}, not ${String(expected[field])}`] : [],
      )
    })
    expect(wrong).toEqual([])
  })

  it('cover the explainers that name an issuer', () => {
    expect(described.length).toBeGreaterThan(15)
  })
})
