// `pufa staff create | list | revoke`: the operator hands out and withdraws staff tokens.
import { randomUUID } from 'node:crypto'

import type { CliContext } from '../cli'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, parseFlags, withMigratedDatabase } from '../cli-support'
import type { Config } from '../config'
import { readSite } from '../tips/tips.repository'
import { appendAudit } from './audit.repository'
import { findStaff, insertStaffToken, listStaff, revokeStaff, type Staff, type StaffScope } from './staff.repository'
import { generateStaffToken, staffTokenHashOf } from './staff-token'

export const STAFF_USAGE =
  '用法：pufa staff create --name 名称 (--district 区县代码 | --city)，pufa staff list，pufa staff revoke --id 编号'
const NAME_MAX = 50
// eslint-disable-next-line no-control-regex -- a name with control characters would garble the list
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/

type StaffArgs =
  | { action: 'create'; name: string; scope: { kind: 'city' } | { kind: 'district'; districtCode: string } }
  | { action: 'list' }
  | { action: 'revoke'; id: string }

export function parseStaffArgs(args: readonly string[]): StaffArgs | { problem: string } {
  const [action, ...rest] = args
  if (action === 'list') {
    const parsed = parseFlags(rest, {}, STAFF_USAGE)
    return parsed.ok ? { action } : { problem: `pufa staff list ${parsed.problem}` }
  }
  if (action === 'revoke') {
    const parsed = parseFlags(rest, { '--id': 'value' }, STAFF_USAGE)
    if (!parsed.ok) return { problem: `pufa staff revoke ${parsed.problem}` }
    const id = parsed.flags['--id']
    if (typeof id !== 'string') return { problem: `请用 --id 指定要吊销的令牌编号（pufa staff list 可查看）。${STAFF_USAGE}` }
    return { action, id }
  }
  if (action === 'create') {
    const parsed = parseFlags(rest, { '--name': 'value', '--district': 'value', '--city': 'switch' }, STAFF_USAGE)
    if (!parsed.ok) return { problem: `pufa staff create ${parsed.problem}` }
    const { '--name': name, '--district': district, '--city': city } = parsed.flags
    if (typeof name !== 'string') return { problem: `请用 --name 写上令牌使用人或部门的名称。${STAFF_USAGE}` }
    if ([...name].length > NAME_MAX || CONTROL_CHARACTERS.test(name)) return { problem: `名称最多 ${NAME_MAX} 个字，且不能含控制字符。` }
    if ((district === undefined) === (city === undefined)) return { problem: `请在 --district 区县代码 和 --city（全市）之中选一个。${STAFF_USAGE}` }
    return { action, name, scope: typeof district === 'string' ? { kind: 'district', districtCode: district } : { kind: 'city' } }
  }
  if (action === undefined) return { problem: `请写上要做什么：create、list 或 revoke。${STAFF_USAGE}` }
  return { problem: `pufa staff 没有“${action}”这个操作。${STAFF_USAGE}` }
}

function formatTime(epochMs: number): string {
  return new Date(epochMs + 8 * 60 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ')
}

function describeScope(scope: StaffScope, districtNames: ReadonlyMap<string, string>): string {
  if (scope.kind === 'city') return '全市'
  const name = districtNames.get(scope.districtCode)
  return name === undefined ? scope.districtCode : `${name}（${scope.districtCode}）`
}

type Output = Pick<CliContext, 'stdout' | 'stderr'>

export async function staffCommand(context: Output, config: Config, args: string[]): Promise<number> {
  const parsed = parseStaffArgs(args)
  if ('problem' in parsed) {
    context.stderr.write(`${parsed.problem}\n`)
    return EXIT_USAGE
  }
  return withMigratedDatabase(config, async (db) => {
    const site = await readSite(db)
    const districtNames = new Map((site?.districts ?? []).map((district) => [district.code, district.name]))

    if (parsed.action === 'list') {
      const staff = await listStaff(db)
      if (staff.length === 0) {
        context.stdout.write('还没有工作人员令牌。用 pufa staff create 创建。\n')
        return EXIT_OK
      }
      const lines = staff.map((member: Staff) => {
        const state = member.revokedAt === null ? '有效' : `已于 ${formatTime(member.revokedAt)} 吊销`
        return `  ${member.id}  ${member.name}  ${describeScope(member.scope, districtNames)}  创建于 ${formatTime(member.createdAt)}  ${state}`
      })
      context.stdout.write(`工作人员令牌（共 ${staff.length} 个；令牌本身不保存，无法再显示）：\n${lines.join('\n')}\n`)
      return EXIT_OK
    }

    if (parsed.action === 'revoke') {
      const member = await findStaff(db, parsed.id)
      if (!member) {
        context.stderr.write(`没有编号为“${parsed.id}”的令牌。运行 pufa staff list 查看全部令牌。\n`)
        return EXIT_FAILURE
      }
      const now = Date.now()
      const revoked = await db.transaction().execute(async (trx) => {
        const changed = await revokeStaff(trx, member.id, now)
        if (changed) await appendAudit(trx, { staffId: null, action: 'staff_revoke', tipId: null, detail: { tokenId: member.id }, at: now })
        return changed
      })
      context.stdout.write(
        revoked
          ? `已吊销令牌 ${member.id}（${member.name}）：从现在起，带这个令牌的请求都会被拒绝。\n`
          : `令牌 ${member.id}（${member.name}）早已吊销，无需再次吊销。\n`,
      )
      return EXIT_OK
    }

    if (parsed.scope.kind === 'district') {
      const { districtCode } = parsed.scope
      if (!site) {
        context.stderr.write('还没有载入区县信息（站点内容），无法核对区县代码。请先运行 pufa ingest 载入内容（或运行 pufa serve 载入示例内容），或用 --city 创建全市令牌。\n')
        return EXIT_FAILURE
      }
      if (!districtNames.has(districtCode)) {
        const valid = site.districts.map((district) => `${district.code} ${district.name}`).join('、')
        context.stderr.write(`区县代码“${districtCode}”不是${site.cityName}的区县。可用的区县代码：${valid}\n`)
        return EXIT_USAGE
      }
    }

    const id = randomUUID()
    const token = generateStaffToken()
    const now = Date.now()
    await db.transaction().execute(async (trx) => {
      await insertStaffToken(trx, { id, name: parsed.name, scope: parsed.scope, tokenHash: staffTokenHashOf(token), createdAt: now })
      const districtCode = parsed.scope.kind === 'district' ? parsed.scope.districtCode : null
      await appendAudit(trx, { staffId: null, action: 'staff_create', tipId: null, detail: { tokenId: id, scope: parsed.scope.kind, districtCode }, at: now })
    })
    context.stdout.write(
      [
        `已创建工作人员令牌：${parsed.name}，范围：${describeScope(parsed.scope, districtNames)}`,
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
