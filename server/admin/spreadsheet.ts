// xlsx exports (Excel, WPS): a bold header row on each sheet, text cells never read as formulas.
import ExcelJS from 'exceljs'

import { neutraliseFormula, type CsvValue } from './csv'

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export interface Sheet {
  name: string
  header: readonly string[]
  rows: readonly (readonly CsvValue[])[]
}

export async function xlsxDocument(sheetName: string, header: readonly string[], rows: readonly (readonly CsvValue[])[]): Promise<Buffer> {
  return xlsxWorkbook([{ name: sheetName, header, rows }])
}

/** One workbook with a sheet per table, in order. */
export async function xlsxWorkbook(sheets: readonly Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'pufa'
  for (const { name, header, rows } of sheets) {
    const sheet = workbook.addWorksheet(name)
    sheet.addRow([...header]).font = { bold: true }
    // Strings stay strings (a shared string, never a formula cell); a leading ' keeps them inert
    // even when someone copies them into a cell by hand.
    for (const row of rows) sheet.addRow(row.map((value) => (typeof value === 'string' ? neutraliseFormula(value) : value)))
    sheet.columns.forEach((column) => {
      column.width = 16
    })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
