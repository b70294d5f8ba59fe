/**
 * The contest API (server/quiz/quiz.routes.ts) and what the phone keeps of it: the registration,
 * the attempt under way and the finished attempts. The service is the authority on time, answers
 * and scores; the phone only remembers where it is.
 */
import type {
  AnswerBody,
  AnswerRecorded,
  AttemptResult,
  AttemptStarted,
  ContestList,
  ContestStats,
  ContestView,
  ParticipantBody,
  ParticipantCreated,
} from '../../server/quiz/quiz.schemas'
import {
  localDeadline,
  restoreActiveAttempt,
  restoreParticipant,
  restoreRecords,
  withRecord,
  type ActiveAttempt,
  type ContestParticipant,
  type ContestRecord,
} from '../core/quiz/contest'
import { request, type HttpResult } from './http'
import { withWeChatSession } from './wechat-session'
import { readStored, removeStored, writeStored } from './storage'

const API = '/api/v1/quiz'

/** What this device holds of contests; a new object after every change. */
export interface ContestsOnDevice {
  participant: ContestParticipant | null
  attempt: ActiveAttempt | null
  records: ContestRecord[]
}

const listeners = new Set<() => void>()
let onDevice: ContestsOnDevice | null = null

function changed(): void {
  onDevice = null
  listeners.forEach((listener) => listener())
}

export function subscribeContests(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function getContestsOnDevice(): ContestsOnDevice {
  onDevice ??= {
    participant: restoreParticipant(readStored('pufa.quiz.participant')),
    attempt: restoreActiveAttempt(readStored('pufa.quiz.attempt')),
    records: restoreRecords(readStored('pufa.quiz.contestRecords')),
  }
  return onDevice
}

function bearer(participant: ContestParticipant): Record<string, string> {
  return { Authorization: `Bearer ${participant.token}` }
}

/** A request of the participant; in WeChat with the session too, so that the rate limit counts the person, not the phone. */
function asParticipant<T>(participant: ContestParticipant, options: Omit<Parameters<typeof request>[0], 'headers'>): Promise<HttpResult<T>> {
  return withWeChatSession((session) => request<T>({ ...options, headers: { ...bearer(participant), ...session } }))
}

export function listContests(): Promise<HttpResult<ContestList>> {
  return request({ method: 'GET', path: `${API}/contests` })
}

export function contestStats(contestId: string): Promise<HttpResult<ContestStats>> {
  return request({ method: 'GET', path: `${API}/contests/${encodeURIComponent(contestId)}/stats` })
}

/** Registers this device (district, optional nickname) and keeps the token; a new registration replaces the old. */
export async function register(input: Omit<ContestParticipant, 'token'>): Promise<HttpResult<ContestParticipant>> {
  const body = { districtCode: input.districtCode, showOnBoard: input.showOnBoard, ...(input.nickname ? { nickname: input.nickname } : {}) } satisfies ParticipantBody
  // In WeChat every phone of the person gets the same participant, so a day's attempts follow them.
  const answer = await withWeChatSession((session) => request<ParticipantCreated>({ method: 'POST', path: `${API}/participants`, body, headers: session }))
  if (!answer.ok) return answer
  const participant: ContestParticipant = { ...input, token: answer.data.participantToken }
  writeStored('pufa.quiz.participant', participant)
  changed()
  return { ...answer, data: participant }
}

/** Starts an attempt: the service draws the questions (without answers) and starts its clock. */
export async function startAttempt(participant: ContestParticipant, contest: ContestView): Promise<HttpResult<ActiveAttempt>> {
  const answer = await asParticipant<AttemptStarted>(participant, { method: 'POST', path: `${API}/contests/${encodeURIComponent(contest.id)}/attempts` })
  if (!answer.ok) return answer
  const attempt: ActiveAttempt = {
    contestId: contest.id,
    contestTitle: contest.title,
    started: answer.data,
    deadlineAt: localDeadline(answer.data, Date.now()),
    recorded: {},
  }
  writeStored('pufa.quiz.attempt', attempt)
  changed()
  return { ...answer, data: attempt }
}

/**
 * Sends one answer. A repeat of an answer the service already holds (the first reply was lost
 * on the way) counts as recorded. Returns the attempt as it now stands.
 */
export async function sendAnswer(participant: ContestParticipant, attempt: ActiveAttempt, questionId: string, optionIds: string[]): Promise<HttpResult<ActiveAttempt>> {
  const answer = await asParticipant<AnswerRecorded>(participant, {
    method: 'POST',
    path: `${API}/attempts/${encodeURIComponent(attempt.started.attemptId)}/answers`,
    body: { questionId, optionIds } satisfies AnswerBody,
  })
  if (!answer.ok && answer.code !== 'already_answered') return answer
  const next: ActiveAttempt = { ...attempt, recorded: { ...attempt.recorded, [questionId]: optionIds } }
  writeStored('pufa.quiz.attempt', next)
  changed()
  return { ok: true, status: answer.status ?? 201, data: next, headers: answer.headers }
}

function keepResult(result: AttemptResult, contestTitle: string): void {
  const { records, attempt } = getContestsOnDevice()
  writeStored('pufa.quiz.contestRecords', withRecord(records, result, contestTitle))
  if (attempt?.started.attemptId === result.attemptId) removeStored('pufa.quiz.attempt')
  changed()
}

/** Hands the attempt in: the service scores it (once) and reveals the answers and explanations. */
export async function finishAttempt(participant: ContestParticipant, attempt: ActiveAttempt): Promise<HttpResult<AttemptResult>> {
  const answer = await asParticipant<AttemptResult>(participant, { method: 'POST', path: `${API}/attempts/${encodeURIComponent(attempt.started.attemptId)}/finish` })
  if (answer.ok) keepResult(answer.data, attempt.contestTitle)
  return answer
}

/** The result of a finished (or timed-out) attempt; only the device that registered may see it. */
export async function attemptResult(participant: ContestParticipant | null, attemptId: string, contestTitle: string): Promise<HttpResult<AttemptResult>> {
  if (participant === null) {
    return { ok: false, status: null, code: 'not_registered', message: '这部手机上没有参赛登记，无法查看这次答题的成绩。', fields: {}, headers: {} }
  }
  const answer = await asParticipant<AttemptResult>(participant, { method: 'GET', path: `${API}/attempts/${encodeURIComponent(attemptId)}` })
  if (answer.ok) keepResult(answer.data, contestTitle)
  return answer
}
