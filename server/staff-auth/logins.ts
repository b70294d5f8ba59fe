// Logins of staff accounts: short, plain, and the same however they are typed.

const LOGIN_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/

/** How a login is stored and looked up: full-width letters folded (输入法全角), lower case, trimmed. */
export function normaliseLogin(typed: string): string {
  return typed.normalize('NFKC').trim().toLowerCase()
}

/** Why a new login will not do, or undefined. */
export function loginProblem(login: string): string | undefined {
  return LOGIN_PATTERN.test(login) ? undefined : '登录名应为 3 到 32 个字符：以英文字母开头，只用英文字母、数字和 . _ -（如 zhangsan 或 zhang.san）'
}
