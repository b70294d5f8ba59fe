// ECharts, only the parts the figures draw (bars and pies on canvas), in this page's chunk only.
// ECharts sets style properties from script (CSSOM), which the console's CSP allows; it writes no
// <style> element. Every chart is drawn next to a table with the same numbers, for screen readers
// and for printing; the chart itself is an image with a one-line summary.
import { BarChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export type ChartOption = echarts.EChartsCoreOption

/** The console's colours, dark enough to tell apart on white. */
export const CHART_COLOURS = ['#0958d9', '#d46b08', '#389e0d', '#cf1322', '#531dab', '#08979c']

export function Chart({ option, summary, height = 260 }: { option: ChartOption; summary: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts>(undefined)

  useEffect(() => {
    const element = box.current
    if (!element) return
    const drawn = echarts.init(element, undefined, { renderer: 'canvas', height })
    chart.current = drawn
    const resize = () => drawn.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      drawn.dispose()
      chart.current = undefined
    }
  }, [height])

  useEffect(() => {
    chart.current?.setOption({ color: CHART_COLOURS, animation: false, textStyle: { fontFamily: 'inherit' }, ...option }, true)
  }, [option])

  return <div ref={box} className="figures-chart" role="img" aria-label={summary} />
}

/** Bars by category, one series per entry of `series` (stacked when `stack`). */
export function barOption(categories: readonly string[], series: readonly { name: string; values: readonly number[] }[], { stack = false, horizontal = false, percent = false } = {}): ChartOption {
  const categoryAxis = { type: 'category', data: [...categories], axisLabel: { interval: 0, ...(horizontal ? {} : { rotate: categories.length > 6 ? 30 : 0 }) } }
  const valueAxis = { type: 'value', minInterval: percent ? undefined : 1, max: percent ? 100 : undefined, axisLabel: percent ? { formatter: '{value}%' } : {} }
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: percent ? (value: unknown) => `${value}%` : undefined },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 8, right: 24, top: series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: series.map((item) => ({ type: 'bar', name: item.name, data: [...item.values], stack: stack ? 'all' : undefined, barMaxWidth: 36 })),
  }
}

/** A pie of counts by name; the empty ones left out. */
export function pieOption(entries: readonly { name: string; value: number }[]): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], data: entries.filter((entry) => entry.value > 0), label: { formatter: '{b}\n{c}' } }],
  }
}
