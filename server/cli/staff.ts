// `pufa staff …`: the operator creates staff accounts (a person: password and authenticator, set
// through a one-time enrolment link) and machine tokens, lists them, re-issues enrolment links,
// disables accounts and revokes tokens.
import { randomUUID } from 'node:crypto'

import type { Kysely } from 'kysely'

import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, parseFlags, withMigratedDatabase, problemOf, type CliContext, type Command } from './support'
import { publicUrlOf, type Config } from '../config'
import type { Database } from '../db/schema'
import { listAccountStates } from '../staff-auth/accounts.repository'
import { issueEnrolment } from '../staff-auth/enrolment'
import { deleteEnrolmentsOf, pendingEnrolmentExpiries } from '../staff-auth/enrolments.repository'
import { loginProblem, normaliseLogin } from '../staff-auth/logins'
import { deleteSessionsOf } from '../staff-auth/sessions.repository'
import { readSite } from '../content/content.repository'
import { appendAudit } from '../admin/audit.repository'
import { STAFF_ROLE_NAMES, STAFF_ROLES, type StaffRole } from '../admin/permissions'
import { findStaff, findStaffByLogin, insertStaffAccount, insertStaffToken, listStaff, revokeStaff, type Staff, type StaffScope } from '../admin/staff.repository'
import { generateStaffToken, staffTokenHashOf } from '../admin/staff-token'
import { chinaDateTimeOf } from '../admin/tip-views'

export const STAFF_USAGE = [
  '用法：',
  '  pufa staff create --name 姓名 --login 登录名 --role 角色 [--district 区县代码]   创建工作人员账号，并生成一次性的注册链接',
  '  pufa staff create --name 名称 (--district 区县代码 | --city)                   创建接口令牌（供其他系统调用）',
  '  pufa staff list                                                               列出账号和令牌',
  '  pufa staff enrol --login 登录名                                               重新生成注册链接（忘记密码、换了手机）',
  '  pufa staff disable --login 登录名                                             停用账号，结束它的全部登录',
  '  pufa staff revoke --id 编号                                                   吊销接口令牌',
  `角色：${STAFF_ROLES.map((role) => `${role} ${STAFF_ROLE_NAMES[role]}`).join('、')}；劳动监察员须用 --district 指定区县`,
].join('\n')
const NAME_MAX = 50
// eslint-disable-next-line no-control-regex -- a name with control characters would garble the list
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/

type StaffArgs =
  | { action: 'create-token'; name: string; scope: StaffScope }
  | { action: 'create-account'; name: string; login: string; role: StaffRole; districtCode: string | null }
  | { action: 'list' }
  | { action: 'enrol'; login: string }
  | { action: 'disable'; login: string }
  | { action: 'revoke'; id: string }

function parseLoginOnly(action: 'enrol' | 'disable', rest: readonly string[]): StaffArgs | { problem: string } {
  const parsed = parseFlags(rest, { '--login': 'value' }, STAFF_USAGE)
  if (!parsed.ok) return { problem: `pufa staff ${action} ${parsed.problem}` }
  const login = parsed.flags['--login']
  if (typeof login !== 'string') return { problem: `请用 --login 指定账号的登录名（pufa staff list 可查看）。\n${STAFF_USAGE}` }
  return { action, login: normaliseLogin(login) }
}

function parseCreate(rest: readonly string[]): StaffArgs | { problem: string } {
  const parsed = parseFlags(rest, { '--name': 'value', '--login': 'value', '--role': 'value', '--district': 'value', '--city': 'switch' }, STAFF_USAGE)
  if (!parsed.ok) return { problem: `pufa staff create ${parsed.problem}` }
  const { '--name': name, '--login': login, '--role': role, '--district': district, '--city': city } = parsed.flags
  if (typeof name !== 'string') return { problem: `请用 --name 写上账号使用人的姓名，或令牌使用部门的名称。\n${STAFF_USAGE}` }
  if ([...name].length > NAME_MAX || CONTROL_CHARACTERS.test(name)) return { problem: `名称最多 ${NAME_MAX} 个字，且不能含控制字符。` }
  const districtCode = typeof district === 'string' ? district : null

  if (login === undefined && role === undefined) {
    if ((district === undefined) === (city === undefined)) return { problem: `请在 --district 区县代码 和 --city（全市）之中选一个。\n${STAFF_USAGE}` }
    return { action: 'create-token', name, scope: districtCode === null ? { kind: 'city' } : { kind: 'district', districtCode } }
  }
  if (typeof login !== 'string') return { problem: `创建账号请用 --login 写上登录名。\n${STAFF_USAGE}` }
  if (typeof role !== 'string') return { problem: `创建账号请用 --role 写上角色。\n${STAFF_USAGE}` }
  const knownRole = STAFF_ROLES.find((candidate) => candidate === role)
  if (knownRole === undefined) return { problem: `没有“${role}”这个角色。\n${STAFF_USAGE}` }
  if (city !== undefined) return { problem: `账号的范围由角色决定，不用写 --city。\n${STAFF_USAGE}` }
  if (knownRole === 'inspector' && districtCode === null) return { problem: `劳动监察员须用 --district 指定所在区县。\n${STAFF_USAGE}` }
  if (knownRole !== 'inspector' && districtCode !== null) return { problem: `只有劳动监察员（inspector）属于一个区县；${STAFF_ROLE_NAMES[knownRole]}不用写 --district。` }
  const normalised = normaliseLogin(login)
  const problem = loginProblem(normalised)
  if (problem !== undefined) return { problem }
  return { action: 'create-account', name, login: normalised, role: knownRole, districtCode }
}

export function parseStaffArgs(args: readonly string[]): StaffArgs | { problem: string } {
  const [action, ...rest] = args
  if (action === 'list') {
    const parsed = parseFlags(rest, {}, STAFF_USAGE)
    return parsed.ok ? { action } : { problem: `pufa staff list ${parsed.problem}` }
  }
  if (action === 'enrol' || action === 'disable') return parseLoginOnly(action, rest)
  if (action === 'revoke') {
    const parsed = parseFlags(rest, { '--id': 'value' }, STAFF_USAGE)
    if (!parsed.ok) return { problem: `pufa staff revoke ${parsed.problem}` }
    const id = parsed.flags['--id']
    if (typeof id !== 'string') return { problem: `请用 --id 指定要吊销的令牌编号（pufa staff list 可查看）。\n${STAFF_USAGE}` }
    return { action, id }
  }
  if (action === 'create') return parseCreate(rest)
  if (action === undefined) return { problem: `请写上要做什么：create、list、enrol、disable 或 revoke。\n${STAFF_USAGE}` }
  return { problem: `pufa staff 没有“${action}”这个操作。\n${STAFF_USAGE}` }
}

function describeScope(scope: StaffScope, districtNames: ReadonlyMap<string, string>): string {
  if (scope.kind === 'city') return '全市'
  const name = districtNames.get(scope.districtCode)
  return name === undefined ? scope.districtCode : `${name}（${scope.districtCode}）`
}

type Output = Pick<CliContext, 'stdout' | 'stderr'>

/** Lines telling how to hand over an enrolment link. */
function enrolmentLines(config: Config, login: string, code: string, expiresAt: number): string[] {
  return [
    `请把下面的注册链接交给本人，在 ${chinaDateTimeOf(expiresAt)}（北京时间）前打开，只能使用一次：设置密码，并用手机上的身份验证器 App 扫码绑定。`,
    `  注册链接：${publicUrlOf(config)}console/#/enrol/${code}`,
    `  注册码：${code}`,
    `链接只显示这一次；丢失或过期时，运行 pufa staff enrol --login ${login} 重新生成。`,
  ]
}

async function listCommand(context: Output, db: Kysely<Database>, districtNames: ReadonlyMap<string, string>): Promise<number> {
  const staff = await listStaff(db)
  if (staff.length === 0) {
    context.stdout.write('还没有工作人员账号或令牌。用 pufa staff create 创建。\n')
    return EXIT_OK
  }
  const now = Date.now()
  const [states, enrolments] = await Promise.all([listAccountStates(db), pendingEnrolmentExpiries(db, now)])
  const stateOf = (member: Staff): string => {
    if (member.kind === 'token') return member.revokedAt === null ? '有效' : `已于 ${chinaDateTimeOf(member.revokedAt)} 吊销`
    if (member.revokedAt !== null) return `已于 ${chinaDateTimeOf(member.revokedAt)} 停用`
    const state = states.get(member.id)
    const pending = enrolments.get(member.id)
    const enrolment = pending === undefined ? '' : `；注册链接 ${chinaDateTimeOf(pending)} 前有效`
    if (!state?.enrolledAt) return pending === undefined ? `未注册，注册链接已失效（pufa staff enrol --login ${member.login} 重新生成）` : `未注册${enrolment}`
    if (state.lockedUntil !== null && state.lockedUntil > now) return `已锁定至 ${chinaDateTimeOf(state.lockedUntil)}${enrolment}`
    return `正常${enrolment}`
  }
  const lines = staff.map((member) => {
    const what = member.kind === 'token' ? '接口令牌' : `账号 ${member.login}  ${STAFF_ROLE_NAMES[member.role]}`
    return `  ${member.id}  ${member.name}  ${what}  ${describeScope(member.scope, districtNames)}  创建于 ${chinaDateTimeOf(member.createdAt)}  ${stateOf(member)}`
  })
  context.stdout.write(`工作人员账号和接口令牌（共 ${staff.length} 个；令牌和注册码都只在创建时显示一次）：\n${lines.join('\n')}\n`)
  return EXIT_OK
}

async function revokeCommand(context: Output, db: Kysely<Database>, id: string): Promise<number> {
  const member = await findStaff(db, id)
  if (!member) {
    context.stderr.write(`没有编号为“${id}”的令牌。运行 pufa staff list 查看全部令牌。\n`)
    return EXIT_FAILURE
  }
  if (member.kind === 'account') {
    context.stderr.write(`编号 ${id} 是 ${member.name} 的账号，不是令牌；停用账号请运行 pufa staff disable --login ${member.login}\n`)
    return EXIT_USAGE
  }
  const now = Date.now()
  const revoked = await db.transaction().execute(async (trx) => {
    const changed = await revokeStaff(trx, member.id, now)
    if (changed) await appendAudit(trx, { staffId: null, action: 'staff_revoke', tipId: null, detail: { tokenId: member.id }, at: now })
    return changed
  })
  context.stdout.write(
    revoked ? `已吊销令牌 ${member.id}（${member.name}）：从现在起，带这个令牌的请求都会被拒绝。\n` : `令牌 ${member.id}（${member.name}）早已吊销，无需再次吊销。\n`,
  )
  return EXIT_OK
}

async function accountByLogin(context: Output, db: Kysely<Database>, login: string): Promise<Staff | undefined> {
  const member = await findStaffByLogin(db, login)
  if (!member) context.stderr.write(`没有登录名为“${login}”的账号。运行 pufa staff list 查看全部账号。\n`)
  return member
}

async function disableCommand(context: Output, db: Kysely<Database>, login: string): Promise<number> {
  const member = await accountByLogin(context, db, login)
  if (!member) return EXIT_FAILURE
  const now = Date.now()
  const sessions = await db.transaction().execute(async (trx) => {
    if (!(await revokeStaff(trx, member.id, now))) return undefined
    const ended = await deleteSessionsOf(trx, member.id)
    await deleteEnrolmentsOf(trx, member.id)
    await appendAudit(trx, { staffId: null, action: 'staff_disable', tipId: null, detail: { accountId: member.id, endedSessions: ended }, at: now })
    return ended
  })
  context.stdout.write(
    sessions === undefined
      ? `账号 ${login}（${member.name}）早已停用，无需再次停用。\n`
      : `已停用账号 ${login}（${member.name}）：结束了 ${sessions} 个登录，注册链接作废，从现在起不能再登录。\n`,
  )
  return EXIT_OK
}

async function enrolCommand(context: Output, config: Config, db: Kysely<Database>, login: string): Promise<number> {
  const member = await accountByLogin(context, db, login)
  if (!member) return EXIT_FAILURE
  if (member.revokedAt !== null) {
    context.stderr.write(`账号 ${login}（${member.name}）已停用，不能再注册。需要时请用新的登录名创建账号。\n`)
    return EXIT_FAILURE
  }
  const issued = await db.transaction().execute((trx) => issueEnrolment(trx, config.fieldKeys, member.id, Date.now()))
  context.stdout.write(
    [
      `已为账号 ${login}（${member.name}）生成新的注册链接，之前的注册链接作废。`,
      '本人完成注册后，原来的密码和身份验证器即失效，所有已登录的浏览器都会退出；在此之前，原来的密码仍可使用。',
      ...enrolmentLines(config, login, issued.code, issued.expiresAt),
      '',
    ].join('\n'),
  )
  return EXIT_OK
}

export async function staffCommand(context: Output, config: Config, args: string[]): Promise<number> {
  const parsed = parseStaffArgs(args)
  if ('problem' in parsed) {
    context.stderr.write(`${parsed.problem}\n`)
    return EXIT_USAGE
  }
  return withMigratedDatabase(config, async (db) => {
    const site = await readSite(db)
    const districtNames = new Map((site?.districts ?? []).map((district) => [district.code, district.name]))

    if (parsed.action === 'list') return listCommand(context, db, districtNames)
    if (parsed.action === 'revoke') return revokeCommand(context, db, parsed.id)
    if (parsed.action === 'disable') return disableCommand(context, db, parsed.login)
    if (parsed.action === 'enrol') return enrolCommand(context, config, db, parsed.login)

    const districtCode = parsed.action === 'create-token' ? (parsed.scope.kind === 'district' ? parsed.scope.districtCode : null) : parsed.districtCode
    if (districtCode !== null) {
      if (!site) {
        context.stderr.write('还没有载入区县信息（站点内容），无法核对区县代码。请先运行 pufa ingest 载入内容（或运行 pufa serve 载入示例内容）后再创建。\n')
        return EXIT_FAILURE
      }
      if (!districtNames.has(districtCode)) {
        const valid = site.districts.map((district) => `${district.code} ${district.name}`).join('、')
        context.stderr.write(`区县代码“${districtCode}”不是${site.cityName}的区县。可用的区县代码：${valid}\n`)
        return EXIT_USAGE
      }
    }
    const scope: StaffScope = districtCode === null ? { kind: 'city' } : { kind: 'district', districtCode }
    const id = randomUUID()
    const now = Date.now()

    if (parsed.action === 'create-account') {
      if (await findStaffByLogin(db, parsed.login)) {
        context.stderr.write(`登录名“${parsed.login}”已被使用（停用的账号也占用它），请换一个。\n`)
        return EXIT_FAILURE
      }
      const issued = await db.transaction().execute(async (trx) => {
        await insertStaffAccount(trx, { id, name: parsed.name, login: parsed.login, role: parsed.role, districtCode, createdAt: now })
        await appendAudit(trx, { staffId: null, action: 'staff_create', tipId: null, detail: { accountId: id, role: parsed.role, districtCode }, at: now })
        return issueEnrolment(trx, config.fieldKeys, id, now)
      })
      context.stdout.write(
        [
          `已创建工作人员账号：${parsed.name}（登录名 ${parsed.login}），角色：${STAFF_ROLE_NAMES[parsed.role]}，范围：${describeScope(scope, districtNames)}`,
          `  编号：${id}`,
          ...enrolmentLines(config, parsed.login, issued.code, issued.expiresAt),
          '',
        ].join('\n'),
      )
      return EXIT_OK
    }

    const token = generateStaffToken()
    await db.transaction().execute(async (trx) => {
      await insertStaffToken(trx, { id, name: parsed.name, scope, tokenHash: staffTokenHashOf(token), createdAt: now })
      await appendAudit(trx, { staffId: null, action: 'staff_create', tipId: null, detail: { tokenId: id, scope: scope.kind, districtCode }, at: now })
    })
    context.stdout.write(
      [
        `已创建工作人员令牌：${parsed.name}，范围：${describeScope(scope, districtNames)}`,
        `  编号：${id}`,
        `  令牌：${token}`,
        '令牌只显示这一次：请现在交给使用人妥善保管。数据库只保存它的摘要，丢失后无法找回，只能吊销后重新创建。',
        `使用时在请求头中带上 Authorization: Bearer <令牌>；吊销：pufa staff revoke --id ${id}`,
        '',
      ].join('\n'),
    )
    return EXIT_OK
  })
}

export const STAFF_COMMAND: Command = {
  name: 'staff',
  summary:
    '管理工作人员：staff create --name 姓名 --login 登录名 --role 角色 [--district 区县代码] 创建账号并打印一次性注册链接，staff create --name 名称 (--district 区县代码 | --city) 创建接口令牌，staff list 列出，staff enrol --login 登录名 重新生成注册链接，staff disable --login 登录名 停用账号，staff revoke --id 编号 吊销令牌',
  checkArgs: problemOf(parseStaffArgs),
  run: staffCommand,
}
