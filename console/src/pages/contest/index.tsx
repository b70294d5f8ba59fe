import { Alert, Button, Space, Spin, Tag } from 'antd'
import { useEffect, useId, useRef, useState } from 'react'

import { closeContest, contestExportHref, previewContest, readBoard, readContest, readParticipation, setBoardHidden, type BoardItem, type ContestParticipation } from '../../api/contests'
import { ApiError } from '../../api/client'
import { chinaDateTime } from '../../china-time'
import { DataTable, type Column } from '../../components/data-table'
import { hrefOf, hrefWithQuery } from '../../router'
import { ConsoleLayout } from '../../shell/console-layout'
import { useAnswer } from '../../use-answer'
import { clockTime, drawRuleWords, durationWords, percentWords, STATUS_NAMES } from '../contests/words'
import { useLive } from './use-live'

/** How often the participation and the board are asked again while the contest runs. */
const REFRESH_MS = 5000
const UNEXPECTED = '出现了意外的错误，请刷新页面后再试'

type District = ContestParticipation['districts'][number]

/** 竞赛详情: the rules, the draw preview, live participation by district, the board with moderation, closing early and exports. */
export function ContestPage({ id }: { id: string }) {
  const contest = useAnswer(() => readContest(id), id)
  const value = contest.value
  const running = value?.status === 'open'
  const participation = useLive(() => readParticipation(id), REFRESH_MS, running)
  const board = useLive(() => readBoard(id), REFRESH_MS, running)

  return (
    <ConsoleLayout current="contests" title={value ? value.title : '竞赛'}>
      <div className="console-wide console-stack-gap">
        <a className="contest-link" href={hrefOf({ name: 'contests' })}>返回竞赛列表</a>
        {contest.error && (
          <Alert
            type="error"
            showIcon
            title="竞赛没有载入"
            description={contest.error}
            action={
              <Button size="small" onClick={contest.retry}>
                重试
              </Button>
            }
          />
        )}
        {!value ? (
          !contest.error && <Spin description="正在载入" />
        ) : (
          <>
            <section aria-label="竞赛规则" className="contest-section">
              <div className="console-list-bar">
                <Tag className={`contest-status contest-status--${value.status}`}>{STATUS_NAMES[value.status]}</Tag>
                <Space wrap>
                  {value.editable && <Button href={hrefOf({ name: 'contest-edit', id })}>修改</Button>}
                  <Button href={hrefWithQuery({ name: 'contest-new' }, new URLSearchParams({ copy: id }))}>复制为新竞赛</Button>
                  {running && <CloseButton id={id} title={value.title} onClosed={contest.retry} />}
                  <Button href={contestExportHref(id, 'results')} download="">
                    导出成绩 Excel
                  </Button>
                  <Button href={contestExportHref(id, 'participation')} download="">
                    导出参与情况 Excel
                  </Button>
                </Space>
              </div>
              <dl className="contest-rules">
                <div>
                  <dt>开始时间</dt>
                  <dd>{chinaDateTime(value.startsAt)}</dd>
                </div>
                <div>
                  <dt>结束时间</dt>
                  <dd>
                    {chinaDateTime(value.endsAt)}
                    {value.closedAt && '（提前结束）'}
                  </dd>
                </div>
                <div>
                  <dt>每次答题</dt>
                  <dd>
                    {value.questionCount} 题，限时 {durationWords(value.timeLimitSeconds)}，每题至少 {value.minSecondsPerQuestion} 秒
                  </dd>
                </div>
                <div>
                  <dt>每人每天</dt>
                  <dd>可答 {value.attemptsPerDay} 次</dd>
                </div>
                <div>
                  <dt>抽题规则</dt>
                  <dd>{drawRuleWords(value)}</dd>
                </div>
              </dl>
            </section>
            <ParticipationSection participation={participation.value} error={participation.error} running={running} />
            <BoardSection id={id} items={board.value} error={board.error} onChanged={board.refresh} />
            <PreviewSection id={id} />
          </>
        )}
      </div>
    </ConsoleLayout>
  )
}

function ParticipationSection({ participation, error, running }: { participation: ContestParticipation | undefined; error: string | undefined; running: boolean }) {
  const most = Math.max(1, ...(participation?.districts.map((district) => district.participants) ?? []))
  const columns: Column<District & { id: string }>[] = [
    { key: 'name', title: '区县', width: 110, render: (district) => district.name },
    {
      key: 'participants',
      title: '参与人数',
      render: (district) => (
        <span className="contest-bar-cell">
          <span className="contest-bar" aria-hidden="true">
            {/* A style property set from script (CSSOM), which the CSP allows. */}
            <span className="contest-bar__fill" style={{ width: `${(district.participants / most) * 100}%` }} />
          </span>
          <span className="contest-bar__number">{district.participants}</span>
        </span>
      ),
    },
    { key: 'attempts', title: '答题次数', width: 90, align: 'right', render: (district) => district.attempts },
    { key: 'finished', title: '交卷次数', width: 90, align: 'right', render: (district) => district.finished },
    { key: 'share', title: '占比', width: 80, align: 'right', render: (district) => percentWords(district.share) },
    { key: 'population', title: '常住人口', width: 110, align: 'right', render: (district) => district.population?.toLocaleString('zh-CN') ?? '—' },
    { key: 'rate', title: '每万人参与', width: 100, align: 'right', render: (district) => (district.ratePer10k === null ? '—' : district.ratePer10k.toFixed(2)) },
  ]
  return (
    <section aria-labelledby="contest-participation" className="contest-section">
      <div className="console-list-bar">
        <h2 id="contest-participation" className="console-card-title">
          各区县参与情况
        </h2>
        {participation && (
          <span className="console-muted" role="status">
            共 {participation.participants} 人参与、{participation.attempts} 次答题 · 更新于 {clockTime(participation.updatedAt)}
            {running ? '（每 5 秒自动更新）' : ''}
          </span>
        )}
      </div>
      {error && <Alert type="warning" showIcon title="参与情况没有更新" description={error} />}
      <DataTable
        caption="各区县参与情况"
        columns={columns}
        items={participation?.districts.map((district) => ({ ...district, id: district.code })) ?? []}
        loading={!participation && !error}
        empty="还没有区县列表"
      />
    </section>
  )
}

function BoardSection({ id, items, error, onChanged }: { id: string; items: BoardItem[] | undefined; error: string | undefined; onChanged(): void }) {
  const [changing, setChanging] = useState<string>()
  const [said, setSaid] = useState<{ type: 'success' | 'error'; text: string }>()
  const [shown, setShown] = useState<BoardItem[]>()
  useEffect(() => setShown(items), [items])

  const toggle = async (item: BoardItem) => {
    setChanging(item.participantId)
    try {
      setShown(await setBoardHidden(id, item.participantId, !item.hidden))
      setSaid({ type: 'success', text: item.hidden ? `已恢复显示“${item.nickname}”` : `已从公开积分榜隐藏“${item.nickname}”` })
      onChanged()
    } catch (failure) {
      setSaid({ type: 'error', text: failure instanceof ApiError ? failure.message : UNEXPECTED })
    } finally {
      setChanging(undefined)
    }
  }

  const columns: Column<BoardItem & { id: string }>[] = [
    { key: 'rank', title: '名次', width: 70, align: 'right', render: (item) => item.rank ?? '—' },
    { key: 'nickname', title: '昵称', render: (item) => (item.hidden ? <span className="console-muted">{item.nickname}</span> : item.nickname) },
    { key: 'district', title: '区县', width: 110, render: (item) => item.districtName },
    { key: 'score', title: '答对题数', width: 90, align: 'right', render: (item) => item.score },
    { key: 'time', title: '用时', width: 110, align: 'right', render: (item) => durationWords(item.timeUsedSeconds) },
    { key: 'state', title: '公开积分榜', width: 110, render: (item) => (item.hidden ? <Tag>已隐藏</Tag> : <Tag className="contest-status contest-status--open">显示中</Tag>) },
    {
      key: 'action',
      title: '操作',
      width: 130,
      render: (item) => (
        <Button size="small" loading={changing === item.participantId} onClick={() => void toggle(item)} aria-label={`${item.hidden ? '恢复显示' : '隐藏'}“${item.nickname}”`}>
          {item.hidden ? '恢复显示' : '隐藏'}
        </Button>
      ),
    },
  ]
  return (
    <section aria-labelledby="contest-board" className="contest-section">
      <h2 id="contest-board" className="console-card-title">
        积分榜
      </h2>
      <p className="console-muted">参与者自愿上榜；隐藏的昵称不再出现在公开积分榜上，名次随之调整。隐藏和恢复显示都记入审计日志。</p>
      {said && <Alert type={said.type} showIcon title={said.text} role={said.type === 'error' ? 'alert' : 'status'} />}
      {error && <Alert type="warning" showIcon title="积分榜没有更新" description={error} />}
      <DataTable
        caption="积分榜"
        columns={columns}
        items={(shown ?? []).map((item) => ({ ...item, id: item.participantId }))}
        loading={!shown && !error}
        empty="还没有人上榜"
      />
    </section>
  )
}

function PreviewSection({ id }: { id: string }) {
  const [draws, setDraws] = useState(0)
  const preview = useAnswer(() => previewContest(id), `${id}:${draws}`)
  const value = preview.value
  return (
    <section aria-labelledby="contest-preview" className="contest-section">
      <div className="console-list-bar">
        <h2 id="contest-preview" className="console-card-title">
          抽题预览
        </h2>
        <Button onClick={() => setDraws((count) => count + 1)} loading={preview.loading}>
          换一组样例
        </Button>
      </div>
      {preview.error && <Alert type="error" showIcon title="抽题预览没有载入" description={preview.error} />}
      {value && (
        <>
          <DataTable
            caption="各分类可抽的题数"
            columns={[
              { key: 'category', title: '题目分类', render: (pool) => pool.category },
              { key: 'available', title: '题库中的题数', width: 130, align: 'right', render: (pool) => pool.available },
              { key: 'needed', title: '每次抽取', width: 100, align: 'right', render: (pool) => pool.needed },
            ]}
            items={value.pools.map((pool) => ({ ...pool, id: pool.category }))}
            loading={preview.loading}
            empty="没有题目"
          />
          {value.problems.map((problem) => (
            <Alert key={problem} type="error" showIcon title={problem} />
          ))}
          <h3 className="contest-subtitle">样例（按规则抽一次，含答案，仅供工作人员查看）</h3>
          <ol className="contest-sample">
            {value.sample.map((question) => (
              <li key={question.id}>
                <p>
                  <Tag>{question.category}</Tag>
                  {question.stem}
                </p>
                <ul>
                  {question.options.map((option) => {
                    const right = question.answer.includes(option.id)
                    return (
                      <li key={option.id} className={right ? 'contest-sample__right' : undefined}>
                        {option.text}
                        {right && '（正确答案）'}
                      </li>
                    )
                  })}
                </ul>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}

function CloseButton({ id, title, onClosed }: { id: string; title: string; onClosed(): void }) {
  const [asking, setAsking] = useState(false)
  const [closing, setClosing] = useState(false)
  const [failure, setFailure] = useState<string>()
  // The browser's own modal dialog: antd's Modal locks scrolling with a <style> element the CSP refuses.
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  useEffect(() => {
    const shown = dialog.current
    if (!shown) return
    if (asking && !shown.open) shown.showModal()
    if (!asking && shown.open) shown.close()
  }, [asking])

  const close = async () => {
    setClosing(true)
    setFailure(undefined)
    try {
      await closeContest(id)
      setAsking(false)
      onClosed()
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : UNEXPECTED)
    } finally {
      setClosing(false)
    }
  }

  return (
    <>
      <Button danger onClick={() => setAsking(true)}>
        提前结束
      </Button>
      <dialog ref={dialog} className="console-dialog" aria-labelledby={titleId} onClose={() => setAsking(false)}>
        <h2 id={titleId} className="console-dialog__title">
          提前结束“{title}”？
        </h2>
        <p>结束后参与者不能再开始答题，正在答题的人到时限为止；结束时间改为现在，不能撤销。这次操作会记入审计日志。</p>
        {failure && <Alert className="console-form-alert" type="error" showIcon title={failure} />}
        <div className="console-dialog__buttons">
          <Button onClick={() => setAsking(false)}>取消</Button>
          <Button type="primary" danger loading={closing} onClick={() => void close()}>
            确认提前结束
          </Button>
        </div>
      </dialog>
    </>
  )
}
