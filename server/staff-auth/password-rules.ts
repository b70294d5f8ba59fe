// What a staff password must be: long enough, and not one that is guessed early. The list of common
// passwords (common-passwords.txt) is checked as typed, and with the digits and symbols people add
// before or after a common word (Password2024!) and the usual letter swaps (p@ssw0rd) taken away.
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './staff-auth.schemas'

/** Whose password it is: neither may appear in it. */
export interface PasswordOwner {
  login: string
  name: string
}

// Words of this service and its users that a list of the world's passwords does not know.
const CONTEXT_WORDS = ['pufa', 'fazhirenshe', 'renshe', 'rensheju', 'renshiju', 'shebao', 'laodong', 'jiancha', 'guangzhou', 'admin', 'administrator', 'mima', 'console']

// Runs along the alphabet, the digits and the keyboard (rows and columns), each also read backwards.
const RUNS = ['abcdefghijklmnopqrstuvwxyz', '01234567890', '1234567890qwertyuiopasdfghjklzxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p', 'qazwsxedcrfvtgbyhnujmikolp', '1q2w3e4r5t6y7u8i9o0p']
const RUNS_BOTH_WAYS = [...RUNS, ...RUNS.map((run) => [...run].reverse().join(''))]

const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' }
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/
const LETTER = /\p{L}/u
const SEPARATORS = /[\s\-_./]/g
const FEWEST_DISTINCT_CHARACTERS = 5

let common: ReadonlySet<string> | undefined

function commonPasswords(): ReadonlySet<string> {
  if (!common) {
    const lines = readFileSync(path.join(__dirname, 'common-passwords.txt'), 'utf8').split('\n')
    common = new Set([...lines.filter((line) => line !== '' && !line.startsWith('#')), ...CONTEXT_WORDS])
  }
  return common
}

function unLeet(text: string): string {
  return [...text].map((char) => LEET[char] ?? char).join('')
}

/** The password, and what is left of it with some or all of the digits and symbols at its ends taken away. */
function trimmings(characters: string[]): string[] {
  const lead = characters.findIndex((char) => LETTER.test(char))
  if (lead < 0) return [characters.join('')]
  let trail = 0
  while (!LETTER.test(characters[characters.length - 1 - trail])) trail += 1
  const found: string[] = []
  for (let start = 0; start <= lead; start += 1) {
    for (let end = characters.length - trail; end <= characters.length; end += 1) found.push(characters.slice(start, end).join(''))
  }
  return found
}

function isCommon(lower: string): boolean {
  return trimmings([...lower]).some((candidate) => commonPasswords().has(candidate) || commonPasswords().has(unLeet(candidate)))
}

function isRepetition(characters: string[]): boolean {
  if (new Set(characters).size < FEWEST_DISTINCT_CHARACTERS) return true
  for (let unit = 1; unit <= characters.length / 2; unit += 1) {
    if (characters.length % unit === 0 && characters.every((char, index) => char === characters[index % unit])) return true
  }
  return false
}

/** Why this password will not do, in words for the person choosing it; undefined when it will. */
export function passwordProblem(password: string, owner: PasswordOwner): string | undefined {
  const characters = [...password]
  if (characters.length < PASSWORD_MIN_LENGTH) return `密码至少要有 ${PASSWORD_MIN_LENGTH} 个字符，现在只有 ${characters.length} 个`
  if (characters.length > PASSWORD_MAX_LENGTH) return `密码最多 ${PASSWORD_MAX_LENGTH} 个字符`
  if (CONTROL_CHARACTERS.test(password)) return '密码不能含有换行、制表符等控制字符'
  const lower = password.normalize('NFKC').toLowerCase()
  const login = owner.login.toLowerCase()
  if (login.length >= 3 && lower.includes(login)) return '密码不能包含您的登录名'
  const name = owner.name.normalize('NFKC').replace(/\s/g, '').toLowerCase()
  if ([...name].length >= 2 && lower.replace(/\s/g, '').includes(name)) return '密码不能包含您的姓名'
  if (/^\d+$/.test(lower.replace(SEPARATORS, ''))) return '密码不能全是数字：电话号码、生日、证件号码都很容易被猜到'
  if (isCommon(lower)) return '这个密码太常见了（在常见密码前后加上数字或符号也一样），很容易被猜中，请换一个'
  if (isRepetition([...lower])) return '密码不能是少数几个字符或同一段内容的重复（如 aaaa、abcabc）'
  if (RUNS_BOTH_WAYS.some((run) => run.includes(lower))) return '密码不能是字母表、数字或键盘上连续的一串（如 abcdef、123456、qwerty）'
  return undefined
}
