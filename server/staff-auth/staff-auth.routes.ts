import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'

import { appendAudit } from '../admin/audit.repository'
import type { Staff } from '../admin/staff.repository'
import { chinaDateTimeOf } from '../admin/tip-views'
import { AppError, ErrorResponse } from '../errors'
import { RATE_RULES } from '../rate-limit'
import { completeEnrolment, readEnrolment } from './enrolment'
import { refuseCrossSiteRequest } from './origin'
import { deleteSession, deleteSessionsOf } from './sessions.repository'
import { clearSessionCookie, sessionIdHashOf, sessionIdOf, setSessionCookie, staffOfSession } from './sessions'
import { SignInService } from './sign-in'
import { EnrolmentBody, EnrolmentParams, EnrolmentView, PASSWORD_MIN_LENGTH, SignedIn, SignInBody, type StaffView } from './staff-auth.schemas'

/** A staff member as the console sees them. */
function staffViewOf(staff: Staff): StaffView {
  return { id: staff.id, name: staff.name, login: staff.login ?? '', role: staff.role, districtCode: staff.scope.kind === 'district' ? staff.scope.districtCode : null }
}

const ERRORS = { '4xx': ErrorResponse, '5xx': ErrorResponse }
const SESSION = [{ pufa_staff: [] }]
const NO_CONTENT = { 204: { type: 'null', description: '完成' } } as const

const signInFailed = () => new AppError(401, 'sign_in_failed', '登录名、密码或验证码不对，请重新输入')
const notSignedIn = () => new AppError(401, 'unauthorized', '还没有登录，或登录已过期，请重新登录')

function lockedMessage(until: number, now: number): string {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000))
  return `登录失败次数太多，账号已暂时锁定，请在 ${chinaDateTimeOf(until)}（北京时间，约 ${minutes} 分钟后）再试；忘记密码或验证器丢失，请联系系统管理员`
}

// A wrong login, password, code or enrolment code may be a guess; a password refused as too weak is not.
function isGuess(error: unknown): boolean {
  if (!(error instanceof AppError) || error.statusCode >= 500) return false
  return error.statusCode !== 400 || error.fields?.code !== undefined
}

/** Staff sign-in, sessions and enrolment for the console (`/api/v1/staff/…`), by cookie. */
export const staffAuthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const signIns = new SignInService(app.db, app.config.fieldKeys)
  // Failures from one address, across accounts: each account also locks itself after a few.
  const failures = app.limits.failures('staffSignIns')

  app.addHook('onRequest', async (request) => {
    refuseCrossSiteRequest(request, app.config.publicUrl)
  })
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
  })

  const refuseWhenThrottled = (request: FastifyRequest, reply: FastifyReply) =>
    failures.refuseWhenOver(request, reply, (wait) => `${RATE_RULES.staffSignIns.action}失败太多次了，请 ${wait}后再试`)
  /** Runs `work`, counting a failure of the address when it fails as a guess would. */
  const countingFailures = async <T>(request: FastifyRequest, work: () => Promise<T>): Promise<T> => {
    try {
      return await work()
    } catch (error) {
      if (isGuess(error)) await failures.count(request)
      throw error
    }
  }

  app.post(
    '/session',
    {
      schema: {
        summary: '工作人员登录（登录名、密码和身份验证器的验证码），成功后设置会话 Cookie',
        description: '登录名、密码或验证码任何一项不对，都回答同样的 401 sign_in_failed；连续失败 5 次锁定 15 分钟（423 account_locked）。',
        body: SignInBody,
        response: { 200: SignedIn, ...ERRORS },
      },
    },
    async (request, reply) => {
      await refuseWhenThrottled(request, reply)
      const now = Date.now()
      const outcome = await countingFailures(request, async () => {
        const result = await signIns.attempt(request.body, now)
        if (result.kind === 'locked') throw new AppError(423, 'account_locked', lockedMessage(result.until, now))
        if (result.kind === 'failed') throw signInFailed()
        return result
      })
      setSessionCookie(reply, request, outcome.sessionId)
      return { staff: staffViewOf(outcome.staff) }
    },
  )

  app.get('/session', { schema: { summary: '当前登录的工作人员', security: SESSION, response: { 200: SignedIn, ...ERRORS } } }, async (request) => {
    const sessionId = sessionIdOf(request)
    const staff = sessionId === undefined ? undefined : await staffOfSession(app.db, sessionId, Date.now())
    if (!staff) throw notSignedIn()
    return { staff: staffViewOf(staff) }
  })

  app.delete('/session', { schema: { summary: '退出登录（本浏览器）', security: SESSION, response: { ...NO_CONTENT, ...ERRORS } } }, async (request, reply) => {
    const sessionId = sessionIdOf(request)
    const now = Date.now()
    const staff = sessionId === undefined ? undefined : await staffOfSession(app.db, sessionId, now)
    if (sessionId !== undefined && staff) {
      await app.db.transaction().execute(async (trx) => {
        if (await deleteSession(trx, sessionIdHashOf(sessionId))) {
          await appendAudit(trx, { staffId: staff.id, action: 'staff_sign_out', tipId: null, detail: {}, at: now })
        }
      })
    }
    clearSessionCookie(reply, request)
    return reply.code(204).send()
  })

  app.delete('/sessions', { schema: { summary: '退出所有设备上的登录', security: SESSION, response: { ...NO_CONTENT, ...ERRORS } } }, async (request, reply) => {
    const sessionId = sessionIdOf(request)
    const now = Date.now()
    const staff = sessionId === undefined ? undefined : await staffOfSession(app.db, sessionId, now)
    if (!staff) throw notSignedIn()
    await app.db.transaction().execute(async (trx) => {
      const sessions = await deleteSessionsOf(trx, staff.id)
      await appendAudit(trx, { staffId: staff.id, action: 'staff_sign_out_everywhere', tipId: null, detail: { sessions }, at: now })
    })
    clearSessionCookie(reply, request)
    return reply.code(204).send()
  })

  app.get(
    '/enrolment/:code',
    {
      schema: {
        summary: '注册链接的内容：账号、身份验证器的二维码网址和密钥',
        description: '注册码无效、已用过或已过期，都回答同样的 404 enrolment_not_found。',
        params: EnrolmentParams,
        response: { 200: EnrolmentView, ...ERRORS },
      },
    },
    async (request, reply) => {
      await refuseWhenThrottled(request, reply)
      const enrolment = await countingFailures(request, () => readEnrolment(app.db, app.config.fieldKeys, request.params.code, Date.now()))
      const staff = staffViewOf(enrolment.staff)
      return { name: staff.name, login: staff.login, role: staff.role, districtCode: staff.districtCode, otpauthUri: enrolment.otpauthUri, secret: enrolment.secret, passwordMinLength: PASSWORD_MIN_LENGTH }
    },
  )

  app.post(
    '/enrolment/:code',
    {
      schema: {
        summary: '设置密码并绑定身份验证器，成功后即登录',
        description: '密码不合要求时 400，fields.password 说明原因；验证码不对时 400，fields.code。',
        params: EnrolmentParams,
        body: EnrolmentBody,
        response: { 200: SignedIn, ...ERRORS },
      },
    },
    async (request, reply) => {
      await refuseWhenThrottled(request, reply)
      const { staff, sessionId } = await countingFailures(request, () => completeEnrolment(app.db, app.config.fieldKeys, request.params.code, request.body, Date.now()))
      setSessionCookie(reply, request, sessionId)
      return { staff: staffViewOf(staff) }
    },
  )
}
