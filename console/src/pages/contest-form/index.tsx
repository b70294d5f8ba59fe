import { Alert, Button, Form, Input, InputNumber, Radio, Select, Space, Spin } from 'antd'
import { useState } from 'react'

import { POLICY_CATEGORIES } from '../../../../src/core/content/model'
import { ApiError } from '../../api/client'
import { createContest, readContest, updateContest, type AdminContestView, type ContestBody } from '../../api/contests'
import { showFailure } from '../../forms'
import { hrefOf, navigate, queryOf, useHash } from '../../router'
import { ConsoleLayout } from '../../shell/console-layout'
import { chinaLocalOf, instantOfChinaLocal } from '../contests/words'
import { useKeyedEffect } from '../../use-keyed-effect'

/** The service's limits (server/quiz/quiz.schemas.ts, whose values the bundle does not import). */
const LIMITS = { titleMax: 60, questionCountMax: 100, timeLimitMin: 30, timeLimitMax: 4 * 60 * 60, attemptsPerDayMax: 20, minSecondsMax: 600 } as const

type Category = (typeof POLICY_CATEGORIES)[number]

interface Fields {
  title: string
  startsAt: string
  endsAt: string
  questionCount: number
  timeLimitSeconds: number
  attemptsPerDay: number
  minSecondsPerQuestion: number
  drawRule: { kind: 'mixed' | 'categories'; counts?: { category?: Category; count?: number }[] }
}

const NEW: Fields = {
  title: '',
  startsAt: '',
  endsAt: '',
  questionCount: 10,
  timeLimitSeconds: 600,
  attemptsPerDay: 1,
  minSecondsPerQuestion: 3,
  drawRule: { kind: 'mixed', counts: [{ category: '劳动关系', count: 10 }] },
}

/** The contest's settings in the form; a copy keeps everything but the dates, which must be new. */
function fieldsOf(contest: AdminContestView, copy: boolean): Fields {
  const counts = contest.drawRule.counts?.map(({ category, count }) => ({ category: category as Category, count }))
  return {
    title: contest.title,
    startsAt: copy ? '' : chinaLocalOf(contest.startsAt),
    endsAt: copy ? '' : chinaLocalOf(contest.endsAt),
    questionCount: contest.questionCount,
    timeLimitSeconds: contest.timeLimitSeconds,
    attemptsPerDay: contest.attemptsPerDay,
    minSecondsPerQuestion: contest.minSecondsPerQuestion,
    drawRule: { kind: contest.drawRule.kind, counts: counts ?? NEW.drawRule.counts },
  }
}

function bodyOf(fields: Fields): ContestBody {
  return {
    title: fields.title.trim(),
    startsAt: instantOfChinaLocal(fields.startsAt),
    endsAt: instantOfChinaLocal(fields.endsAt),
    questionCount: fields.questionCount,
    timeLimitSeconds: fields.timeLimitSeconds,
    attemptsPerDay: fields.attemptsPerDay,
    minSecondsPerQuestion: fields.minSecondsPerQuestion,
    drawRule:
      fields.drawRule.kind === 'mixed'
        ? { kind: 'mixed' }
        : { kind: 'categories', counts: (fields.drawRule.counts ?? []).map(({ category, count }) => ({ category: category ?? '劳动关系', count: count ?? 0 })) },
  }
}

const required = (message: string) => [{ required: true, message }]

/** 新建竞赛, 修改竞赛 (`id`, before it starts) and 复制竞赛 (`#/contests/new?copy=…`). */
export function ContestFormPage({ id }: { id?: string }) {
  const hash = useHash()
  const copyOf = id === undefined ? (queryOf(hash).get('copy') ?? undefined) : undefined
  const source = id ?? copyOf
  const [form] = Form.useForm<Fields>()
  const [loaded, setLoaded] = useState<AdminContestView>()
  const [loadError, setLoadError] = useState<string>()
  const [failure, setFailure] = useState<string>()
  const [saving, setSaving] = useState(false)
  const kind = Form.useWatch(['drawRule', 'kind'], form)
  const title = id ? '修改竞赛' : copyOf ? '复制竞赛' : '新建竞赛'

  useKeyedEffect(() => {
    if (source === undefined) return
    readContest(source).then(
      (contest) => {
        setLoaded(contest)
        form.setFieldsValue(fieldsOf(contest, id === undefined))
      },
      (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
    )
  }, source)

  const save = async (fields: Fields) => {
    setSaving(true)
    setFailure(undefined)
    try {
      const body = bodyOf(fields)
      const saved = id ? await updateContest(id, body) : await createContest(body)
      navigate({ name: 'contest', id: saved.id })
    } catch (error) {
      // The service's field paths are the form's names (drawRule.counts.0.category too).
      setFailure(showFailure(form, error, error instanceof ApiError ? Object.keys(error.fields) : []))
    } finally {
      setSaving(false)
    }
  }

  const back = id ? hrefOf({ name: 'contest', id }) : hrefOf({ name: 'contests' })
  const waiting = source !== undefined && !loaded && !loadError
  const closedForEdits = id !== undefined && loaded !== undefined && !loaded.editable

  return (
    <ConsoleLayout current="contests" title={title}>
      <div className="console-stack console-stack-gap">
        <a className="contest-link" href={back}>{id ? '返回竞赛' : '返回竞赛列表'}</a>
        {loadError && <Alert type="error" showIcon title="竞赛没有载入" description={loadError} />}
        {copyOf && loaded && <Alert type="info" showIcon title={`已复制“${loaded.title}”的设置，请填写新的开始和结束时间`} />}
        {closedForEdits && <Alert type="warning" showIcon title="竞赛已经开始，不能再修改" description="如需调整，可以提前结束后复制一场新的竞赛。" />}
        {failure && <Alert className="console-form-alert" type="error" showIcon title={failure} />}
        {waiting ? (
          <Spin description="正在载入" />
        ) : (
          <Form<Fields> form={form} layout="vertical" initialValues={NEW} onFinish={(values) => void save(values)} requiredMark={false} disabled={closedForEdits}>
            <Form.Item name="title" label="竞赛名称" rules={[...required('请填写竞赛名称'), { max: LIMITS.titleMax, message: `竞赛名称最多 ${LIMITS.titleMax} 个字` }]}>
              <Input maxLength={LIMITS.titleMax} autoComplete="off" />
            </Form.Item>
            <Space size="large" wrap>
              <Form.Item name="startsAt" label="开始时间（北京时间）" rules={required('请填写开始时间')}>
                <Input type="datetime-local" />
              </Form.Item>
              <Form.Item name="endsAt" label="结束时间（北京时间）" rules={required('请填写结束时间')}>
                <Input type="datetime-local" />
              </Form.Item>
            </Space>
            <Space size="large" wrap>
              <Form.Item name="questionCount" label="题目数量（每次答题的题数）" rules={required('请填写题目数量')}>
                <InputNumber min={1} max={LIMITS.questionCountMax} precision={0} />
              </Form.Item>
              <Form.Item name="timeLimitSeconds" label="答题时限（秒）" rules={required('请填写答题时限')}>
                <InputNumber min={LIMITS.timeLimitMin} max={LIMITS.timeLimitMax} precision={0} />
              </Form.Item>
              <Form.Item name="attemptsPerDay" label="每人每天可答次数" rules={required('请填写每天可答次数')}>
                <InputNumber min={1} max={LIMITS.attemptsPerDayMax} precision={0} />
              </Form.Item>
              <Form.Item name="minSecondsPerQuestion" label="每题最少用时（秒）" rules={required('请填写每题最少用时')}>
                <InputNumber min={0} max={LIMITS.minSecondsMax} precision={0} />
              </Form.Item>
            </Space>
            <Form.Item name={['drawRule', 'kind']} label="抽题方式">
              <Radio.Group
                options={[
                  { value: 'mixed', label: '从竞赛题库混合抽取' },
                  { value: 'categories', label: '按分类和题数抽取' },
                ]}
              />
            </Form.Item>
            {kind === 'categories' && (
              <Form.List name={['drawRule', 'counts']}>
                {(rows, { add, remove }, { errors }) => (
                  <fieldset className="contest-counts">
                    <legend>各分类题数（之和应等于题目数量）</legend>
                    {rows.map((row, index) => (
                      <Space key={row.key} align="start" wrap>
                        <Form.Item name={[row.name, 'category']} label={`第 ${index + 1} 个分类`} rules={required('请选择分类')}>
                          <Select className="contest-counts__category" options={POLICY_CATEGORIES.map((category) => ({ value: category, label: category }))} />
                        </Form.Item>
                        <Form.Item name={[row.name, 'count']} label="题数" rules={required('请填写题数')}>
                          <InputNumber min={1} max={LIMITS.questionCountMax} precision={0} />
                        </Form.Item>
                        {rows.length > 1 && (
                          <Button className="contest-counts__remove" onClick={() => remove(row.name)}>
                            删除第 {index + 1} 个分类
                          </Button>
                        )}
                      </Space>
                    ))}
                    <div className="contest-counts__errors">
                      <Form.ErrorList errors={errors} />
                    </div>
                    {rows.length < POLICY_CATEGORIES.length && <Button onClick={() => add({ count: 1 })}>添加分类</Button>}
                  </fieldset>
                )}
              </Form.List>
            )}
            <Space>
              <Button type="primary" htmlType="submit" loading={saving}>
                {id ? '保存修改' : '创建竞赛'}
              </Button>
              <Button href={back}>取消</Button>
            </Space>
          </Form>
        )}
      </div>
    </ConsoleLayout>
  )
}
