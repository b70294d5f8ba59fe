import { searchBank } from '../../server/quiz/question-bank'

const bank = [
  { id: 'q-contest-001', question: { stem: '用人单位应当自用工之日起多久内订立书面劳动合同？', category: '劳动关系' as const } },
  { id: 'q-contest-002', question: { stem: '工资应当以什么形式支付？', category: '工资支付' as const } },
  { id: 'q-contest-003', question: { stem: '劳动合同期限三个月以上不满一年的，试用期最长多久？', category: '劳动关系' as const } },
]
const ids = (found: typeof bank) => found.map((entry) => entry.id)

describe('the question bank search', () => {
  it('finds every question when nothing is asked', () => {
    expect(ids(searchBank(bank, {}))).toEqual(['q-contest-001', 'q-contest-002', 'q-contest-003'])
    expect(ids(searchBank(bank, { q: '   ' }))).toEqual(['q-contest-001', 'q-contest-002', 'q-contest-003'])
  })

  it('needs every word, in the stem, the category or the id', () => {
    expect(ids(searchBank(bank, { q: '劳动合同 试用期' }))).toEqual(['q-contest-003'])
    expect(ids(searchBank(bank, { q: '工资支付' }))).toEqual(['q-contest-002'])
    expect(ids(searchBank(bank, { q: 'Q-CONTEST-001' }))).toEqual(['q-contest-001'])
    expect(ids(searchBank(bank, { q: '社会保险' }))).toEqual([])
  })

  it('narrows to a category, with the words too', () => {
    expect(ids(searchBank(bank, { category: '劳动关系' }))).toEqual(['q-contest-001', 'q-contest-003'])
    expect(ids(searchBank(bank, { category: '劳动关系', q: '书面' }))).toEqual(['q-contest-001'])
  })
})
