import { boardOf, statsOf } from '../../server/quiz/quiz-views'
import type { FinishedAttemptRow } from '../../server/quiz/contests.repository'
import type { Site } from '../../src/core/content/model'

const site: Site = {
  cityName: '广州',
  bureauName: '广州市人力资源和社会保障局',
  hotline: '12333',
  districts: [
    { code: '440103', name: '荔湾区', population: 1_000_000 },
    { code: '440104', name: '越秀区' },
  ],
}

function finished(participantId: string, districtCode: string, score: number, timeUsedMs: number, showOnBoard = false): FinishedAttemptRow {
  return { participantId, districtCode, score, timeUsedMs, showOnBoard, boardHidden: false, nickname: showOnBoard ? `昵称${participantId}` : null }
}

describe('contest stats', () => {
  it('counts each participant once per district, with the rate where the site gives a population', () => {
    const stats = statsOf({ id: 'c', title: '竞赛' }, site, [
      finished('p1', '440103', 3, 100_000),
      finished('p1', '440103', 5, 90_000),
      finished('p2', '440103', 4, 80_000),
      finished('p3', '440104', 1, 50_000),
    ])
    expect(stats).toMatchObject({ contestId: 'c', title: '竞赛', participants: 3 })
    expect(stats.districts).toEqual([
      { code: '440103', name: '荔湾区', participants: 2, share: 2 / 3, rate: 2 / 1_000_000 },
      { code: '440104', name: '越秀区', participants: 1, share: 1 / 3, rate: null },
    ])
  })

  it('keeps a district dropped from the site, and ranks the opt-in board by best score then less time', () => {
    const stats = statsOf({ id: 'c', title: '竞赛' }, site, [
      finished('p1', '440105', 3, 100_000, true),
      finished('p1', '440105', 5, 90_000, true),
      finished('p2', '440103', 5, 80_000, true),
      finished('p3', '440103', 5, 80_000, true),
      finished('p4', '440103', 9, 10_000),
    ])
    expect(stats.districts.map((district) => district.code)).toEqual(['440103', '440104', '440105'])
    expect(stats.board.map(({ rank, score, timeUsedSeconds }) => [rank, score, timeUsedSeconds])).toEqual([
      [1, 5, 80],
      [1, 5, 80],
      [3, 5, 90],
    ])
  })

  it('leaves nicknames staff hid out of the public board and its ranks; the staff board keeps them, unranked', () => {
    const rows = [
      finished('p1', '440103', 9, 60_000, true),
      finished('p2', '440103', 8, 60_000, true),
      finished('p3', '440104', 8, 60_000, true),
      finished('p4', '440104', 7, 60_000, true),
    ].map((row) => (row.participantId === 'p1' || row.participantId === 'p3' ? { ...row, boardHidden: true } : row))
    expect(statsOf({ id: 'c', title: '竞赛' }, site, rows).board.map(({ rank, nickname }) => [rank, nickname])).toEqual([
      [1, '昵称p2'],
      [2, '昵称p4'],
    ])
    expect(boardOf(rows).map(({ participantId, rank, hidden }) => [participantId, rank, hidden])).toEqual([
      ['p1', null, true],
      ['p2', 1, false],
      ['p3', null, true],
      ['p4', 2, false],
    ])
  })
})
