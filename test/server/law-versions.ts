/**
 * The versions of the laws and regulations the sample content cites, as in the law texts the
 * content was checked against (../shared/laws, one file per version): when each version was
 * published and when it took effect (施行). A citation's `effectiveDate` is the `effective` date of
 * the version it cites, never its adoption or promulgation date.
 *
 * Where the dates come from: the file's header (…公布 / …施行) or its last article (本法自…起施行);
 * for an amended version, the amending decision's own date of effect (which the texts do not
 * carry): 劳动合同法 2012 → 2013-07-01, 工伤保险条例 2010 → 2011-01-01, 行政诉讼法 2017 →
 * 2017-07-01, 刑法 修正案（十二） → 2024-03-01, 放假办法 2024 → 2025-01-01; 劳动法 and 社会保险法
 * 2018, 就业促进法 2015 took effect on promulgation, and so did 企业职工带薪年休假实施办法 (本办法自
 * 发布之日起施行; published 2008-09-18, which its text does not carry). `effective: null`: not
 * certain, so citations leave the date out rather than guess.
 */
export interface LawVersion {
  /** 发文机关, as explainers give it in `issuer`. */
  issuer: string
  /** 文号 of this version, where explainers give one. */
  documentNumber?: string
  /** 成文日期 of this version, where explainers give it instead of a publication date. */
  written?: string
  /** 公布 (发布) date of this version. */
  published?: string
  /** 施行 date of this version; null when not certain. */
  effective: string | null
  /** The last article's number: a cited 第N条 beyond it does not exist. */
  articles: number
  /** Articles numbered 第N条之M that exist and are cited. */
  extraArticles?: readonly string[]
  /** Only these articles may be cited: the text is not in ../shared/laws and its README vouches for these alone. */
  onlyArticles?: readonly string[]
}

const NPC = '全国人民代表大会常务委员会'
const STATE_COUNCIL = '国务院'

export const LAW_VERSIONS: Readonly<Record<string, LawVersion>> = {
  // Laws of the NPC and its Standing Committee.
  中华人民共和国劳动法: { issuer: NPC, published: '2018-12-29', effective: '2018-12-29', articles: 107 },
  中华人民共和国劳动合同法: { issuer: NPC, published: '2012-12-28', effective: '2013-07-01', articles: 98 },
  中华人民共和国劳动争议调解仲裁法: { issuer: NPC, published: '2007-12-29', effective: '2008-05-01', articles: 54 },
  中华人民共和国就业促进法: { issuer: NPC, published: '2015-04-24', effective: '2015-04-24', articles: 69 },
  中华人民共和国社会保险法: { issuer: NPC, published: '2018-12-29', effective: '2018-12-29', articles: 98 },
  中华人民共和国法律援助法: { issuer: NPC, published: '2021-08-20', effective: '2022-01-01', articles: 71 },
  中华人民共和国个人信息保护法: { issuer: NPC, published: '2021-08-20', effective: '2021-11-01', articles: 74 },
  中华人民共和国行政复议法: { issuer: NPC, published: '2023-09-01', effective: '2024-01-01', articles: 90 },
  中华人民共和国行政诉讼法: { issuer: NPC, published: '2017-06-27', effective: '2017-07-01', articles: 103 },
  中华人民共和国刑法: { issuer: NPC, published: '2023-12-29', effective: '2024-03-01', articles: 452, extraArticles: ['第二百七十六条之一'] },
  // Regulations of the State Council.
  中华人民共和国劳动合同法实施条例: { issuer: STATE_COUNCIL, documentNumber: '国务院令第535号', published: '2008-09-18', effective: '2008-09-18', articles: 38 },
  保障农民工工资支付条例: { issuer: STATE_COUNCIL, documentNumber: '国务院令第724号', published: '2019-12-30', effective: '2020-05-01', articles: 64 },
  劳动保障监察条例: { issuer: STATE_COUNCIL, documentNumber: '国务院令第423号', published: '2004-11-01', effective: '2004-12-01', articles: 36 },
  工伤保险条例: { issuer: STATE_COUNCIL, documentNumber: '国务院令第586号', published: '2010-12-20', effective: '2011-01-01', articles: 67 },
  失业保险条例: { issuer: STATE_COUNCIL, documentNumber: '国务院令第258号', published: '1999-01-22', effective: '1999-01-22', articles: 33 },
  职工带薪年休假条例: { issuer: STATE_COUNCIL, documentNumber: '国务院令第514号', published: '2007-12-14', effective: '2008-01-01', articles: 10 },
  女职工劳动保护特别规定: { issuer: STATE_COUNCIL, documentNumber: '国务院令第619号', published: '2012-04-28', effective: '2012-04-28', articles: 16 },
  禁止使用童工规定: { issuer: STATE_COUNCIL, documentNumber: '国务院令第364号', published: '2002-10-01', effective: '2002-12-01', articles: 14 },
  人力资源市场暂行条例: { issuer: STATE_COUNCIL, documentNumber: '国务院令第700号', published: '2018-06-29', effective: '2018-10-01', articles: 48 },
  社会保险经办条例: { issuer: STATE_COUNCIL, published: '2023-08-16', effective: '2023-12-01', articles: 63 },
  全国年节及纪念日放假办法: { issuer: STATE_COUNCIL, published: '2024-11-10', effective: '2025-01-01', articles: 8 },
  // Rules of ministries and the Supreme People's Court's interpretation.
  工资支付暂行规定: { issuer: '劳动部', documentNumber: '劳部发〔1994〕489号', written: '1994-12-06', effective: '1995-01-01', articles: 20 },
  企业职工带薪年休假实施办法: { issuer: '人力资源和社会保障部', published: '2008-09-18', effective: '2008-09-18', articles: 19 },
  '最高人民法院关于审理劳动争议案件适用法律问题的解释（一）': { issuer: '最高人民法院', published: '2020-12-29', effective: '2021-01-01', articles: 54 },
  // Guangdong's regulation as amended on 2022-06-01: the text carries neither when that amendment was published nor when it took effect.
  广东省失业保险条例: { issuer: '广东省人民代表大会常务委员会', effective: null, articles: 49 },
  // Not in ../shared/laws: its README vouches for article 18 only (5 working days to accept a complaint).
  '关于实施《劳动保障监察条例》若干规定': { issuer: '劳动和社会保障部', effective: null, articles: 18, onlyArticles: ['第十八条'] },
}

const DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }
const UNITS: Record<string, number> = { 十: 10, 百: 100 }

/** 一百零七 → 107, 十二 → 12 (the numbers of articles: below a thousand). */
export function chineseNumber(text: string): number {
  let total = 0
  let digit = 0
  for (const char of text) {
    if (char in DIGITS) digit = DIGITS[char]
    else if (char in UNITS) {
      total += (digit === 0 ? 1 : digit) * UNITS[char]
      digit = 0
    } else throw new Error(`not a Chinese number: ${text}`)
  }
  return total + digit
}

/** Why `article` (e.g. 第二百七十六条之一) cannot be cited from `law`, or undefined when it can. */
export function articleProblem(law: string, article: string): string | undefined {
  const version = LAW_VERSIONS[law]
  if (version === undefined) return `《${law}》 is not a law the table knows`
  const match = /^第([零一二两三四五六七八九十百]+)条(之[一二三四五六七八九十]+)?$/.exec(article)
  if (!match) return `${article} is not an article number`
  if (version.onlyArticles && !version.onlyArticles.includes(article)) return `《${law}》${article} is not in the law texts`
  if (match[2] !== undefined) return version.extraArticles?.includes(article) ? undefined : `《${law}》 has no ${article}`
  return chineseNumber(match[1]) <= version.articles ? undefined : `《${law}》 has only ${version.articles} articles, not ${article}`
}
