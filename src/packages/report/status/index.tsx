import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import { a11y } from '../../../components/a11y'
import { controlProps } from '../../../components/form-field/control'
import { useSite, useWorkCalendar } from '../../../components/use-content'
import { chinaDateOf } from '../../../core/calendar/working-days'
import { formatChinaDateTime, formatChineseDate } from '../../../core/format-date'
import { deadlineStanding, describeStanding, runningDeadlines } from '../../../core/tips/clock'
import type { ApplicableDeadlines } from '../../../core/tips/deadlines'
import { verifierOf } from '../../../core/tips/outbox'
import { tipStatusName } from '../../../core/tips/status'
import { parseTrackingCode } from '../../../core/tips/tracking-code'
import { parseVerifier } from '../../../core/tips/verifier'
import { getOutboxReport, listOutbox } from '../../../services/report-outbox'
import { noteSeen } from '../../../services/followed-reports'
import { lookUpTip, type TipStatusView } from '../../../services/tip-status'
import DeadlineList from '../parts/deadline-list'
import Outcome from '../parts/outcome'
import Conversation from '../parts/conversation'
import Rating from '../parts/rating'
import './index.scss'

const KIND_NAMES: Record<string, string> = { complaint: '投诉', tip: '举报' }
const NOT_FOUND = '没有找到这份反映，请核对查询码和验证信息'

type Lookup =
  | { step: 'idle' }
  | { step: 'loading' }
  | { step: 'failed'; message: string }
  | { step: 'found'; view: TipStatusView; verifier: string }

const chinaDateTime = formatChinaDateTime

/** A text input's name and state for screen readers (see controlProps), with more attributes for browsers. */
function inputProps(label: string, invalid: boolean, browser: Record<string, string>) {
  const { nativeProps, ...props } = controlProps({ label, invalid })
  return nativeProps ? { ...props, nativeProps: { ...nativeProps, ...browser } } : props
}

/** The tracking code and verifier this device holds for a report it sent. */
function fromDevice(key: string): { code: string; verifier: string } | null {
  const report = key ? getOutboxReport(key) : null
  const verifier = report ? verifierOf(report) : null
  return report?.receipt && verifier ? { code: report.receipt.trackingCode, verifier } : null
}

/**
 * Opened from 我的反映 by a code (WeChat, a report of this WeChat user): the session stands for the
 * verifier, or the verifier this device holds when it sent the report itself.
 */
function fromAccount(code: string): { code: string; verifier: string; owned: true } | null {
  if (!code) return null
  const held = listOutbox().find((report) => report.receipt?.trackingCode === code)
  return { code, verifier: (held && verifierOf(held)) ?? '', owned: true }
}

export default function TipStatusPage() {
  const params = useRouter().params
  const key = decodeURIComponent(params.key ?? '')
  const [prefilled] = useState(() => fromDevice(key) ?? fromAccount(decodeURIComponent(params.code ?? '')))
  const [code, setCode] = useState(prefilled?.code ?? '')
  const [verifier, setVerifier] = useState(prefilled?.verifier ?? '')
  const [errors, setErrors] = useState<{ code?: string; verifier?: string }>({})
  const [lookup, setLookup] = useState<Lookup>({ step: 'idle' })

  async function submit(codeInput: string, verifierInput: string, owned = false) {
    const parsedCode = parseTrackingCode(codeInput)
    const parsedVerifier = owned && verifierInput === '' ? { ok: true as const, value: '' } : parseVerifier(verifierInput)
    setErrors({ code: parsedCode.ok ? undefined : parsedCode.message, verifier: parsedVerifier.ok ? undefined : parsedVerifier.message })
    if (!parsedCode.ok || !parsedVerifier.ok) return
    setLookup({ step: 'loading' })
    const result = await lookUpTip(parsedCode.value, parsedVerifier.value)
    if (result.ok) {
      noteSeen(result.data)
      setLookup({ step: 'found', view: result.data, verifier: parsedVerifier.value })
    }
    else setLookup({ step: 'failed', message: result.status === 404 ? NOT_FOUND : result.message })
  }

  // Opened from 我的反映: look it up at once with what the device holds.
  useEffect(() => {
    if (prefilled) void submit(prefilled.code, prefilled.verifier, 'owned' in prefilled)
  }, [prefilled])

  return (
    <PageShell title='查询进度' lead='填写提交反映时得到的查询码，以及查询密钥（匿名反映）或您留下的电话号码后四位。'>
      <View className='pufa-card'>
        <Text className='tip-status__label'>查询码</Text>
        <Input
          className='pufa-tap tip-status__input'
          value={code}
          maxlength={48}
          placeholder='如 K7QF-3MZP-9XRD-2WT8'
          onInput={(event) => setCode(event.detail.value)}
          {...inputProps('查询码', Boolean(errors.code), { autoCapitalize: 'characters', autoComplete: 'off' })}
        />
        {errors.code ? (
          <Text className='tip-status__error' {...a11y({ role: 'alert' })}>
            {errors.code}
          </Text>
        ) : null}
        <Text className='tip-status__label'>查询密钥或电话号码后四位</Text>
        <Input
          className='pufa-tap tip-status__input'
          value={verifier}
          maxlength={96}
          placeholder='实名反映填电话号码后四位'
          onInput={(event) => setVerifier(event.detail.value)}
          {...inputProps('查询密钥或电话号码后四位', Boolean(errors.verifier), { autoComplete: 'off' })}
        />
        {errors.verifier ? (
          <Text className='tip-status__error' {...a11y({ role: 'alert' })}>
            {errors.verifier}
          </Text>
        ) : null}
        <Button
          className='pufa-tap tip-status__submit'
          type='primary'
          size='large'
          block
          loading={lookup.step === 'loading'}
          disabled={lookup.step === 'loading'}
          onClick={() => void submit(code, verifier)}
          {...a11y({ role: 'button', disabled: lookup.step === 'loading' })}
        >
          {lookup.step === 'loading' ? '正在查询' : '查询'}
        </Button>
        {lookup.step === 'failed' ? (
          <Text className='tip-status__error' {...a11y({ role: 'alert' })}>
            {lookup.message}
          </Text>
        ) : null}
      </View>
      {lookup.step === 'found' ? <Progress view={lookup.view} verifier={lookup.verifier} /> : null}
    </PageShell>
  )
}

function Progress({ view, verifier }: { view: TipStatusView; verifier: string }) {
  const site = useSite()
  const calendar = useWorkCalendar()
  const today = chinaDateOf(new Date())
  const district = site.districts.find((candidate) => candidate.code === view.districtCode)?.name
  const acceptedOn = view.acceptedOn ?? null
  const standings: Partial<Record<keyof ApplicableDeadlines, string>> = {}
  for (const key of runningDeadlines(view.status)) {
    const deadline = view.deadlines[key]
    if (deadline) standings[key] = describeStanding(deadlineStanding(deadline.date, today, calendar))
  }
  const final = view.status === 'rejected' || view.status === 'closed' ? view.status : null
  const decision = final ? [...view.timeline].reverse().find((entry) => entry.status === final) : undefined

  return (
    <>
      <View className='pufa-card' {...a11y({ role: 'status' })}>
        <Text className='tip-status__heading' {...a11y({ role: 'heading', level: 2 })}>
          当前状态：{tipStatusName(view.status)}
        </Text>
        <Text className='pufa-muted'>
          {KIND_NAMES[view.kind] ?? '反映'}
          {district ? ` · ${district}` : ''}
        </Text>
        <Text className='pufa-muted'>提交时间：{chinaDateTime(view.submittedAt)}</Text>
        {acceptedOn ? <Text className='pufa-muted'>受理日期：{formatChineseDate(acceptedOn)}</Text> : null}
        <Text className='pufa-muted'>查询码：{view.trackingCode}</Text>
      </View>

      <View className='pufa-card'>
        <Text className='tip-status__heading' {...a11y({ role: 'heading', level: 2 })}>
          办理经过
        </Text>
        {view.timeline.map((entry, index) => (
          <View key={`${entry.at}-${index}`} className='tip-status__event'>
            <Text className='tip-status__event-status'>{tipStatusName(entry.status)}</Text>
            <Text className='pufa-muted'>{chinaDateTime(entry.at)}</Text>
            {entry.note ? <Text className='tip-status__note'>{entry.note}</Text> : null}
          </View>
        ))}
      </View>

      <Conversation trackingCode={view.trackingCode} verifier={verifier} summary={view.messages ?? null} />

      {final ? (
        <>
          <Outcome kind={view.kind} status={final} decidedAt={decision ? chinaDateTime(decision.at) : ''} note={decision?.note ?? null} closing={final === 'closed' ? (view.outcome ?? null) : null} />
          {final === 'closed' ? <Rating trackingCode={view.trackingCode} verifier={verifier} given={view.rating ?? null} /> : null}
        </>
      ) : (
        <DeadlineList kind={view.kind} deadlines={view.deadlines} acceptedOn={acceptedOn} standings={standings} />
      )}
    </>
  )
}
