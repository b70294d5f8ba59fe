import { Alert, Button, Radio, Tag } from 'antd'

import { listContests, type AdminContestView } from '../../api/contests'
import { chinaDateTime } from '../../china-time'
import { DataTable, type Column } from '../../components/data-table'
import { oneOf, queryFrom } from '../../list-query'
import { hrefOf, navigate, queryOf, useHash } from '../../router'
import { ConsoleLayout } from '../../shell/console-layout'
import { useAnswer } from '../../use-answer'
import { STATUS_NAMES } from './words'

const STATUSES = ['upcoming', 'open', 'closed'] as const
const ALL = 'all'

/** 竞赛管理: every contest, the latest to start first, with how many took part; 新建竞赛. */
export function ContestsPage() {
  const status = oneOf(STATUSES, queryOf(useHash()).get('status'))
  // The service lists them all (a few a year); the page keeps the choice in the address.
  const answer = useAnswer(listContests, 'contests')
  const items = (answer.value ?? []).filter((contest) => status === undefined || contest.status === status)

  const columns: Column<AdminContestView>[] = [
    { key: 'title', title: '竞赛名称', render: (contest) => <a className="contest-link" href={hrefOf({ name: 'contest', id: contest.id })}>{contest.title}</a> },
    { key: 'status', title: '状态', width: 90, render: (contest) => <Tag className={`contest-status contest-status--${contest.status}`}>{STATUS_NAMES[contest.status]}</Tag> },
    { key: 'startsAt', title: '开始时间', width: 150, render: (contest) => chinaDateTime(contest.startsAt) },
    { key: 'endsAt', title: '结束时间', width: 170, render: (contest) => `${chinaDateTime(contest.endsAt)}${contest.closedAt ? '（提前结束）' : ''}` },
    { key: 'questionCount', title: '每次题数', width: 90, align: 'right', render: (contest) => contest.questionCount },
    { key: 'participants', title: '参与人数', width: 90, align: 'right', render: (contest) => contest.participants },
    { key: 'attempts', title: '答题次数', width: 90, align: 'right', render: (contest) => contest.attempts },
  ]

  return (
    <ConsoleLayout current="contests" title="竞赛管理">
      <div className="console-wide console-stack-gap">
        <div className="console-list-bar">
          <Radio.Group
            aria-label="按状态查看"
            optionType="button"
            value={status ?? ALL}
            onChange={(event) => {
              const chosen = oneOf(STATUSES, event.target.value as string)
              navigate({ name: 'contests' }, { query: queryFrom({ status: chosen }) })
            }}
            options={[{ value: ALL, label: '全部' }, ...STATUSES.map((value) => ({ value, label: STATUS_NAMES[value] }))]}
          />
          <Button type="primary" href={hrefOf({ name: 'contest-new' })}>
            新建竞赛
          </Button>
        </div>
        {answer.error && (
          <Alert
            type="error"
            showIcon
            title="竞赛列表没有载入"
            description={answer.error}
            action={
              <Button size="small" onClick={answer.retry}>
                重试
              </Button>
            }
          />
        )}
        <DataTable
          caption="竞赛列表"
          columns={columns}
          items={items}
          loading={answer.loading}
          empty={answer.error ? '没有载入' : status ? `没有${STATUS_NAMES[status]}的竞赛` : '还没有竞赛，点“新建竞赛”创建一场'}
        />
      </div>
    </ConsoleLayout>
  )
}
