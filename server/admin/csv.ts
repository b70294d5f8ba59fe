// CSV for spreadsheets (RFC 4180 with CRLF), opened by Excel and WPS as UTF-8 thanks to the BOM.

const BYTE_ORDER_MARK = '\uFEFF'
// A cell starting with one of these is a formula to a spreadsheet (CSV injection): a leading
// apostrophe makes it text. Tab and carriage return start formulas in some spreadsheets too.
const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

export type CsvValue = string | number | null

/** Text a spreadsheet will not take for a formula: a leading apostrophe when it starts like one. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

export function csvCell(value: CsvValue): string {
  if (value === null) return ''
  const text = neutraliseFormula(String(value))
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(','))
  return `${BYTE_ORDER_MARK}${lines.join('\r\n')}\r\n`
}
