// The two years of 劳动保障监察条例 第二十条: a violation not found by the labour inspection, nor
// reported or complained about, within two years is no longer pursued; the two years run from the
// violation, or from its end when it goes on. The form warns of it and never refuses: the report is
// still taken, and only the bureau can judge when a continuing violation ended.

export const INSPECTION_LIMIT_YEARS = 2

/** Under the owed period on the form: what the two years mean, and that arbitration has its own limit. */
export const INSPECTION_LIMIT_WARNING: readonly string[] = [
  '欠薪开始的时间已经超过两年。可以照常提交，但请先了解：',
  '《劳动保障监察条例》第二十条规定，违法行为在两年内没有被劳动保障行政部门（人社部门）发现，也没有被举报、投诉的，不再查处；两年从违法行为发生之日算起，违法行为一直连续或者持续的，从行为结束之日算起。所以两年以前的欠薪，可能无法通过投诉、举报来处理。',
  '申请劳动争议仲裁另有时效（《劳动争议调解仲裁法》第二十七条）：一般是一年，从知道或者应当知道自己的权利被侵害之日算起；在职期间被拖欠工资的，不受这一年的限制，但离职后要在一年内申请。',
]

/**
 * Whether the owed period, starting in `owedFrom` ('YYYY-MM'), surely starts more than two years
 * before today in China: the whole month lies before the same month two years ago, so no day of
 * it can be within the two years. Anything but a month reads as not (the form has not got one yet).
 */
export function startsBeyondInspectionLimit(owedFrom: string, today: string): boolean {
  const month = /^(\d{4})-(\d{2})$/.exec(owedFrom)
  const day = /^(\d{4})-(\d{2})-\d{2}$/.exec(today)
  if (!month || !day) return false
  const limitMonth = `${String(Number(day[1]) - INSPECTION_LIMIT_YEARS).padStart(4, '0')}-${day[2]}`
  return owedFrom < limitMonth
}

/** The warning to show for an owed period starting in `owedFrom`, on `today` ('YYYY-MM-DD', China), or null. */
export function inspectionLimitWarning(owedFrom: string, today: string): readonly string[] | null {
  return startsBeyondInspectionLimit(owedFrom, today) ? INSPECTION_LIMIT_WARNING : null
}
