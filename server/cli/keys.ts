// `pufa keys rotate`: moves every encrypted personal field to the current key of PUFA_FIELD_KEYS.
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, parseFlags, withMigratedDatabase, type CliContext, type Command } from './support'
import type { Config } from '../config'
import { FIELD_KEYS_VARIABLE } from '../privacy/keyring'
import { rotateFieldKeys, UndecryptableFieldsError } from '../privacy/rotate-keys'

export const KEYS_USAGE = '用法：pufa keys rotate'

export function checkKeysArgs(args: readonly string[]): string | undefined {
  const [action, ...rest] = args
  if (action === undefined) return `请写上要做什么。${KEYS_USAGE}`
  if (action !== 'rotate') return `pufa keys 没有“${action}”这个操作。${KEYS_USAGE}`
  const parsed = parseFlags(rest, {}, KEYS_USAGE)
  return parsed.ok ? undefined : `pufa keys rotate ${parsed.problem}`
}

type Output = Pick<CliContext, 'stdout' | 'stderr'>

export async function keysCommand(context: Output, config: Config, args: string[]): Promise<number> {
  const problem = checkKeysArgs(args)
  if (problem !== undefined) {
    context.stderr.write(`${problem}\n`)
    return EXIT_USAGE
  }
  const keyring = config.fieldKeys
  return withMigratedDatabase(config, async (db) => {
    context.stdout.write(`正在把反映、留言和投诉建议中的个人信息、工作人员的身份验证器密钥改用当前密钥 ${keyring.currentKeyId} 加密…\n`)
    try {
      const report = await rotateFieldKeys(db, keyring)
      const older = keyring.keyIds.filter((id) => id !== keyring.currentKeyId)
      context.stdout.write(
        `完成：检查了 ${report.tips} 份反映及其提交记录、${report.messages} 条留言、${report.feedback} 条留有联系电话或处理备注的投诉建议和纠错、${report.notes} 条内部备注、${report.staffSecrets} 个工作人员身份验证器密钥中的 ${report.fields} 个加密字段，` +
          `重新加密 ${report.reencrypted} 个，` +
          `${report.alreadyCurrent} 个原本就使用当前密钥。\n` +
          (older.length > 0 ? `现在可以从 ${FIELD_KEYS_VARIABLE} 中移除旧密钥 ${older.join('、')}。\n` : ''),
      )
      return EXIT_OK
    } catch (error) {
      if (!(error instanceof UndecryptableFieldsError)) throw error
      const more = error.total > error.failures.length ? `\n  …另有 ${error.total - error.failures.length} 个` : ''
      context.stderr.write(
        `没有轮换密钥，数据库未做任何修改：有 ${error.total} 个加密字段用 ${FIELD_KEYS_VARIABLE} 中的任何密钥都无法解密：\n` +
          `${error.failures.map((failure) => `  - ${failure.message}`).join('\n')}${more}\n`,
      )
      return EXIT_FAILURE
    }
  })
}

export const KEYS_COMMAND: Command = {
  name: 'keys',
  summary: 'keys rotate：把反映中的个人信息和工作人员的身份验证器密钥全部改用 PUFA_FIELD_KEYS 的第一个（当前）密钥加密，之后即可移除旧密钥',
  checkArgs: checkKeysArgs,
  run: keysCommand,
}
