/**
 * Contests on the phone against the real service (`pufa serve` on a free port, which opens the
 * sample contest with its sample content): what the browser test of the happy path does not
 * cover. Without a network the pages say a contest needs one; registration shows the phone's and
 * the service's objections; the minimum time per question is kept on the phone; a lost reply
 * does not stop the person; leaving and coming back continues the attempt; the time running out
 * hands in by itself; 提前交卷 asks first; the districts are ranked by participants.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import Taro, { Current } from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import QuizPage from '../../src/pages/quiz'
import ContestPage from '../../src/packages/quiz/contest'
import ContestPlayPage from '../../src/packages/quiz/contest-play'
import ContestResultPage from '../../src/packages/quiz/contest-result'
import ContestStatsPage from '../../src/packages/quiz/contest-stats'
import type { ActiveAttempt, ContestParticipant } from '../../src/core/quiz/contest'
import { getContestsOnDevice } from '../../src/services/contests'
import { setElderMode } from '../../src/services/elder-mode'
import { stopContentSync, syncNow } from '../../src/services/content-store'
import { callProduct, createCityStaffToken, startProduct, type RunningProduct } from '../support/product'
import { recordingCanvas } from './recording-canvas'

// Contest questions wait out the service's minimum seconds per question, as a careful reader would.
jest.setTimeout(40000)

const CLOSED_PORT = 'http://127.0.0.1:9'
const SAMPLE = { id: 'sample-contest', title: '劳动保障法律知识竞赛（示例）', questions: 10 }
const NETWORK = '网络连接失败，请检查网络后再试。'

let product: RunningProduct
let staffToken = ''

function setApiBase(url: string) {
  ;(globalThis as { API_BASE?: string }).API_BASE = url.replace(/\/$/, '')
}

function openPage(page: string, params: Record<string, string>) {
  Current.router = { params, path: `/packages/quiz/${page}/index`, onReady: '', onHide: '', onShow: '' } as never
}

function observeNavigation(method: 'navigateTo' | 'redirectTo'): () => string[] {
  const spy = jest.spyOn(Taro, method).mockResolvedValue({ errMsg: `${method}:ok` })
  return () => spy.mock.calls.map(([options]) => options.url)
}

function readServer<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(product.dataDir, 'pufa.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}

function answersOnServer(attemptId: string): { question_id: string; option_ids: string }[] {
  return readServer('SELECT question_id, option_ids FROM quiz_answers WHERE attempt_id = ? ORDER BY answered_at', attemptId)
}

function finishedOnServer(attemptId: string): boolean {
  const [row] = readServer<{ finished_at: number | null }>('SELECT finished_at FROM quiz_attempts WHERE id = ?', attemptId)
  return row.finished_at !== null
}

function attemptOnDevice(): ActiveAttempt {
  const { attempt } = getContestsOnDevice()
  if (!attempt) throw new Error('no attempt under way on the device')
  return attempt
}

function api<T>(method: 'GET' | 'POST', url: string, body?: unknown, token?: string): Promise<T> {
  return callProduct<T>(product, method, url, body, token)
}

/** A contest configured through the staff API, open from a minute ago. */
async function createContest(overrides: Record<string, unknown>): Promise<string> {
  const now = Date.now()
  const body = {
    title: '测试竞赛',
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 7 * 24 * 3600_000).toISOString(),
    questionCount: 3,
    timeLimitSeconds: 600,
    attemptsPerDay: 3,
    minSecondsPerQuestion: 1,
    drawRule: { kind: 'mixed' },
    ...overrides,
  }
  return (await api<{ id: string }>('POST', '/api/v1/admin/contests', body, staffToken)).id
}

async function question(): Promise<{ position: number; stem: string }> {
  const counter = await screen.findByText(/^第\d+题，共\d+题$/)
  const stem = screen.getByRole('heading', { level: 2 }).textContent ?? ''
  return { position: Number(/^第(\d+)题/.exec(counter.textContent ?? '')?.[1]), stem }
}

function pickFirstOption() {
  const [first] = screen.queryAllByRole('radio').length > 0 ? screen.getAllByRole('radio') : screen.getAllByRole('checkbox')
  fireEvent.click(first)
}

/**
 * Taps the submit button until `done`, as a person does who tapped too soon: the page refuses
 * each early tap itself. A tap is made only while the page is not busy sending.
 */
async function tapUntil(button: '提交本题' | '提交并交卷', done: () => boolean) {
  await waitFor(
    () => {
      if (done()) return
      const submit = screen.queryByRole('button', { name: button })
      if (submit && submit.getAttribute('aria-disabled') !== 'true') fireEvent.click(submit)
      throw new Error('the answer has not gone yet')
    },
    { timeout: 10000, interval: 200 },
  )
}

/** Submits the chosen option once the minimum time has passed, and waits for the next question. */
async function submitOnceAllowed(button: '提交本题' | '提交并交卷', position: number) {
  await tapUntil(button, () => {
    const shown = screen.queryByText(/^第\d+题，共\d+题$/)?.textContent ?? ''
    return shown === '' || Number(/^第(\d+)题/.exec(shown)?.[1]) !== position
  })
}

/** Opens the contest page and taps 开始答题; returns the play page rendered as navigateTo would. */
async function startFromContestPage(contestId: string) {
  const navigations = observeNavigation('navigateTo')
  openPage('contest', { id: contestId })
  const page = render(<ContestPage />)
  fireEvent.click(await screen.findByRole('button', { name: '开始答题' }))
  await waitFor(() => expect(navigations()).toEqual(['/packages/quiz/contest-play/index']))
  page.unmount()
  openPage('contest-play', {})
  return render(<ContestPlayPage />)
}

beforeAll(async () => {
  localStorage.clear()
  product = await startProduct()
  setApiBase(product.url)
  // The site's districts, as the app has them on a phone.
  await act(async () => {
    await syncNow('launch')
  })
  staffToken = await createCityStaffToken(product, '市局竞赛管理员')
}, 30000)

afterAll(async () => {
  stopContentSync()
  await product?.stop()
})

beforeEach(() => setApiBase(product.url))

afterEach(() => jest.restoreAllMocks())

describe('没有网络时', () => {
  it('the quiz tab’s contest card says contests need the network, and lists the contest online', async () => {
    setApiBase(CLOSED_PORT)
    const offline = render(<QuizPage />)
    expect(await screen.findByText(`${NETWORK}竞赛需要联网参加，练习不用联网。`, undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.queryByRole('link', { name: new RegExp(`^${SAMPLE.title}`) })).not.toBeInTheDocument()

    setApiBase(product.url)
    const navigations = observeNavigation('navigateTo')
    fireEvent.click(within(offline.container).getByRole('button', { name: '重试' }))
    const row = await screen.findByRole('link', { name: new RegExp(`^${SAMPLE.title}`) }, { timeout: 10000 })
    expect(row).toHaveTextContent(/进行中 · \d+月\d+日 \d+:\d\d 截止 · 每次10道题/)
    fireEvent.click(row)
    expect(navigations()).toEqual([`/packages/quiz/contest/index?id=${SAMPLE.id}`])
  })

  it('the contest page says it needs the network and 重试 works once back online', async () => {
    setApiBase(CLOSED_PORT)
    openPage('contest', { id: SAMPLE.id })
    render(<ContestPage />)
    expect(await screen.findByText('暂时无法获取竞赛信息', undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getByText(`${NETWORK}竞赛由服务器出题和计时，需要联网参加。`)).toBeInTheDocument()
    expect(screen.queryByText('竞赛规则')).not.toBeInTheDocument()

    setApiBase(product.url)
    fireEvent.click(screen.getByRole('button', { name: '重试' }))
    expect(await screen.findByRole('heading', { level: 2, name: '竞赛规则' }, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getByText('每次10道题，限时10分钟')).toBeInTheDocument()
    expect(screen.getByText('每道题至少用2秒，看清题目再作答')).toBeInTheDocument()
    expect(screen.getByText('登记参赛')).toBeInTheDocument()
  })
})

describe('登记参赛', () => {
  it('asks for the district, shows the service’s objection under 昵称, keeps the token, and lets the person change district', async () => {
    const participantsBefore = readServer<{ id: string }>('SELECT id FROM quiz_participants').length
    openPage('contest', { id: SAMPLE.id })
    render(<ContestPage />)
    fireEvent.click(await screen.findByRole('button', { name: '登记' }))
    expect(await screen.findByText('请选择您所在的区', { selector: '.form-field__error' })).toBeInTheDocument()
    expect(readServer('SELECT id FROM quiz_participants')).toHaveLength(participantsBefore)

    // A phone number as nickname: the service refuses it, and says why at the field.
    fireEvent.click(screen.getByRole('radio', { name: '天河区' }))
    const nickname = await screen.findByRole('textbox', { name: '昵称' })
    fireEvent.input(nickname, { target: { value: '13800138000' } })
    fireEvent.click(screen.getByRole('button', { name: '登记' }))
    const objection = '昵称里请不要填写电话号码、证件号码等个人信息'
    expect(await screen.findByText(objection, { selector: '.form-field__error' }, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.queryByText('请选择您所在的区')).not.toBeInTheDocument()
    await waitFor(() => expect(screen.getByRole('textbox', { name: '昵称' })).toHaveAccessibleDescription(objection))
    expect(getContestsOnDevice().participant).toBeNull()
    expect(readServer('SELECT id FROM quiz_participants')).toHaveLength(participantsBefore)

    fireEvent.input(screen.getByRole('textbox', { name: '昵称' }), { target: { value: '学法小林' } })
    fireEvent.click(screen.getByRole('switch', { name: '上积分榜' }))
    fireEvent.click(screen.getByRole('button', { name: '登记' }))
    expect(await screen.findByText('已登记：天河区 · 昵称“学法小林” · 上积分榜', undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '开始答题' })).toBeInTheDocument()
    const first = Taro.getStorageSync('pufa.quiz.participant') as ContestParticipant
    expect(first).toEqual({ token: expect.stringMatching(/^pufa_qp_[A-Za-z0-9_-]{43}$/), districtCode: '440106', nickname: '学法小林', showOnBoard: true })
    expect(readServer('SELECT id FROM quiz_participants')).toHaveLength(participantsBefore + 1)

    // 更改登记: the form comes back filled in; another district replaces the registration.
    fireEvent.click(screen.getByRole('button', { name: '更改登记' }))
    expect(await screen.findByRole('radio', { name: '天河区' })).toHaveAttribute('aria-checked', 'true')
    expect(screen.getByRole('textbox', { name: '昵称' })).toHaveValue('学法小林')
    fireEvent.click(screen.getByRole('radio', { name: '越秀区' }))
    fireEvent.click(screen.getByRole('button', { name: '保存登记' }))
    expect(await screen.findByText('已登记：越秀区 · 昵称“学法小林” · 上积分榜', undefined, { timeout: 10000 })).toBeInTheDocument()
    const second = Taro.getStorageSync('pufa.quiz.participant') as ContestParticipant
    expect(second).toMatchObject({ districtCode: '440104', nickname: '学法小林', showOnBoard: true })
    expect(second.token).not.toBe(first.token)
  })
})

describe('竞赛答题', () => {
  let attemptId = ''
  let deadlineAt = 0

  it('keeps the minimum time per question on the phone: a too quick answer is not sent', async () => {
    await startFromContestPage(SAMPLE.id)
    expect(await screen.findByText(`第1题，共${SAMPLE.questions}题`)).toBeInTheDocument()
    expect(screen.getByRole('timer')).toHaveTextContent(/^剩余 (10:00|09:[0-5]\d)$/)
    const attempt = attemptOnDevice()
    attemptId = attempt.started.attemptId
    deadlineAt = attempt.deadlineAt

    const request = jest.spyOn(Taro, 'request')
    fireEvent.click(screen.getByRole('button', { name: '提交本题' }))
    const multiple = screen.queryAllByRole('checkbox').length > 0
    expect(await screen.findByRole('alert')).toHaveTextContent(multiple ? '请至少选择一项，再提交。' : '请先选择一项，再提交。')
    pickFirstOption()
    fireEvent.click(screen.getByRole('button', { name: '提交本题' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(/^每道题至少要用2秒，请看清题目，[12]秒后再提交。$/)
    expect(request).not.toHaveBeenCalled()
    expect(answersOnServer(attemptId)).toEqual([])
    request.mockRestore()

    await submitOnceAllowed('提交本题', 1)
    expect(await screen.findByText(`第2题，共${SAMPLE.questions}题`)).toBeInTheDocument()
    expect(answersOnServer(attemptId)).toHaveLength(1)
  })

  it('moves on when the answer reached the service but its reply was lost: the resend counts as recorded', async () => {
    openPage('contest-play', {})
    render(<ContestPlayPage />)
    const { position, stem } = await question()
    expect(position).toBe(2)
    const questionId = attemptOnDevice().started.questions[1].id

    // The answer arrives at the service; the phone sees the network fail before the reply.
    const realRequest = Taro.request
    const lost = jest.spyOn(Taro, 'request').mockImplementation(((options: Taro.request.Option) =>
      realRequest(options).then(() => {
        throw new Error('request:fail timeout')
      })) as unknown as typeof Taro.request)
    pickFirstOption()
    await tapUntil('提交本题', () => lost.mock.calls.length > 0)
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(NETWORK))
    expect(lost).toHaveBeenCalledTimes(1)
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(stem)
    const stored = answersOnServer(attemptId)
    expect(stored.map((row) => row.question_id)).toEqual([expect.any(String), questionId])
    lost.mockRestore()

    // Tapped again: the service answers already_answered, and the page goes on.
    fireEvent.click(screen.getByRole('button', { name: '提交本题' }))
    expect(await screen.findByText(`第3题，共${SAMPLE.questions}题`, undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(answersOnServer(attemptId)).toEqual(stored)
    expect(Object.keys(attemptOnDevice().recorded)).toHaveLength(2)
  })

  it('continues at the first unanswered question with the same deadline after leaving the page', async () => {
    openPage('contest-play', {})
    const play = render(<ContestPlayPage />)
    const before = await question()
    expect(before.position).toBe(3)
    play.unmount()

    // From the contest page, the attempt under way is offered again.
    const navigations = observeNavigation('navigateTo')
    openPage('contest', { id: SAMPLE.id })
    const contest = render(<ContestPage />)
    fireEvent.click(await screen.findByRole('button', { name: '继续答题' }, { timeout: 10000 }))
    expect(screen.queryByRole('button', { name: '开始答题' })).not.toBeInTheDocument()
    expect(navigations()).toEqual(['/packages/quiz/contest-play/index'])
    contest.unmount()

    openPage('contest-play', {})
    render(<ContestPlayPage />)
    const after = await question()
    expect(after).toEqual(before)
    expect(attemptOnDevice().deadlineAt).toBe(deadlineAt)
    const left = Math.ceil((deadlineAt - Date.now()) / 1000)
    const [, minutes, seconds] = /^剩余 (\d\d):(\d\d)$/.exec(screen.getByRole('timer').textContent ?? '') ?? []
    expect(Math.abs(Number(minutes) * 60 + Number(seconds) - left)).toBeLessThanOrEqual(1)
  })

  it('提前交卷 asks first, on the page (no pop-up), and hands in only when confirmed', async () => {
    const redirects = observeNavigation('redirectTo')
    const showModal = jest.spyOn(Taro, 'showModal')
    openPage('contest-play', {})
    render(<ContestPlayPage />)
    expect((await question()).position).toBe(3)

    fireEvent.click(screen.getByRole('button', { name: '提前交卷' }))
    const asked = await screen.findByRole('alert')
    expect(asked).toHaveTextContent('现在交卷？还有8道题没有作答，交卷后不能再答，没答的题不得分。')
    // 继续答题: nothing is handed in.
    fireEvent.click(within(asked).getByRole('button', { name: '继续答题' }))
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(screen.getByText(`第3题，共${SAMPLE.questions}题`)).toBeInTheDocument()
    expect(finishedOnServer(attemptId)).toBe(false)
    expect(redirects()).toEqual([])

    fireEvent.click(screen.getByRole('button', { name: '提前交卷' }))
    fireEvent.click(within(await screen.findByRole('alert')).getByRole('button', { name: '交卷' }))
    await waitFor(() => expect(redirects()).toEqual([`/packages/quiz/contest-result/index?attempt=${attemptId}`]), { timeout: 10000 })
    expect(finishedOnServer(attemptId)).toBe(true)
    expect(getContestsOnDevice().attempt).toBeNull()

    openPage('contest-result', { attempt: attemptId })
    render(<ContestResultPage />)
    expect(await screen.findByText(/^答对 [0-2]\/10 题$/, undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getAllByText(/^第\d+题 ✗ 没有作答$/)).toHaveLength(8)
    expect(getContestsOnDevice().records.map((record) => record.attemptId)).toContain(attemptId)
    expect(showModal).not.toHaveBeenCalled()
  })

  it('prints the certificate of a finished attempt: the name checked, then a PNG with name, contest, score and China date', async () => {
    const { drawn, downloads } = recordingCanvas('blob:certificate')

    openPage('contest-result', { attempt: attemptId })
    render(<ContestResultPage />)
    const field = await screen.findByRole('textbox', { name: '印在证书上的姓名或昵称' }, { timeout: 10000 })
    await waitFor(() => expect(field).toHaveValue('学法小林'))
    fireEvent.input(field, { target: { value: '  ' } })
    fireEvent.click(screen.getByRole('button', { name: '下载证书图片' }))
    expect(await screen.findByText('请填写要印在证书上的姓名或昵称', { selector: '.form-field__error' })).toBeInTheDocument()
    expect(downloads).toEqual([])

    fireEvent.input(field, { target: { value: '林小法' } })
    fireEvent.click(screen.getByRole('button', { name: '下载证书图片' }))
    expect(await screen.findByText('证书图片已下载（参赛证书.png），可以在浏览器的“下载”里找到。')).toBeInTheDocument()
    expect(downloads).toEqual(['参赛证书.png blob:certificate'])
    const record = getContestsOnDevice().records.find((entry) => entry.attemptId === attemptId)
    if (!record) throw new Error('the finished attempt is not on the device')
    expect(drawn).toEqual([
      '参赛证书',
      '林小法',
      `参加“${SAMPLE.title}”`,
      `答对 ${record.score} 题（共 10 题）`,
      '特发此证，以资鼓励。',
      expect.stringMatching(/人力资源和社会保障局$/),
      expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日$/),
    ])
  })

  it('hands in by itself when the countdown reaches zero and opens the result', async () => {
    // The service ends an attempt when its contest closes: a contest closing in a few seconds.
    const closesAt = Date.now() + 6000
    const contestId = await createContest({ title: '马上截止的竞赛', endsAt: new Date(closesAt).toISOString() })
    const redirects = observeNavigation('redirectTo')
    await startFromContestPage(contestId)
    expect(await screen.findByText('第1题，共3题')).toBeInTheDocument()
    expect(screen.getByRole('timer')).toHaveTextContent(/^剩余 00:0[1-6]$/)
    const started = attemptOnDevice().started.attemptId
    pickFirstOption()
    await submitOnceAllowed('提交本题', 1)
    expect(await screen.findByText('第2题，共3题')).toBeInTheDocument()

    // Nobody taps anything more.
    expect(await screen.findByText('答题时间到，正在交卷……', undefined, { timeout: 15000 })).toBeInTheDocument()
    await waitFor(() => expect(redirects()).toEqual([`/packages/quiz/contest-result/index?attempt=${started}`]), { timeout: 10000 })
    expect(Date.now()).toBeGreaterThanOrEqual(closesAt - 1000)
    expect(finishedOnServer(started)).toBe(true)

    openPage('contest-result', { attempt: started })
    render(<ContestResultPage />)
    expect(await screen.findByText(/^答对 [01]\/3 题$/, undefined, { timeout: 10000 })).toBeInTheDocument()
    expect(screen.getAllByText(/^第\d+题 ✗ 没有作答$/)).toHaveLength(2)
  })

  it('in elder mode shows the time left in calm words instead of a ticking clock, and still hands in at time-up', async () => {
    setElderMode(true)
    try {
      const closesAt = Date.now() + 5000
      const contestId = await createContest({ title: '长辈模式下马上截止的竞赛', endsAt: new Date(closesAt).toISOString() })
      const redirects = observeNavigation('redirectTo')
      await startFromContestPage(contestId)
      expect(await screen.findByText('第1题，共3题')).toBeInTheDocument()
      const timer = screen.getByRole('timer')
      expect(timer).toHaveTextContent(/^还剩不到1分钟$/)
      // No clock anywhere on the page, and the words stay as they are from one second to the next.
      expect(screen.queryByText(/\d\d:\d\d/)).not.toBeInTheDocument()
      await act(() => new Promise((resolve) => setTimeout(resolve, 1500)))
      expect(screen.getByRole('timer')).toHaveTextContent(/^还剩不到1分钟$/)
      const started = attemptOnDevice().started.attemptId

      // Nobody taps anything.
      expect(await screen.findByText('答题时间到，正在交卷……', undefined, { timeout: 15000 })).toBeInTheDocument()
      await waitFor(() => expect(redirects()).toEqual([`/packages/quiz/contest-result/index?attempt=${started}`]), { timeout: 10000 })
      expect(finishedOnServer(started)).toBe(true)
    } finally {
      setElderMode(false)
    }
  })

  it('in elder mode says the whole minutes left of a longer limit', async () => {
    setElderMode(true)
    try {
      const contestId = await createContest({ title: '长辈模式下的十分钟竞赛', timeLimitSeconds: 600 })
      const redirects = observeNavigation('redirectTo')
      await startFromContestPage(contestId)
      expect(await screen.findByText('第1题，共3题')).toBeInTheDocument()
      // A 10-minute limit: 10 whole minutes at the very start, 9 a moment later.
      expect(screen.getByRole('timer')).toHaveTextContent(/^还剩约(9|10)分钟$/)
      expect(screen.queryByText(/\d\d:\d\d/)).not.toBeInTheDocument()
      fireEvent.click(screen.getByRole('button', { name: '提前交卷' }))
      fireEvent.click(within(await screen.findByRole('alert')).getByRole('button', { name: '交卷' }))
      await waitFor(() => expect(redirects()).toHaveLength(1), { timeout: 10000 })
    } finally {
      setElderMode(false)
    }
  })
})

describe('各区参与情况', () => {
  it('ranks districts by participants, ties share a rank, and districts with nobody show —', async () => {
    const contestId = await createContest({ title: '统计用的竞赛', questionCount: 1, minSecondsPerQuestion: 0 })
    // Residents of three districts hand in on their own phones; one more starts but never hands in.
    const play = async (districtCode: string, finish: boolean) => {
      const { participantToken } = await api<{ participantToken: string }>('POST', '/api/v1/quiz/participants', { districtCode })
      const { attemptId } = await api<{ attemptId: string }>('POST', `/api/v1/quiz/contests/${contestId}/attempts`, undefined, participantToken)
      if (finish) await api('POST', `/api/v1/quiz/attempts/${attemptId}/finish`, undefined, participantToken)
    }
    await play('440106', true)
    await play('440106', true)
    await play('440104', true)
    await play('440103', true)
    await play('440105', false)

    openPage('contest-stats', { id: contestId })
    render(<ContestStatsPage />)
    expect(await screen.findByText('共 4 人参加', undefined, { timeout: 10000 })).toBeInTheDocument()
    const table = screen.getByRole('heading', { level: 2, name: '各区参与人数' }).nextElementSibling as HTMLElement
    const rows = Array.from(table.children).map((row) => row.textContent)
    expect(rows.slice(0, 3)).toEqual(['1天河区2人50.0%', '2荔湾区1人25.0%', '2越秀区1人25.0%'])
    expect(rows.length).toBeGreaterThan(3)
    for (const row of rows.slice(3)) expect(row).toMatch(/^—\S+区0人0\.0%$/)
    expect(within(table).getByText('海珠区').parentElement).toHaveTextContent('—海珠区0人0.0%')
    expect(screen.getByText('还没有人上榜。')).toBeInTheDocument()
  })
})
