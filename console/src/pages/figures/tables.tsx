// The figures as tables: on the page beside each chart, and alone in the print view. The same
// headings as the xlsx export (server/admin/figures.routes.ts).
import type { ReactNode } from 'react'

import { bigNumberInWords, percentOf } from '../../../../src/core/staff/figures'
import type { Figures } from '../../api/figures'

export interface Table {
  title: string
  header: readonly string[]
  rows: readonly (readonly ReactNode[])[]
  /** The last row is a total. */
  total?: boolean
  note?: string
}

const count = (value: number): string => value.toLocaleString('zh-CN')
const days = (value: number | null): string => (value === null ? '—' : String(Number(value.toFixed(1))))
const money = (fen: number): string => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

export function figureTables(figures: Figures): Record<'reports' | 'outcomes' | 'ratings' | 'contest' | 'reads' | 'practice', Table> {
  const { reports, outcomes, ratings, contest } = figures
  return {
    reports: {
      title: '反映受理和办结',
      header: ['区县', '投诉', '举报', '合计', '受理期限已结束的投诉', '按期作出受理决定', '受理及时率', '本期办结', '办结用时中位数（工作日）'],
      rows: [...reports.districts, reports.total].map((row) => [
        row.name,
        count(row.complaints),
        count(row.tips),
        count(row.received),
        count(row.acceptanceDue),
        count(row.acceptedInTime),
        percentOf(row.acceptedInTimeShare),
        count(row.closed),
        days(row.medianWorkingDaysToClose),
      ]),
      total: true,
    },
    outcomes: {
      title: '办理结果',
      header: ['区县', '本期办结', ...outcomes.total.methods.map((method) => method.name), '追回欠薪（元）', '拿到欠薪的劳动者（人）'],
      rows: [...outcomes.districts, outcomes.total].map((row) => [
        row.name,
        count(row.closed),
        ...row.methods.map((method) => count(method.count)),
        money(row.recoveredFen),
        count(row.workersPaid),
      ]),
      total: true,
    },
    ratings: {
      title: '满意度评价',
      header: ['区县', ...ratings.total.ratings.map((rating) => rating.name), '评价总数', '满意率'],
      rows: [...ratings.districts, ratings.total].map((row) => [row.name, ...row.ratings.map((rating) => count(rating.count)), count(row.total), percentOf(row.satisfiedShare)]),
      total: true,
    },
    contest: {
      title: '法治知识竞赛参与',
      header: ['区县', '参赛人数', '常住人口', '每万人参赛人数'],
      rows: [...contest.districts, contest.total].map((row) => [
        row.name,
        count(row.participants),
        row.population === null ? '未提供' : bigNumberInWords(row.population),
        row.per10000 === null ? '—' : String(Number(row.per10000.toFixed(2))),
      ]),
      total: true,
      note: '参赛人数：本期交卷的人数，每人只计一次。常住人口由站点设置提供；没有提供的区县不计算参与率。',
    },
    reads: {
      title: '政策解读阅读（全市）',
      header: ['类别', '阅读次数'],
      rows: figures.explainerReads.map((row) => [row.category, count(row.reads)]),
      note: '阅读次数由应用匿名汇总，不记录区县，这里是全市合计。',
    },
    practice: {
      title: '练习答题（全市，答对比例低的在前）',
      header: ['类别', '答题次数', '答对次数', '答对比例'],
      rows: figures.practice.map((row) => [row.category, count(row.answered), count(row.right), percentOf(row.rightShare)]),
      note: '答对比例低的类别，群众了解得较少，可作为普法宣传的重点。答题次数由应用匿名汇总，不记录区县。',
    },
  }
}

export function FiguresTable({ table }: { table: Table }) {
  return (
    <div className="figures-table">
      <table className="console-data-table">
        <caption className="console-visually-hidden">{table.title}</caption>
        <thead>
          <tr>
            {table.header.map((heading, index) => (
              <th key={heading} scope="col" className={index === 0 ? undefined : 'console-align-right'}>
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 ? (
            <tr>
              <td colSpan={table.header.length} className="console-data-table__empty">
                本期没有数据
              </td>
            </tr>
          ) : (
            table.rows.map((row, rowIndex) => (
              <tr key={rowIndex} className={table.total && rowIndex === table.rows.length - 1 ? 'figures-table__total' : undefined}>
                {row.map((cell, index) =>
                  index === 0 ? (
                    <th key={index} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={index} className="console-align-right">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
      {table.note && <p className="console-muted figures-note">{table.note}</p>}
    </div>
  )
}
