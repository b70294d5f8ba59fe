import { readFileSync } from 'node:fs'
import path from 'node:path'

import { hashPassword, needsRehash, verifyPassword } from '../../../server/staff-auth/password-hash'
import { PASSWORD_MIN_LENGTH } from '../../../server/staff-auth/staff-auth.schemas'
import { passwordProblem } from '../../../server/staff-auth/password-rules'
import { REPO_ROOT } from '../../../server/config'

const OWNER = { login: 'zhangsan', name: '张 三' }

describe('password hashes', () => {
  it('are scrypt with their parameters and a salt of their own, and verify only the password hashed', async () => {
    const password = 'Lychee bridge at Shamian 7'
    const [first, second] = await Promise.all([hashPassword(password), hashPassword(password)])
    expect(first).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    expect(second).not.toBe(first)
    expect(first).not.toContain(password)
    expect(await verifyPassword(password, first)).toBe(true)
    expect(await verifyPassword(password, second)).toBe(true)
    expect(await verifyPassword('Lychee bridge at Shamian 8', first)).toBe(false)
    expect(needsRehash(first)).toBe(false)
  })

  it('takes the same password typed in another Unicode form as the same', async () => {
    const composed = 'Café au lait à Shamian'
    const decomposed = composed.normalize('NFD')
    expect(decomposed).not.toBe(composed)
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true)
  })

  it('still verifies a hash made with older parameters, and asks for it to be made again', async () => {
    // Made with N = 2^14 (what an earlier release could have stored): the parameters travel with the hash.
    const salt = Buffer.from('0123456789abcdef')
    const { scryptSync } = await import('node:crypto')
    const key = scryptSync('Lychee bridge at Shamian 7', salt, 32, { N: 2 ** 14, r: 8, p: 1 })
    const older = ['scrypt', 14, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$')
    expect(await verifyPassword('Lychee bridge at Shamian 7', older)).toBe(true)
    expect(needsRehash(older)).toBe(true)
  })

  it('matches nothing against a malformed hash', async () => {
    for (const stored of ['', 'scrypt$15$8$1$abc', 'bcrypt$10$x$y', 'scrypt$99$8$1$AAAA$AAAA']) {
      expect(await verifyPassword('anything at all', stored)).toBe(false)
      expect(needsRehash(stored)).toBe(true)
    }
  })
})

describe('password rules', () => {
  it.each([
    ['short', `密码至少要有 ${PASSWORD_MIN_LENGTH} 个字符，现在只有 5 个`],
    ['广州人社局普法', `密码至少要有 ${PASSWORD_MIN_LENGTH} 个字符，现在只有 7 个`],
    ['x'.repeat(129), '密码最多 128 个字符'],
    ['line one\nline two', '控制字符'],
    ['zhangsan-is-my-name', '密码不能包含您的登录名'],
    ['ZhangSan2024!!', '密码不能包含您的登录名'],
    ['我是张三我的密码很长很长', '密码不能包含您的姓名'],
    ['138 0013 8000', '密码不能全是数字'],
    ['440103199001011234', '密码不能全是数字'],
    ['password1234', '太常见'],
    ['Password2024!', '太常见'],
    ['P@ssw0rd2024!', '太常见'],
    ['!!iloveyou!!', '太常见'],
    ['woaini5201314', '太常见'],
    ['qq123456!!!!', '太常见'],
    ['2024-zhang123-2025', '太常见'],
    ['guangzhou12345', '太常见'],
    ['aaaaaaaaaaaa', '重复'],
    ['abcabcabcabc', '重复'],
    ['hello-world-hello-world-', '重复'],
    ['qwertyuiopas', '连续'],
    ['abcdefghijklm', '连续'],
    ['1qaz2wsx3edc', '连续'],
    ['ponmlkjihgfedcba', '连续'],
  ])('refuses %j, saying why', (password, reason) => {
    expect(passwordProblem(password, OWNER)).toContain(reason)
  })

  it.each(['Lychee bridge at Shamian 7', 'correct horse battery staple', '荔湾区的早茶点心真好吃呀呀', 'Tr0ub4dor&3xyz', 'zhang-wei-likes-dimsum'])('accepts %j', (password) => {
    expect(passwordProblem(password, OWNER)).toBeUndefined()
  })

  it('ships a list of thousands of common passwords, English and Chinese, in lower case', () => {
    const lines = readFileSync(path.join(REPO_ROOT, 'server', 'staff-auth', 'common-passwords.txt'), 'utf8').split('\n')
    const entries = lines.filter((line) => line !== '' && !line.startsWith('#'))
    expect(entries.length).toBeGreaterThan(10_000)
    expect(new Set(entries).size).toBe(entries.length)
    expect(entries.every((entry) => entry === entry.toLowerCase())).toBe(true)
    expect(entries).toEqual(expect.arrayContaining(['password', 'iloveyou', 'woaini1314', '5201314', 'qq123456', 'zhang123']))
  })
})
