import { Alert, Button, Form, Input, Select, Tag } from 'antd'

import type { QuestionBank } from '../../../../src/core/content/model'
import { POLICY_CATEGORIES } from '../../../../src/core/content/model'
import { QUESTION_BANK_NAMES, QUESTION_BANKS } from '../../../../src/core/quiz/question-bank'
import { can } from '../../../../src/core/staff/roles'
import { listQuestionBank, type BankQuestionView } from '../../api/feedback'
import { DataTable, pagingOf, type Column } from '../../components/data-table'
import { hrefWithQuery, navigate, queryOf, useHash } from '../../router'
import { useStaff } from '../../session'
import { ConsoleLayout } from '../../shell/console-layout'
import { useAnswer } from '../../use-answer'
import { BANK_PAGE_SIZES, BANK_SORTS, bankQuery, readBankState, type BankState } from './bank-query'
import { useKeyedEffect } from '../../use-keyed-effect'

const ALL = 'all'
const OPTION_LETTERS = 'ABCDEFGHIJ'

interface FilterFields {
  bank: QuestionBank
  category: string
  q: string
  sort: NonNullable<BankState['sort']>
}

const SORT_NAMES: Readonly<Record<FilterFields['sort'], string>> = { category: '按分类', reports: '纠错多的在前' }

function fieldsOf(state: BankState): FilterFields {
  return { bank: state.bank ?? 'contest', category: state.category ?? ALL, q: state.q ?? '', sort: state.sort ?? 'category' }
}

function show(state: BankState): void {
  navigate({ name: 'question-bank' }, { query: bankQuery(state) })
}

const percent = (rate: number) => `${Math.round(rate * 100)}%`

/** 题库: the contest questions (or the practice ones), how contest answers went, and the 纠错 each drew. */
export function QuestionBankPage() {
  const staff = useStaff()
  const state = readBankState(queryOf(useHash()))
  const query = bankQuery(state)
  const answer = useAnswer(() => listQuestionBank(query), query.toString())
  const [form] = Form.useForm<FilterFields>()
  const shown = JSON.stringify(fieldsOf(state))
  const readsFeedback = can(staff, 'content.manage')
  const contest = (state.bank ?? 'contest') === 'contest'

  useKeyedEffect(() => form.setFieldsValue(fieldsOf(state)), shown)

  const counts = new Map((answer.value?.categories ?? []).map((entry) => [entry.category, entry.count]))
  const columns: Column<BankQuestionView>[] = [
    {
      key: 'question',
      title: '题目',
      render: (question) => (
        <div className="bank-question">
          <p className="bank-question__stem">
            <Tag>{question.questionTypeName}</Tag>
            {question.stem}
          </p>
          <ol className="bank-question__options" aria-label="选项">
            {question.options.map((option, index) => (
              <li key={option.id} className={option.correct ? 'bank-question__option--correct' : undefined}>
                {OPTION_LETTERS[index] ?? ''}. {option.text}
                {option.correct && <span className="bank-question__answer">（正确答案）</span>}
              </li>
            ))}
          </ol>
          <span className="console-code console-muted">{question.id}</span>
        </div>
      ),
    },
    { key: 'category', title: '分类', width: 96, render: (question) => question.category },
    {
      key: 'rate',
      title: '答对率',
      width: 128,
      align: 'right',
      render: (question) =>
        !contest ? (
          <span className="console-muted">不统计</span>
        ) : question.rightRate === null ? (
          <span className="console-muted">暂无作答</span>
        ) : (
          <span>
            {percent(question.rightRate)}
            <br />
            <span className="console-muted">
              {question.answeredRight}/{question.answered} 人次
            </span>
          </span>
        ),
    },
    {
      key: 'reports',
      title: '纠错',
      width: 112,
      align: 'right',
      render: (question) => {
        if (question.reports === 0) return <span className="console-muted">0</span>
        const words = `${question.reports} 条${question.openReports > 0 ? `（${question.openReports} 条待处理）` : ''}`
        return readsFeedback ? (
          <a href={hrefWithQuery({ name: 'feedback' }, new URLSearchParams({ kind: 'question_report', questionId: question.id }))} aria-label={`这道题的纠错 ${words}`}>
            {words}
          </a>
        ) : (
          words
        )
      },
    },
  ]

  return (
    <ConsoleLayout current="question-bank" title="题库">
      <div className="console-wide console-stack-gap">
        <Form<FilterFields>
          form={form}
          className="console-filters"
          layout="vertical"
          initialValues={fieldsOf(state)}
          onFinish={(fields) =>
            show({
              ...state,
              bank: fields.bank,
              category: fields.category === ALL ? undefined : (fields.category as BankState['category']),
              q: fields.q?.trim() || undefined,
              sort: fields.sort,
              page: 1,
            })
          }
        >
          <Form.Item name="bank" label="题库">
            <Select options={QUESTION_BANKS.map((bank) => ({ value: bank, label: QUESTION_BANK_NAMES[bank] }))} />
          </Form.Item>
          <Form.Item name="category" label="分类">
            <Select
              options={[
                { value: ALL, label: '全部分类' },
                ...POLICY_CATEGORIES.map((category) => ({ value: category, label: answer.value ? `${category}（${counts.get(category) ?? 0}）` : category })),
              ]}
            />
          </Form.Item>
          <Form.Item name="q" label="搜索题干">
            <Input maxLength={100} autoComplete="off" placeholder="题干或分类中的字词，或题目编号" />
          </Form.Item>
          <Form.Item name="sort" label="排序">
            <Select options={BANK_SORTS.map((sort) => ({ value: sort, label: SORT_NAMES[sort] }))} />
          </Form.Item>
          <div className="console-filters__buttons">
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button onClick={() => show({ bank: state.bank, page: 1, pageSize: state.pageSize })}>重置</Button>
          </div>
        </Form>
        <p className="console-muted bank-hint">
          {contest ? '答对率按已交卷的竞赛答卷统计，以题库中现在的答案判断。' : '练习题在手机上作答，服务器不统计答对率。'}
          纠错是用户对这道题提交的题目纠错，可在“纠错和投诉建议”中处理。
        </p>
        {answer.error && (
          <Alert
            type="error"
            showIcon
            title="题库没有载入"
            description={answer.error}
            action={
              <Button size="small" onClick={answer.retry}>
                重试
              </Button>
            }
          />
        )}
        <DataTable
          caption={QUESTION_BANK_NAMES[state.bank ?? 'contest']}
          columns={columns}
          items={answer.value?.items ?? []}
          loading={answer.loading}
          empty={answer.error ? '没有载入' : '没有符合条件的题目'}
          paging={pagingOf(state, answer.value?.total ?? 0, BANK_PAGE_SIZES, show)}
        />
      </div>
    </ConsoleLayout>
  )
}
