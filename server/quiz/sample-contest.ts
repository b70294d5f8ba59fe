import type { Kysely } from 'kysely'

import type { Database } from '../db/schema'
import { insertContest } from './contests.repository'

const DAY = 24 * 60 * 60 * 1000

/**
 * With the sample content, `npm start` also opens a sample contest for 30 days, so that the whole
 * product can be tried out; a bureau configures its own contests through the staff API.
 */
export async function openSampleContest(db: Kysely<Database>, now = Date.now()): Promise<void> {
  await insertContest(db, {
    id: 'sample-contest',
    title: '劳动保障法律知识竞赛（示例）',
    startsAt: now,
    endsAt: now + 30 * DAY,
    questionCount: 10,
    timeLimitSeconds: 10 * 60,
    attemptsPerDay: 3,
    minSecondsPerQuestion: 2,
    drawRule: { kind: 'mixed' },
    createdBy: null,
    createdAt: now,
  })
}
