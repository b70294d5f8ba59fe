import { auditDetailWords } from '../../console/src/pages/audit/audit-words'
import { clockTime, chinaLocalOf, drawRuleWords, durationWords, instantOfChinaLocal, percentWords } from '../../console/src/pages/contests/words'
import { parseRoute, hrefOf } from '../../console/src/router'
import { homeOf, menuFor } from '../../console/src/shell/menu'

describe('where each role starts, and the 竞赛管理 entry', () => {
  it('sends an organiser to the contests, and shows the entry to those who manage contests only', () => {
    expect(homeOf('organiser')).toBe('contests')
    expect(homeOf('inspector')).toBe('reports')
    expect(homeOf('supervisor')).toBe('reports')
    expect(homeOf('auditor')).toBe('audit')
    expect(menuFor('organiser').map((entry) => entry.label)).toEqual(['竞赛管理', '题库', '纠错和投诉建议', '内容来源', '我的账号'])
    expect(menuFor('supervisor').map((entry) => entry.label)).toContain('竞赛管理')
    expect(menuFor('inspector').map((entry) => entry.label)).not.toContain('竞赛管理')
    expect(menuFor('auditor').map((entry) => entry.label)).not.toContain('竞赛管理')
  })
})

describe('the contest pages’ addresses', () => {
  it('reads and writes the list, a contest, the new form and the edit form', () => {
    expect(parseRoute('#/contests')).toEqual({ name: 'contests' })
    expect(parseRoute('#/contests?status=open')).toEqual({ name: 'contests' })
    expect(parseRoute('#/contests/new?copy=abc')).toEqual({ name: 'contest-new' })
    expect(parseRoute('#/contests/abc')).toEqual({ name: 'contest', id: 'abc' })
    expect(parseRoute('#/contests/abc/edit')).toEqual({ name: 'contest-edit', id: 'abc' })
    expect(parseRoute('#/contests/abc/other')).toEqual({ name: 'not-found' })
    expect(hrefOf({ name: 'contest', id: 'a b' })).toBe('#/contests/a%20b')
    expect(hrefOf({ name: 'contest-edit', id: 'abc' })).toBe('#/contests/abc/edit')
    expect(hrefOf({ name: 'contest-new' })).toBe('#/contests/new')
  })
})

describe('contest words and times', () => {
  it('reads a datetime-local value as China time, and shows an instant in China time', () => {
    expect(instantOfChinaLocal('2026-12-01T09:00')).toBe('2026-12-01T09:00:00+08:00')
    expect(chinaLocalOf('2026-12-01T01:00:00.000Z')).toBe('2026-12-01T09:00')
    expect(chinaLocalOf('2026-12-31T16:30:00.000Z')).toBe('2027-01-01T00:30')
    expect(clockTime('2026-12-01T01:02:03.000Z')).toBe('09:02:03')
  })

  it('says the draw rule, durations and shares plainly', () => {
    expect(drawRuleWords({ questionCount: 10, drawRule: { kind: 'mixed' } })).toBe('从竞赛题库混合抽取 10 题')
    expect(drawRuleWords({ questionCount: 3, drawRule: { kind: 'categories', counts: [{ category: '劳动关系', count: 2 }, { category: '工资支付', count: 1 }] } })).toBe(
      '按分类抽取：劳动关系 2 题、工资支付 1 题',
    )
    expect(durationWords(600)).toBe('10 分钟')
    expect(durationWords(90)).toBe('1 分 30 秒')
    expect(durationWords(45.5)).toBe('46 秒')
    expect(percentWords(2 / 3)).toBe('66.7%')
    expect(percentWords(0)).toBe('0.0%')
  })
})

describe('contest entries of the audit log in words', () => {
  const names = { district: (code: string) => code, staff: () => undefined, action: (action: string) => action }

  it('names the contest, the nickname, what was exported and the planned end', () => {
    expect(auditDetailWords('contest_board_hide', { contestId: 'c1', contestTitle: '冬季竞赛', participantId: 'p1', nickname: '小林' }, names)).toBe('竞赛“冬季竞赛”，昵称“小林”')
    expect(auditDetailWords('contest_export', { contestId: 'c1', contestTitle: '冬季竞赛', table: 'participation', count: 11 }, names)).toBe('竞赛“冬季竞赛”，各区县参与情况，11 条')
    expect(auditDetailWords('contest_close', { contestId: 'c1', contestTitle: '冬季竞赛', plannedEnd: '2026-12-31T10:00:00.000Z' }, names)).toBe('竞赛“冬季竞赛”，原定 2026-12-31 18:00 结束')
  })
})
