import { ConfigError, loadConfig, type Environment } from '../../server/config'

/** The problems loadConfig reports for an environment; fails the test if it reports none. */
export function problemsOf(env: Environment): string[] {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  throw new Error('expected a ConfigError')
}
