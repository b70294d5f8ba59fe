import { Alert, Button, Spin } from 'antd'
import { useMemo } from 'react'

import { readFigures, type Figures } from '../../api/figures'
import { formatDate } from '../../format'
import { usePageTitle } from '../../page-title'
import { hrefWithQuery, queryOf, useHash } from '../../router'
import { useAnswer } from '../../use-answer'
import { figuresQuery, readFiguresState } from './figures-query'
import { figureTables, FiguresTable } from './tables'

/**
 * The figures laid out for A4 paper (console.css, @media print): the bureau, the period, the
 * headline and every table. 打印 opens the browser's print dialog, where it can also be saved as PDF.
 */
export function FiguresPrintPage() {
  usePageTitle('年度数据（打印）')
  const query = figuresQuery(readFiguresState(queryOf(useHash())))
  const answer = useAnswer(() => readFigures(query), query.toString())

  return (
    <main className="figures-print">
      <div className="figures-print__bar">
        <Button href={hrefWithQuery({ name: 'figures' }, query)}>返回年度数据</Button>
        <Button type="primary" onClick={() => window.print()} disabled={!answer.value}>
          打印
        </Button>
      </div>
      {answer.error && <Alert type="error" showIcon title="数据没有载入" description={answer.error} />}
      {answer.loading && !answer.value ? <Spin description="正在统计" /> : answer.value && <PrintedFigures figures={answer.value} />}
    </main>
  )
}

function PrintedFigures({ figures }: { figures: Figures }) {
  const tables = useMemo(() => Object.values(figureTables(figures)), [figures])
  return (
    <article>
      <header className="figures-print__header">
        <p className="figures-print__bureau">{figures.bureauName}</p>
        <h1 className="figures-print__title">{figures.districtName}劳动保障监察和普法年度数据</h1>
        <p>
          统计期间：{formatDate(figures.from)} 至 {formatDate(figures.to)}
        </p>
      </header>
      <p className="figures-print__headline">{figures.headline}</p>
      {tables.map((table) => (
        <section key={table.title} className="figures-print__section">
          <h2>{table.title}</h2>
          <FiguresTable table={table} />
        </section>
      ))}
      <section className="figures-print__section">
        <h2>统计口径</h2>
        <ul className="figures-definitions">
          {figures.definitions.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      </section>
    </article>
  )
}
