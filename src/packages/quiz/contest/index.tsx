import { useState } from 'react'
import { useRouter, useShareAppMessage } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import EmptyState from '../../../components/empty-state'
import DistrictPicker from '../../../components/district-picker'
import TextField from '../../../components/text-field'
import SwitchRow from '../../../components/switch-row'
import LinkRow from '../../../components/link-row'
import FormField from '../../../components/form-field'
import ShareButton from '../../../components/share-button'
import { a11y } from '../../../components/a11y'
import { useSite } from '../../../components/use-content'
import { useContestsOnDevice } from '../../../components/use-quiz'
import { useRequest } from '../../../components/use-request'
import type { ContestView } from '../../../../server/quiz/quiz.schemas'
import { chinaTimeWords, contestRules, type ContestParticipant } from '../../../core/quiz/contest'
import { secondsUntil } from '../../../core/quiz/countdown'
import { checkNickname, NICKNAME_MAX } from '../../../core/quiz/nickname'
import { listContests, register, startAttempt } from '../../../services/contests'
import RequestFailed from '../parts/request-failed'
import { backToQuiz, contestPlayUrl, contestResultUrl, contestStatsUrl, openPage } from '../../../components/quiz-links'
import './index.scss'

const TITLE = '知识竞赛'

export default function ContestPage() {
  const { params } = useRouter()
  const contestId = params.id ?? ''
  const { requested, reload } = useRequest(listContests, contestId)
  const contestTitle = requested.step === 'ready' ? requested.data.items.find((item) => item.id === contestId)?.title : undefined

  useShareAppMessage(() => ({
    title: contestTitle ? `来参加“${contestTitle}”` : '来参加法治人社知识竞赛',
    path: `/packages/quiz/contest/index?id=${encodeURIComponent(contestId)}`,
  }))

  if (requested.step === 'loading') return <PageShell title={TITLE} lead='正在获取竞赛信息……' />
  if (requested.step === 'failed') {
    return (
      <RequestFailed pageTitle={TITLE} title='暂时无法获取竞赛信息' message={`${requested.message}竞赛由服务器出题和计时，需要联网参加。`} onRetry={reload} />
    )
  }
  const contest = requested.data.items.find((item) => item.id === contestId)
  if (!contest) {
    return (
      <PageShell title={TITLE}>
        <EmptyState title='没有找到这场竞赛' description='竞赛可能已经结束。可以回到“答题”查看正在进行的竞赛。' />
        <Button className='pufa-tap' size='large' block onClick={backToQuiz} {...a11y({ role: 'button' })}>
          返回
        </Button>
      </PageShell>
    )
  }
  return <ContestDetail contest={contest} />
}

function ContestDetail({ contest }: { contest: ContestView }) {
  const { participant, attempt, records } = useContestsOnDevice()
  const [editing, setEditing] = useState(false)
  const [starting, setStarting] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const mine = records.filter((record) => record.contestId === contest.id)
  const underway = attempt?.contestId === contest.id ? attempt : null
  const timeLeft = underway ? secondsUntil(underway.deadlineAt, Date.now()) : 0

  const start = async (who: ContestParticipant) => {
    setStarting(true)
    setProblem(null)
    const answer = await startAttempt(who, contest)
    setStarting(false)
    if (answer.ok) openPage(contestPlayUrl())
    else setProblem(answer.message)
  }

  return (
    <PageShell title={contest.title}>
      <View className='pufa-card'>
        <Text className='contest__heading' {...a11y({ role: 'heading', level: 2 })}>
          竞赛规则
        </Text>
        {contestRules(contest).map((rule) => (
          <Text key={rule} className='contest__line'>
            {rule}
          </Text>
        ))}
      </View>
      {participant === null || editing ? (
        <Registration participant={participant} onDone={() => setEditing(false)} />
      ) : (
        <View className='pufa-card'>
          <Registered participant={participant} onChange={() => setEditing(true)} />
          {problem ? (
            <Text className='pufa-problem contest__problem' {...a11y({ role: 'alert' })}>
              {problem}
            </Text>
          ) : null}
          {underway && timeLeft > 0 ? (
            <Button className='pufa-tap contest__start' type='primary' size='large' block onClick={() => openPage(contestPlayUrl())} {...a11y({ role: 'button' })}>
              继续答题
            </Button>
          ) : contest.status === 'open' ? (
            <Button
              className='pufa-tap contest__start'
              type='primary'
              size='large'
              block
              loading={starting}
              onClick={() => void (starting ? undefined : start(participant))}
              {...a11y({ role: 'button', disabled: starting })}
            >
              {starting ? '正在出题' : '开始答题'}
            </Button>
          ) : (
            <Text className='contest__line'>竞赛将于 {chinaTimeWords(contest.startsAt)}（北京时间）开始。</Text>
          )}
        </View>
      )}
      <View className='pufa-list'>
        {underway && timeLeft === 0 ? (
          <LinkRow title='上次答题的时间已到' description='查看这次的成绩和解析' onClick={() => openPage(contestResultUrl(underway.started.attemptId))} />
        ) : null}
        {mine.map((record) => (
          <LinkRow
            key={record.attemptId}
            title={`我的成绩：答对 ${record.score}/${record.questionCount} 题`}
            description={`${chinaTimeWords(record.finishedAt)} 交卷 · 查看答案和解析`}
            onClick={() => openPage(contestResultUrl(record.attemptId))}
          />
        ))}
        <LinkRow title='各区参与情况和积分榜' description='每个区有多少人参加了这场竞赛' onClick={() => openPage(contestStatsUrl(contest.id))} />
      </View>
      <ShareButton title={contest.title} />
    </PageShell>
  )
}

function Registered({ participant, onChange }: { participant: ContestParticipant; onChange: () => void }) {
  const site = useSite()
  const district = site.districts.find((candidate) => candidate.code === participant.districtCode)?.name ?? participant.districtCode
  return (
    <View className='contest__registered'>
      <Text className='contest__line'>
        已登记：{district}
        {participant.nickname ? ` · 昵称“${participant.nickname}”` : ''}
        {participant.showOnBoard ? ' · 上积分榜' : ''}
      </Text>
      <Text className='pufa-tap contest__change' onClick={onChange} {...a11y({ role: 'button' })}>
        更改登记
      </Text>
    </View>
  )
}

function Registration({ participant, onDone }: { participant: ContestParticipant | null; onDone: () => void }) {
  const site = useSite()
  const [districtCode, setDistrictCode] = useState(participant?.districtCode ?? '')
  const [nickname, setNickname] = useState(participant?.nickname ?? '')
  const [showOnBoard, setShowOnBoard] = useState(participant?.showOnBoard ?? false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [sending, setSending] = useState(false)

  const submit = async () => {
    if (districtCode === '') return setErrors({ districtCode: '请选择您所在的区' })
    const checked = checkNickname(nickname.trim() === '' ? null : nickname)
    if (!checked.ok) return setErrors({ nickname: checked.message })
    setSending(true)
    const answer = await register({ districtCode, nickname: checked.value, showOnBoard })
    setSending(false)
    if (answer.ok) {
      setErrors({})
      onDone()
      return
    }
    setErrors(Object.keys(answer.fields).length > 0 ? answer.fields : { form: answer.message })
  }

  return (
    <View className='pufa-card'>
      <Text className='contest__heading' {...a11y({ role: 'heading', level: 2 })}>
        登记参赛
      </Text>
      <Text className='pufa-muted contest__note'>不用登录微信，也不收集姓名和电话。区县用于统计各区参与情况。</Text>
      <FormField path='districtCode' label='所在区' error={errors.districtCode}>
        <DistrictPicker label='所在区' districts={site.districts} value={districtCode} onChange={setDistrictCode} />
      </FormField>
      <TextField
        path='nickname'
        label='昵称'
        optional
        hint='上积分榜时显示。请不要填写真实姓名、电话等个人信息。'
        value={nickname}
        onChange={setNickname}
        error={errors.nickname}
        maxLength={NICKNAME_MAX}
      />
      <SwitchRow title='上积分榜' description='在积分榜上显示我的昵称和成绩' checked={showOnBoard} onChange={setShowOnBoard} />
      {errors.form ? (
        <Text className='pufa-problem contest__problem' {...a11y({ role: 'alert' })}>
          {errors.form}
        </Text>
      ) : null}
      <Button
        className='pufa-tap contest__start'
        type='primary'
        size='large'
        block
        loading={sending}
        onClick={() => void (sending ? undefined : submit())}
        {...a11y({ role: 'button', disabled: sending })}
      >
        {participant ? '保存登记' : '登记'}
      </Button>
    </View>
  )
}
