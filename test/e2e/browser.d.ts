import type { LaunchOptions } from 'playwright-core'

export const executablePath: string
export function launchOptions(): LaunchOptions
export function browserAvailable(): boolean
