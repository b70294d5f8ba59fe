// What an operator reads when a command fails: the cause in Chinese, never a password.
import { describeDatabase, type Config } from '../config'
import { MigrationError } from '../db/migrations'
import { errorCodes } from '../db/unavailable'

/** The build tool (Taro, Vite) is not installed: its path. */
export class BuildToolMissingError extends Error {}

const DATABASE_FAILURES: Record<string, string> = {
  ECONNREFUSED: '连接被拒绝，数据库没有运行或地址、端口不对',
  ENOTFOUND: '找不到这个主机名',
  EAI_AGAIN: '暂时无法解析主机名',
  ETIMEDOUT: '连接超时',
  EHOSTUNREACH: '主机不可达',
  '28P01': '用户名或密码不正确',
  '28000': '数据库拒绝了这个用户的登录',
  '3D000': '数据库不存在，请先创建',
  '42501': '数据库用户权限不足',
  '53300': '数据库连接数已满',
  '57P03': '数据库正在启动或关闭',
  SQLITE_CANTOPEN: '无法打开数据库文件，请检查 DATA_DIR 是否可写',
  SQLITE_READONLY: '数据库文件是只读的',
  SQLITE_BUSY: '数据库文件被其他进程锁定',
  SQLITE_NOTADB: '这不是有效的数据库文件',
  SQLITE_CORRUPT: '数据库文件已损坏',
  SQLITE_FULL: '磁盘已满',
}

export function describeFailure(error: unknown, config: Config): string {
  if (error instanceof BuildToolMissingError) {
    return `找不到构建工具（${error.message}）。请先在项目目录运行 npm install。`
  }
  const codes = errorCodes(error)
  if (codes.includes('EADDRINUSE')) return `端口 ${config.port} 已被占用，请用 PORT=… 指定其他端口。`
  if (codes.includes('EACCES')) return `没有权限使用端口 ${config.port}，请用 PORT=… 指定 1024 以上的端口。`
  if (codes.includes('EADDRNOTAVAIL')) return `本机没有地址 ${config.host}，无法在上面监听，请检查 HOST。`
  const databaseCode = codes.find((code) => code in DATABASE_FAILURES)
  if (databaseCode !== undefined) {
    return `无法使用数据库 ${describeDatabase(config)}：${DATABASE_FAILURES[databaseCode]}。`
  }
  if (error instanceof MigrationError && error.migrationName !== undefined) {
    const reason = error.cause instanceof Error ? error.cause.message : String(error.cause)
    return `数据库迁移 ${error.migrationName} 失败（${describeDatabase(config)}）：${reason}`
  }
  const message = error instanceof Error ? error.message : String(error)
  return `出错了：${message}`
}
