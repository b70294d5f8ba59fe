import './sources.css'

import { Alert, Button, Form, Input, Pagination, Radio, Spin, Tag } from 'antd'
import { useState } from 'react'

import { ApiError } from '../../api/client'
import { ingestNow, listExplainers, listSources, readExplainer, type ContentSourceView, type ExplainerView } from '../../api/content'
import { chinaDateTime } from '../../china-time'
import { DataTable, type Column } from '../../components/data-table'
import { hrefWithQuery, navigate, queryOf, useHash } from '../../router'
import { ConsoleLayout } from '../../shell/console-layout'
import { useAnswer } from '../../use-answer'
import { PhonePreview } from './phone-preview'
import { explainerListQuery, PICKER_PAGE_SIZE, previewQuery, readPreviewState, type PreviewState } from './preview-query'
import { useKeyedEffect } from '../../use-keyed-effect'

type SourceRow = ContentSourceView & { id: string }

/** The outcome of 立即更新, per source: the service's sentence, or why the request failed. */
interface IngestOutcome {
  type: 'success' | 'info' | 'error'
  message: string
}

const NEVER = <span className="console-muted">从未</span>

function show(state: PreviewState): void {
  navigate({ name: 'sources' }, { query: previewQuery(state) })
}

/** 内容来源: each source's health and 立即更新; an explainer previewed as the app shows it. */
export function SourcesPage() {
  const state = readPreviewState(queryOf(useHash()))
  const sources = useAnswer(listSources, 'sources')
  const [reading, setReading] = useState<ReadonlySet<string>>(new Set())
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, IngestOutcome>>(new Map())
  // Goes up after each 立即更新: the picker and the preview then show the content as it now is.
  const [revision, setRevision] = useState(0)

  async function update(name: string) {
    setReading((names) => new Set(names).add(name))
    let outcome: IngestOutcome
    try {
      const result = await ingestNow(name)
      outcome = { type: result.outcome === 'failed' ? 'error' : result.outcome === 'ingested' ? 'success' : 'info', message: result.message }
    } catch (error) {
      outcome = { type: 'error', message: error instanceof ApiError ? error.message : '更新没有完成，请稍后再试' }
    }
    setOutcomes((shown) => new Map(shown).set(name, outcome))
    setReading((names) => {
      const left = new Set(names)
      left.delete(name)
      return left
    })
    sources.retry()
    setRevision((count) => count + 1)
  }

  const columns: Column<SourceRow>[] = [
    {
      key: 'name',
      title: '来源',
      render: (source) => (
        <>
          <span className="console-code sources-name">{source.name}</span>
          {!source.configured && <Tag className="console-tag-after">不在服务配置中</Tag>}
        </>
      ),
    },
    { key: 'success', title: '最近读取成功', width: 140, render: (source) => (source.lastSuccessAt ? chinaDateTime(source.lastSuccessAt) : NEVER) },
    {
      key: 'failure',
      title: '最近读取失败',
      width: 210,
      render: (source) =>
        source.lastFailureAt ? (
          <>
            {chinaDateTime(source.lastFailureAt)}
            {source.lastError && <span className="sources-error">{source.lastError}</span>}
          </>
        ) : (
          NEVER
        ),
    },
    { key: 'items', title: '现有条数', width: 88, align: 'right', render: (source) => source.itemCount },
    {
      key: 'rejected',
      title: '未载入',
      width: 210,
      render: (source) =>
        source.rejectedCount === 0 ? (
          '0'
        ) : (
          <details className="sources-rejected">
            <summary>{source.rejectedCount} 条，查看原因</summary>
            <ol>
              {source.rejected.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ol>
            {source.rejected.length < source.rejectedCount && <p className="console-muted">只列出前 {source.rejected.length} 条。</p>}
          </details>
        ),
    },
    {
      key: 'ingest',
      title: '操作',
      width: 116,
      render: (source) =>
        source.configured ? (
          <Button onClick={() => void update(source.name)} loading={reading.has(source.name) || source.reading} disabled={reading.has(source.name)}>
            立即更新<span className="console-visually-hidden">：{source.name}</span>
          </Button>
        ) : (
          <span className="console-muted">—</span>
        ),
    },
  ]

  return (
    <ConsoleLayout current="sources" title="内容来源">
      <div className="console-wide console-stack-gap sources-page">
        <p className="console-muted">
          政策解读、练习题等内容由人社局的内容管理系统发布，服务按设定的间隔自动读取各来源。读取失败时，已有的内容保持不变。时间为北京时间。
        </p>
        {sources.error && (
          <Alert
            type="error"
            showIcon
            title="内容来源没有载入"
            description={sources.error}
            action={
              <Button size="small" onClick={sources.retry}>
                重试
              </Button>
            }
          />
        )}
        <div className="sources-results" aria-live="polite">
          {[...outcomes].map(([name, outcome]) => (
            <Alert key={name} type={outcome.type} showIcon title={name} description={outcome.message} closable={{ 'aria-label': '关闭这条结果' }} onClose={() => setOutcomes((shown) => withoutKey(shown, name))} />
          ))}
        </div>
        <DataTable
          caption="内容来源"
          columns={columns}
          items={(sources.value?.items ?? []).map((source) => ({ ...source, id: source.name }))}
          loading={sources.loading && sources.value === undefined}
          empty={sources.error ? '没有载入' : '服务还没有配置内容来源（环境变量 CONTENT_SOURCES）'}
        />
        <h2 className="sources-section-title">政策解读预览</h2>
        <div className="sources-preview">
          <ExplainerPicker state={state} revision={revision} />
          <Preview id={state.explainer} revision={revision} />
        </div>
      </div>
    </ConsoleLayout>
  )
}

function withoutKey<K, V>(map: ReadonlyMap<K, V>, key: K): Map<K, V> {
  const left = new Map(map)
  left.delete(key)
  return left
}

function ExplainerPicker({ state, revision }: { state: PreviewState; revision: number }) {
  const query = explainerListQuery(state)
  const list = useAnswer(() => listExplainers(query), `${query.toString()}#${revision}`)
  const [form] = Form.useForm<{ q: string }>()
  useKeyedEffect(() => form.setFieldsValue({ q: state.q ?? '' }), state.q)

  return (
    <section className="sources-picker" aria-label="选择政策解读">
      <Form form={form} layout="vertical" initialValues={{ q: state.q ?? '' }} onFinish={({ q }) => show({ q: q.trim() || undefined, page: 1, explainer: state.explainer })}>
        <Form.Item name="q" label="按标题或文号查找" className="sources-picker__search">
          <Input.Search maxLength={50} autoComplete="off" placeholder="如 工资、人社部发" enterButton="查找" onSearch={() => form.submit()} />
        </Form.Item>
      </Form>
      {list.error && <Alert type="error" showIcon title="政策解读没有载入" description={list.error} />}
      <Spin spinning={list.loading} description="正在载入">
        {list.value && list.value.items.length === 0 ? (
          <p className="console-muted">{state.q ? `没有标题或文号含“${state.q}”的政策解读` : '内容库中还没有政策解读'}</p>
        ) : (
          <ul className="sources-picker__list">
            {(list.value?.items ?? []).map((item) => (
              <li key={item.id}>
                <a
                  className="sources-picker__item"
                  href={hrefWithQuery({ name: 'sources' }, previewQuery({ ...state, explainer: item.id }))}
                  aria-current={item.id === state.explainer ? 'true' : undefined}
                >
                  {item.title}
                  <span className="sources-picker__meta">{[item.category, item.documentNumber, item.publishedDate && `发布于 ${item.publishedDate}`].filter(Boolean).join(' · ')}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </Spin>
      {(list.value?.total ?? 0) > PICKER_PAGE_SIZE && (
        <Pagination
          size="small"
          align="center"
          current={state.page}
          pageSize={PICKER_PAGE_SIZE}
          total={list.value?.total ?? 0}
          showSizeChanger={false}
          showTotal={(count) => `共 ${count} 篇`}
          onChange={(page) => show({ ...state, page })}
        />
      )}
    </section>
  )
}

function Preview({ id, revision }: { id: string | undefined; revision: number }) {
  const explainer = useAnswer<ExplainerView | undefined>(() => (id === undefined ? Promise.resolve(undefined) : readExplainer(id)), `${id ?? ''}#${revision}`)
  const [elder, setElder] = useState(false)
  if (id === undefined) return <p className="sources-phone-empty">从左边选一篇政策解读，这里显示它在手机上的样子。</p>
  if (explainer.error) return <Alert className="sources-phone-empty" type="error" showIcon title="这篇政策解读没有载入" description={explainer.error} />
  if (!explainer.value || explainer.value.id !== id) return <Spin className="sources-phone-empty" description="正在载入" />
  return (
    <div>
      <Radio.Group
        className="sources-phone-mode"
        aria-label="预览的字号"
        optionType="button"
        value={elder ? 'elder' : 'normal'}
        onChange={(event) => setElder(event.target.value === 'elder')}
        options={[
          { value: 'normal', label: '普通字号' },
          { value: 'elder', label: '长辈模式' },
        ]}
      />
      <PhonePreview explainer={explainer.value} elder={elder} />
    </div>
  )
}
