/**
 * Generated policy explainers for the benchmarks (bench:sync, bench:search): a JSON Feed of
 * explainers made of sentences of the kind explainers are made of, seeded, so that every run reads
 * the same feed.
 */

// Sentences of the kind explainers are made of, combined at random (seeded) with words drawn
// from common characters, so that the text compresses about as well as real prose (3 to 4 times
// with gzip), not like a few phrases repeated.
const COMMON = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往历市克何除消构府称太准精值号率族维划选标写存候亲快效院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严'
const SUBJECTS = ['用人单位', '劳动者', '农民工', '施工总承包单位', '人力资源社会保障行政部门', '职工', '灵活就业人员', '高校毕业生', '退役军人', '失业人员']
const VERBS = ['应当', '可以', '不得', '有权', '依法', '按照规定', '在规定期限内', '及时', '如实', '主动']
const ACTIONS = [
  '与劳动者订立书面劳动合同', '按月足额支付工资', '为职工缴纳社会保险费', '申请工伤认定', '办理失业登记',
  '领取失业保险金', '申请劳动争议仲裁', '向劳动保障监察机构投诉', '参加职业技能培训', '申领就业补贴',
  '开设农民工工资专用账户', '存储工资保证金', '公示农民工工资支付情况', '支付经济补偿', '安排带薪年休假',
  '办理社会保险关系转移接续', '申请技能提升补贴', '享受创业担保贷款贴息', '提供劳动合同文本', '保存工资支付台账',
]
const CLAUSES = [
  '自用工之日起一个月内', '在工资支付周期结束后七日内', '自事故伤害发生之日起三十日内', '按照国家和本市的规定',
  '经人力资源社会保障部门核实后', '在劳动合同期满前三十日', '依照《劳动合同法》第八十二条', '根据《保障农民工工资支付条例》',
  '按照《工伤保险条例》第十七条', '在法定节假日期间', '参照本市上年度职工月平均工资', '对符合条件的人员',
]
const TOPICS = ['劳动合同', '工资支付', '工伤保险', '失业保险', '养老保险', '就业补贴', '技能培训', '劳动争议', '休息休假', '人才引进']
const CATEGORIES = ['就业创业', '社会保险', '劳动关系', '工资支付', '人才人事', '职业技能']

function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

export interface ExplainerShape {
  /** Explainers in the feed. */
  count: number
  /** Paragraphs of three sentences in the body. */
  paragraphs: number
  /** 一问一答 pairs. */
  qaPairs: number
  /** Sentences in each answer. */
  answerSentences: number
}

/** What bench:sync has always generated: about 3 KB an explainer as stored. */
export const SYNC_SHAPE: ExplainerShape = { count: 1000, paragraphs: 5, qaPairs: 1, answerSentences: 1 }

export interface GeneratedFeed {
  version: string
  title: string
  _pufa: { complete: boolean }
  items: Record<string, unknown>[]
}

export function generateFeed({ count, paragraphs: paragraphCount, qaPairs, answerSentences }: ExplainerShape = SYNC_SHAPE): GeneratedFeed {
  const random = prng(20240501)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const characters = [...COMMON]
  const words = (length: number) => Array.from({ length }, () => pick(characters)).join('')
  const sentence = () => `${pick(CLAUSES)}，${pick(SUBJECTS)}${words(6 + Math.floor(random() * 10))}${pick(VERBS)}${pick(ACTIONS)}。`
  const paragraph = (sentences: number) => Array.from({ length: sentences }, sentence).join('')
  const items = Array.from({ length: count }, (_, index) => {
    const topic = pick(TOPICS)
    const number = String(index + 1).padStart(4, '0')
    const paragraphs = Array.from({ length: paragraphCount }, () => `<p>\u3000\u3000${paragraph(3)}</p>`).join('')
    return {
      id: `bench-policy-${number}`,
      title: `${topic}政策解读（第${index + 1}期）：${pick(ACTIONS)}`,
      summary: paragraph(1),
      content_html: `<h2>一、${topic}的基本规定</h2>${paragraphs}<h2>二、办理渠道</h2><p>详情请咨询 12333 或登录<a href="https://rsj.example.gov.cn/bs/${number}.html">网上办事大厅</a>。</p>`,
      external_url: `https://rsj.example.gov.cn/zcjd/${number}.html`,
      date_published: `2024-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')} 09:30:00`,
      tags: [topic, pick(TOPICS)],
      _pufa: {
        type: 'policy',
        schema: 1,
        category: pick(CATEGORIES),
        validity: '有效',
        documentNumber: `粤人社规[2024]${index + 1}号`,
        issuer: '某市人力资源和社会保障局',
        effectiveDate: '2024-06-01',
        qa: Array.from({ length: qaPairs }, () => ({ question: `${pick(SUBJECTS)}如何${pick(ACTIONS)}？`, answer: paragraph(answerSentences) })),
      },
    }
  })
  return { version: 'https://jsonfeed.org/version/1.1', title: '基准测试订阅源', _pufa: { complete: true }, items }
}
