// Types of scripts/check-size.js, for the TypeScript that reuses it (scripts/check-weapp).

export interface MeasuredFile {
  /** Path inside the build, with forward slashes. */
  path: string
  bytes: number
}

export interface MeasuredPackage {
  /** 'main', or a subpackage root ending in '/', e.g. 'packages/me/'. */
  name: string
  bytes: number
  /** Largest first. */
  files: MeasuredFile[]
}

export interface Measurement {
  packages: MeasuredPackage[]
  total: number
}

export interface Overage {
  /** A package name, or 'total'. */
  name: string
  bytes: number
  limit: number
  largest: MeasuredFile[]
}

export function measure(dist: string): Measurement
export function overBudget(measurement: Measurement): Overage[]
export function formatSizes(measurement: Measurement): string[]
export function describeOverage(overage: Overage): string
