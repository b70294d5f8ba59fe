import { spawn } from 'node:child_process'
import path from 'node:path'

import { REPO_ROOT } from '../../../server/config'
import { loadSampleContentIfEmpty } from '../../../server/ingest/sample'
import {
  auditEntries,
  cliEnvironment,
  createStaffAccount,
  createStaffToken,
  enrol,
  runCli,
  sessionCookieOf,
  signInRequest,
  type NewAccount,
} from '../staff-helpers'
import { storages, useApp } from '../storage'

jest.setTimeout(60_000)

const LIWAN = '440103'
const ENROLMENT_LINK = /^ {2}注册链接：(\S+)$/m

interface ProcessResult {
  code: number | null
  stdout: string
  stderr: string
}

/** `node server/bin/pufa.js …` as a real process, as an operator runs it. */
function pufa(args: string[], env: Record<string, string | undefined>): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'server', 'bin', 'pufa.js'), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

describe.each(storages())('pufa staff, for accounts, on $name', (storage) => {
  const { app, config } = useApp(storage, { RATE_LIMITS: 'false' })
  const env = () => cliEnvironment(config())

  beforeAll(async () => {
    await loadSampleContentIfEmpty(app().db)
  })

  it('creates an account as a real process and prints, once, a 72-hour enrolment link and code', async () => {
    const started = Date.now()
    const result = await pufa(['staff', 'create', '--name', '陈小明', '--login', 'Chen.XM', '--role', 'inspector', '--district', LIWAN], env())
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('已创建工作人员账号：陈小明（登录名 chen.xm），角色：劳动监察员，范围：荔湾区（440103）')
    const link = ENROLMENT_LINK.exec(result.stdout)?.[1]
    const code = /^ {2}注册码：(\S+)$/m.exec(result.stdout)?.[1]
    expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){5}$/)
    expect(link).toBe(`http://127.0.0.1:3000/console/#/enrol/${code}`)
    expect(result.stdout).toContain('pufa staff enrol --login chen.xm')
    const expires = /在 (\d{4}-\d{2}-\d{2} \d{2}:\d{2})（北京时间）前打开/.exec(result.stdout)?.[1]
    const expiresAt = Date.parse(`${expires?.replace(' ', 'T')}:00+08:00`)
    expect(expiresAt - started).toBeGreaterThan(72 * 3600_000 - 120_000)
    expect(expiresAt - started).toBeLessThanOrEqual(72 * 3600_000)

    // Only a hash of the code is kept, and the authenticator secret it offers is encrypted.
    const { secret } = (await app().inject({ method: 'GET', url: `/api/v1/staff/enrolment/${code}` })).json()
    const stored = JSON.stringify(await app().db.selectFrom('staff_enrolments').selectAll().execute())
    expect(stored).not.toContain(code!.replace(/-/g, ''))
    expect(stored).not.toContain(secret)

    const list = await pufa(['staff', 'list'], env())
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/ {2}\S+ {2}陈小明 {2}账号 chen\.xm {2}劳动监察员 {2}荔湾区（440103） {2}创建于 .* {2}未注册；注册链接 .* 前有效/)
  })

  it('prints the link at PUFA_PUBLIC_URL when it is set', async () => {
    const result = await runCli(['staff', 'create', '--name', '王督导', '--login', 'wang.dd', '--role', 'supervisor'], cliEnvironment(config(), { PUFA_PUBLIC_URL: 'https://rsj.example.gov.cn' }))
    expect(result.code).toBe(0)
    expect(ENROLMENT_LINK.exec(result.stdout)?.[1]).toMatch(/^https:\/\/rsj\.example\.gov\.cn\/console\/#\/enrol\/[A-Z2-7-]{29}$/)
    expect(result.stdout).toContain('范围：全市')
  })

  it('lists tokens and accounts with what state each is in', async () => {
    const token = await createStaffToken(config(), '市劳动保障监察支队')
    const enrolled = await createStaffAccount(config(), { name: '李娜', login: 'lina', role: 'auditor' })
    await enrol(app(), enrolled.enrolmentCode)
    const locked = await createStaffAccount(config(), { name: '赵敏', login: 'zhaomin', role: 'organiser' })
    await enrol(app(), locked.enrolmentCode)
    for (let failure = 0; failure < 5; failure += 1) await app().inject(signInRequest('zhaomin', 'not the password at all', '000000'))
    const disabled = await createStaffAccount(config(), { name: '钱进', login: 'qianjin', role: 'auditor' })
    expect((await runCli(['staff', 'disable', '--login', 'qianjin'], env())).code).toBe(0)

    const list = await runCli(['staff', 'list'], env())
    expect(list.code).toBe(0)
    const lineOf = (id: string) => list.stdout.split('\n').find((line) => line.includes(id)) ?? ''
    expect(lineOf(token.id)).toMatch(/市劳动保障监察支队 {2}接口令牌 {2}全市 {2}创建于 .* {2}有效$/)
    expect(lineOf(enrolled.id)).toMatch(/李娜 {2}账号 lina {2}审计员 {2}全市 {2}创建于 .* {2}正常$/)
    expect(lineOf(locked.id)).toMatch(/赵敏 {2}账号 zhaomin {2}竞赛和内容管理员 {2}全市 {2}创建于 .* {2}已锁定至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    expect(lineOf(disabled.id)).toMatch(/钱进 {2}账号 qianjin {2}审计员 {2}全市 {2}创建于 .* {2}已于 .* 停用$/)
    expect(list.stdout).not.toContain('pufa_st_')
  })

  it('issues a new enrolment link for an account, withdrawing the earlier one, and refuses for a disabled or unknown login', async () => {
    const account = await createStaffAccount(config(), { name: '孙立', login: 'sunli', role: 'auditor' })
    const again = await runCli(['staff', 'enrol', '--login', 'SunLi'], env())
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('已为账号 sunli（孙立）生成新的注册链接，之前的注册链接作废。')
    expect(again.stdout).toContain('原来的密码和身份验证器即失效')
    expect((await app().inject({ method: 'GET', url: `/api/v1/staff/enrolment/${account.enrolmentCode}` })).statusCode).toBe(404)
    const code = /^ {2}注册码：(\S+)$/m.exec(again.stdout)?.[1]
    expect((await app().inject({ method: 'GET', url: `/api/v1/staff/enrolment/${code}` })).statusCode).toBe(200)

    const unknown = await runCli(['staff', 'enrol', '--login', 'nobody'], env())
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('没有登录名为“nobody”的账号')
    expect((await runCli(['staff', 'disable', '--login', 'sunli'], env())).stdout).toContain('已停用账号 sunli（孙立）：结束了 0 个登录，注册链接作废')
    expect((await app().inject({ method: 'GET', url: `/api/v1/staff/enrolment/${code}` })).statusCode).toBe(404)
    const refused = await runCli(['staff', 'enrol', '--login', 'sunli'], env())
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('已停用，不能再注册')
    expect((await runCli(['staff', 'disable', '--login', 'sunli'], env())).stdout).toContain('早已停用')
  })

  it('disables an account: its sessions end and it cannot sign in, and its login is not given again', async () => {
    const account = await createStaffAccount(config(), { name: '周正', login: 'zhouzheng', role: 'inspector', district: LIWAN })
    const { cookie } = await enrol(app(), account.enrolmentCode)
    const result = await runCli(['staff', 'disable', '--login', 'zhouzheng'], env())
    expect(result.stdout).toContain('结束了 1 个登录')
    expect((await app().inject({ method: 'GET', url: '/api/v1/staff/session', headers: { cookie: `pufa_staff=${cookie}` } })).statusCode).toBe(401)
    const reuse = await runCli(['staff', 'create', '--name', '周正', '--login', 'zhouzheng', '--role', 'inspector', '--district', LIWAN], env())
    expect(reuse.code).toBe(1)
    expect(reuse.stderr).toContain('登录名“zhouzheng”已被使用')
    const entries = (await auditEntries(app())).filter((entry) => entry.action === 'staff_disable')
    expect(entries.map((entry) => JSON.parse(entry.detail))).toContainEqual({ accountId: account.id, endedSessions: 1 })
  })

  it('records the creation and every enrolment link in the audit log, without codes', async () => {
    const account = await createStaffAccount(config(), { name: '吴芳', login: 'wufang', role: 'organiser' })
    const entries = (await auditEntries(app())).filter((entry) => entry.detail.includes(account.id))
    // One transaction, one instant: in the order of their actions' names.
    expect(entries.map((entry) => [entry.staff_id, entry.action, JSON.parse(entry.detail)]).sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      [null, 'staff_create', { accountId: account.id, role: 'organiser', districtCode: null }],
      [null, 'staff_enrolment_issue', { accountId: account.id }],
    ])
    expect(JSON.stringify(entries)).not.toContain(account.enrolmentCode.slice(0, 4))
  })

  it('points revoke at disable for an account', async () => {
    const account = await createStaffAccount(config(), { name: '郑和', login: 'zhenghe', role: 'auditor' })
    const result = await runCli(['staff', 'revoke', '--id', account.id], env())
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('pufa staff disable --login zhenghe')
  })

  it.each<[string[], string]>([
    [['staff', 'create', '--name', '某人', '--login', 'someone'], '创建账号请用 --role'],
    [['staff', 'create', '--name', '某人', '--role', 'auditor'], '创建账号请用 --login'],
    [['staff', 'create', '--name', '某人', '--login', 'someone', '--role', 'clerk'], '没有“clerk”这个角色'],
    [['staff', 'create', '--name', '某人', '--login', 'someone', '--role', 'inspector'], '劳动监察员须用 --district'],
    [['staff', 'create', '--name', '某人', '--login', 'someone', '--role', 'supervisor', '--district', LIWAN], '监察督导（全市）不用写 --district'],
    [['staff', 'create', '--name', '某人', '--login', 'someone', '--role', 'auditor', '--city'], '不用写 --city'],
    [['staff', 'create', '--name', '某人', '--login', '张三', '--role', 'auditor'], '登录名应为 3 到 32 个字符'],
    [['staff', 'create', '--name', '某人', '--login', 'ab', '--role', 'auditor'], '登录名应为 3 到 32 个字符'],
    [['staff', 'enrol'], '请用 --login'],
    [['staff', 'disable', '--id', 'x'], '不认识参数“--id”'],
  ])('explains the usage mistake in %j', async (args, message) => {
    const result = await runCli(args, env())
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
    expect(result.stdout).toBe('')
  })

  it('refuses an inspector of a district outside the city, listing the valid codes', async () => {
    const result = await runCli(['staff', 'create', '--name', '某人', '--login', 'hangzhou', '--role', 'inspector', '--district', '330102'], env())
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('区县代码“330102”不是广州的区县')
  })

  it('signs in a person enrolled through the printed link', async () => {
    const account: NewAccount = { name: '冯洁', login: 'fengjie', role: 'supervisor' }
    const created = await createStaffAccount(config(), account)
    const { cookie } = await enrol(app(), created.enrolmentCode)
    const me = await app().inject({ method: 'GET', url: '/api/v1/staff/session', headers: { cookie: `pufa_staff=${cookie}` } })
    expect(me.json()).toEqual({ staff: { id: created.id, name: '冯洁', login: 'fengjie', role: 'supervisor', districtCode: null } })
    expect(sessionCookieOf(me)).toBeUndefined()
  })
})
