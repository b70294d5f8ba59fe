const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** '2020-05-01' → '2020年5月1日'; anything else is returned as it is. */
export function formatChineseDate(date: string): string {
  const match = DATE.exec(date)
  if (!match) return date
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`
}
