import { describeOverage, formatSizes, measure, overBudget } from '../check-size'
import type { Problem } from './problem'

export interface SizesResult {
  problems: Problem[]
  report: string[]
}

/** WeChat's package limits (2 MB each, 20 MB in all) and our 400 KB main-package budget, as `npm run check:size` applies them. */
export function runSizes(dist: string): SizesResult {
  const measurement = measure(dist)
  const problems = overBudget(measurement).map((overage): Problem => ({
    check: 'size',
    // The largest file is where a fix most likely starts.
    file: overage.largest[0]?.path ?? 'app.json',
    line: 1,
    message: describeOverage(overage),
  }))
  return { problems, report: formatSizes(measurement) }
}
