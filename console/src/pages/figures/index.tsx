import { Alert, Button, DatePicker, Form, Select, Spin } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, type ReactNode } from 'react'

import { percentOf } from '../../../../src/core/staff/figures'
import { figuresExportHref, readFigures, type Figures } from '../../api/figures'
import { formatDate } from '../../format'
import { hrefWithQuery, navigate, queryOf, useHash } from '../../router'
import { useSession, useStaff } from '../../session'
import { ConsoleLayout } from '../../shell/console-layout'
import { useAnswer } from '../../use-answer'
import { barOption, Chart, pieOption } from './chart'
import { figuresQuery, readFiguresState, yearOf, yearPeriod, yearPresets, type FiguresState } from './figures-query'
import { figureTables, FiguresTable, type Table } from './tables'
import { useKeyedEffect } from '../../use-keyed-effect'

const CUSTOM = 'custom'
const CITY = 'city'

interface PeriodFields {
  preset: string
  from: Dayjs | null
  to: Dayjs | null
  district: string
}

function fieldsOf(state: FiguresState): PeriodFields {
  const year = yearOf(state)
  return { preset: year === undefined ? CUSTOM : String(year), from: dayjs(state.from), to: dayjs(state.to), district: state.district ?? CITY }
}

function show(state: FiguresState): void {
  navigate({ name: 'figures' }, { query: figuresQuery(state) })
}

/** 年度数据: the annual report's figures of a period, as charts and tables, to export or print. */
export function FiguresPage() {
  const staff = useStaff()
  const { site } = useSession()
  const state = readFiguresState(queryOf(useHash()))
  const query = figuresQuery(state)
  const answer = useAnswer(() => readFigures(query), query.toString())
  const [form] = Form.useForm<PeriodFields>()
  const preset = Form.useWatch('preset', form)
  const shown = JSON.stringify(fieldsOf(state))
  // An inspector sees their own district only: no choice to offer.
  const wholeCity = staff.districtCode === null

  useKeyedEffect(() => form.setFieldsValue(fieldsOf(state)), shown)

  const finish = (fields: PeriodFields) => {
    const district = wholeCity && fields.district !== CITY ? fields.district : undefined
    if (fields.preset !== CUSTOM) return show({ ...yearPeriod(Number(fields.preset)), district })
    if (!fields.from || !fields.to) return
    show({ from: fields.from.format('YYYY-MM-DD'), to: fields.to.format('YYYY-MM-DD'), district })
  }

  return (
    <ConsoleLayout current="figures" title="年度数据">
      <div className="console-wide console-stack-gap">
        <Form<PeriodFields> form={form} className="console-filters" layout="vertical" initialValues={fieldsOf(state)} onFinish={finish}>
          <Form.Item name="preset" label="统计期间">
            <Select options={[...yearPresets().map((year) => ({ value: String(year), label: `${year}年` })), { value: CUSTOM, label: '自定义期间' }]} />
          </Form.Item>
          {preset === CUSTOM && (
            <>
              <Form.Item name="from" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
                <DatePicker className="console-filters__date" allowClear={false} />
              </Form.Item>
              <Form.Item name="to" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
                <DatePicker className="console-filters__date" allowClear={false} />
              </Form.Item>
            </>
          )}
          {wholeCity && (
            <Form.Item name="district" label="区县">
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={[{ value: CITY, label: '全市' }, ...(site?.districts ?? []).map((district) => ({ value: district.code, label: district.name }))]}
              />
            </Form.Item>
          )}
          <div className="console-filters__buttons">
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </div>
        </Form>
        <div className="console-list-bar">
          <p className="figures-period">
            {answer.value ? `${answer.value.districtName} · ${formatDate(answer.value.from)} 至 ${formatDate(answer.value.to)}` : ''}
          </p>
          <div className="figures-buttons">
            <Button href={figuresExportHref(query)} download="">
              导出 Excel
            </Button>
            <Button href={hrefWithQuery({ name: 'figures-print' }, query)}>打印</Button>
          </div>
        </div>
        {answer.error && (
          <Alert
            type="error"
            showIcon
            title="数据没有载入"
            description={answer.error}
            action={
              <Button size="small" onClick={answer.retry}>
                重试
              </Button>
            }
          />
        )}
        <Spin spinning={answer.loading} description="正在统计">
          {answer.value ? <FiguresBody figures={answer.value} /> : <div className="figures-placeholder" />}
        </Spin>
      </div>
    </ConsoleLayout>
  )
}

function Section({ title, chart, table }: { title: string; chart?: ReactNode; table: Table }) {
  return (
    <section className="figures-section" aria-label={title}>
      <h2 className="figures-section__title">{title}</h2>
      <div className={chart ? 'figures-section__body' : undefined}>
        {chart && <div className="figures-section__chart">{chart}</div>}
        <FiguresTable table={table} />
      </div>
    </section>
  )
}

/** The charts' options: what the tables show, drawn. */
function chartOptions(figures: Figures) {
  const { reports, outcomes, ratings, contest } = figures
  const districtNames = reports.districts.map((row) => row.name)
  return {
    reports: barOption(
      districtNames,
      [
        { name: '投诉', values: reports.districts.map((row) => row.complaints) },
        { name: '举报', values: reports.districts.map((row) => row.tips) },
      ],
      { stack: true },
    ),
    methods: pieOption(outcomes.total.methods.map((method) => ({ name: method.name, value: method.count }))),
    ratings: pieOption(ratings.total.ratings.map((rating) => ({ name: rating.name, value: rating.count }))),
    contest: barOption(districtNames, [{ name: '参赛人数', values: contest.districts.map((row) => row.participants) }]),
    reads: barOption(
      figures.explainerReads.map((row) => row.category),
      [{ name: '阅读次数', values: figures.explainerReads.map((row) => row.reads) }],
      { horizontal: true },
    ),
    practice: barOption(
      figures.practice.map((row) => row.category),
      [{ name: '答对比例', values: figures.practice.map((row) => (row.rightShare === null ? 0 : Number((row.rightShare * 100).toFixed(1)))) }],
      { horizontal: true, percent: true },
    ),
  }
}

function FiguresBody({ figures }: { figures: Figures }) {
  const tables = useMemo(() => figureTables(figures), [figures])
  const { reports, outcomes, ratings, contest } = figures
  const options = useMemo(() => chartOptions(figures), [figures])

  return (
    <div className="console-stack-gap">
      <section className="figures-headline" aria-label="主要数据">
        <p className="figures-headline__text">{figures.headline}</p>
        <dl className="figures-stats">
          <Stat label="收到反映" value={`${reports.total.received.toLocaleString('zh-CN')}件`} />
          <Stat label="受理及时率" value={percentOf(reports.total.acceptedInTimeShare)} />
          <Stat label="本期办结" value={`${reports.total.closed.toLocaleString('zh-CN')}件`} />
          <Stat label="办结用时中位数" value={reports.total.medianWorkingDaysToClose === null ? '—' : `${Number(reports.total.medianWorkingDaysToClose.toFixed(1))}个工作日`} />
          <Stat label="满意率" value={percentOf(ratings.total.satisfiedShare)} />
          <Stat label="竞赛参赛人数" value={`${contest.total.participants.toLocaleString('zh-CN')}人`} />
        </dl>
      </section>
      <Section
        title={tables.reports.title}
        chart={<Chart option={options.reports} summary={`各区县收到的反映：共${reports.total.received}件，其中投诉${reports.total.complaints}件、举报${reports.total.tips}件`} />}
        table={tables.reports}
      />
      <Section title={tables.outcomes.title} chart={<Chart option={options.methods} summary={`办结的${outcomes.total.closed}件反映按处理方式分`} />} table={tables.outcomes} />
      <Section title={tables.ratings.title} chart={<Chart option={options.ratings} summary={`共${ratings.total.total}条评价，满意率${percentOf(ratings.total.satisfiedShare)}`} />} table={tables.ratings} />
      <Section title={tables.contest.title} chart={<Chart option={options.contest} summary={`各区县竞赛参赛人数，共${contest.total.participants}人`} />} table={tables.contest} />
      <Section
        title={tables.reads.title}
        chart={figures.explainerReads.length > 0 ? <Chart option={options.reads} summary="政策解读各类别的阅读次数（全市）" /> : undefined}
        table={tables.reads}
      />
      <Section
        title={tables.practice.title}
        chart={figures.practice.length > 0 ? <Chart option={options.practice} summary="练习答题各类别的答对比例（全市），低的在前" /> : undefined}
        table={tables.practice}
      />
      <section className="figures-section" aria-label="统计口径">
        <h2 className="figures-section__title">统计口径</h2>
        <ul className="figures-definitions">
          {figures.definitions.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      </section>
    </div>
  )
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="figures-stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
}
