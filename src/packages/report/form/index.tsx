import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import Taro, { useDidHide, useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import PageShell from '../../../components/page-shell'
import ChoiceGroup from '../../../components/choice-group'
import CheckRow from '../../../components/check-row'
import DistrictPicker from '../../../components/district-picker'
import FormField from '../../../components/form-field'
import { focusField } from '../../../components/form-field/focus'
import { fieldErrorId } from '../../../components/form-field/ids'
import MonthPicker from '../../../components/month-picker'
import PhotoPicker from '../../../components/photo-picker'
import TextField from '../../../components/text-field'
import LinkRow from '../../../components/link-row'
import EmptyState from '../../../components/empty-state'
import { a11y } from '../../../components/a11y'
import { useSite } from '../../../components/use-content'
import LegalPoints from '../../../components/legal-points'
import { REPORTER_PROTECTION } from '../../../components/legal-points/remedies'
import PersonalDataNotice from '../parts/personal-data-notice'
import SensitiveConsent from '../parts/sensitive-consent'
import { chinaDateOf } from '../../../core/calendar/working-days'
import { inspectionLimitWarning } from '../../../core/tips/inspection-limit'
import { REPORT_EVIDENCE } from '../../../core/tips/evidence'
import {
  carriesSensitiveData,
  draftOf,
  errorsByField,
  fieldUnchanged,
  FORM_FIELDS,
  givesPersonalData,
  newDraft,
  payloadOf,
  photosToSend,
  sensitiveChoiceProblem,
  type FieldError,
  type FormField as Field,
  type ReportDraft,
} from '../../../core/tips/draft'
import { validateReport, type ReportContext } from '../../../core/tips/report'
import { describeField, REPORT_LIMITS, type ReportKind } from '../../../core/tips/report-fields'
import { clearCorrection, clearDraft, describeDraft, loadCorrection, loadDraft, newReportKey, saveCorrection, saveDraft } from '../../../services/report-draft'
import { discardPhoto, restorePhoto } from '../../../services/photo-files'
import { getOutboxReport, OutboxStorageError, queueReport, type OutboxReport } from '../../../services/report-outbox'
import WeChatPhoneButton from '../parts/wechat-phone'
import './index.scss'

const TITLE = '填写欠薪反映'
const CORRECTION_TITLE = '修改欠薪反映'
const AUTOSAVE_DELAY_MS = 300
const CODED_MAX_LENGTH = REPORT_LIMITS.codedValueMaxLength

const KINDS: { value: ReportKind; label: string }[] = [
  { value: 'complaint', label: '投诉：我本人被欠薪' },
  { value: 'tip', label: '举报：替别人反映或匿名' },
]

const NAMING = [
  { value: 'named', label: '留下姓名和电话' },
  { value: 'anonymous', label: '匿名' },
] as const

const WORKPLACES = [
  { value: 'other', label: '不是工地' },
  { value: 'construction', label: '是建筑工地' },
] as const

const AMOUNT_FORMS = '可以写 12800.50 或 5万；不清楚具体数目，可以写“约5万”'

const PHOTO_EVIDENCE = REPORT_EVIDENCE.filter((item) => item.photographable)
  .map((item) => item.title)
  .join('、')

function discard(draft: ReportDraft): void {
  draft.photos.forEach(discardPhoto)
  clearDraft()
}

/** Where the form keeps what is typed until it is queued. */
interface DraftSlot {
  save(draft: ReportDraft): boolean
  clear(): void
}

const NEW_REPORT: DraftSlot = { save: saveDraft, clear: clearDraft }
const CORRECTION: DraftSlot = { save: saveCorrection, clear: clearCorrection }

/** What the service said when it turned a queued report back, and the report as it was sent. */
interface Returned {
  sent: ReportDraft
  fields: Record<string, string>
  /** A sentence for what no field message says, or null. */
  notice: string | null
  /** The photos the outbox holds for the report: they stay until it is queued again. */
  photos: readonly string[]
}

const KEY_TAKEN_NOTICE = '这份反映之前已经发送过，但内容和这次不一样，所以这次没有被受理。请核对内容后重新提交，它会作为一份新的反映发送。'

/**
 * /packages/report/form/index?kind=complaint|tip, or ?resume=1 to go straight on with the saved
 * draft, or ?key=<key> to correct the queued report the service turned back.
 */
export default function ReportFormPage() {
  const { kind, resume, key } = useRouter().params
  if (key) return <Correction reportKey={decodeURIComponent(key)} />
  return <NewReport kind={kind === 'tip' ? 'tip' : 'complaint'} resume={resume === '1'} />
}

function openReceipt(key: string) {
  Taro.redirectTo({ url: `/packages/report/receipt/index?key=${encodeURIComponent(key)}` }).catch(() => undefined)
}

function returnedOf(report: OutboxReport, sent: ReportDraft): Returned {
  const named = Object.keys(report.fields).length > 0
  return {
    sent,
    fields: report.fields,
    notice: report.keyTaken ? KEY_TAKEN_NOTICE : named ? null : report.lastError,
    photos: report.photos.map((photo) => photo.path),
  }
}

function Correction({ reportKey }: { reportKey: string }) {
  // Read once: once queued again, the report moves on while this page goes to its receipt.
  const [report] = useState(() => getOutboxReport(reportKey))
  const [opened] = useState(() => {
    if (report?.state !== 'needs_attention') return null
    const sent = draftOf(report.key, report.payload, report.photos.map((photo) => photo.path), Date.now())
    return { initial: loadCorrection(report.key) ?? sent, returned: returnedOf(report, sent) }
  })

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: CORRECTION_TITLE }).catch(() => undefined)
  }, [])

  if (report && opened) {
    return <ReportForm initial={opened.initial} slot={CORRECTION} returned={opened.returned} />
  }
  return (
    <PageShell title={CORRECTION_TITLE}>
      <EmptyState
        title={report ? '这份反映不需要修改' : '没有找到这份反映'}
        description={
          report === null
            ? '本机提交过的反映，都可以在“我的反映”里查看。'
            : report.state === 'sent'
              ? '它已经提交成功，办理进度请看回执。'
              : '它已经重新提交，发送情况请看回执。'
        }
      />
      <View className='pufa-list'>
        {report ? (
          <LinkRow title='查看回执' onClick={() => openReceipt(report.key)} />
        ) : (
          <LinkRow title='我的反映' onClick={() => void Taro.redirectTo({ url: '/packages/report/mine/index' }).catch(() => undefined)} />
        )}
      </View>
    </PageShell>
  )
}

function NewReport({ kind: requestedKind, resume }: { kind: ReportKind; resume: boolean }) {
  const [stored, setStored] = useState(() => loadDraft())
  const [started, setStarted] = useState<ReportDraft | null>(() =>
    stored ? (resume ? stored : null) : newDraft(requestedKind, newReportKey(), Date.now()),
  )

  if (started) return <ReportForm initial={started} slot={NEW_REPORT} />
  return (
    <PageShell title={TITLE}>
      <View className='pufa-card'>
        <Text className='report-form__heading' {...a11y({ role: 'heading', level: 2 })}>
          您有一份没填完的反映
        </Text>
        <Text className='pufa-muted'>{stored ? describeDraft(stored) : ''}</Text>
        <Text className='pufa-muted'>重新填写会删除上次填写的内容和照片。</Text>
      </View>
      <Button className='pufa-tap report-form__button' type='primary' size='large' block onClick={() => setStarted(stored)} {...a11y({ role: 'button' })}>
        继续填写
      </Button>
      <Button
        className='pufa-tap report-form__button'
        size='large'
        block
        onClick={() => {
          if (stored) discard(stored)
          setStored(null)
          setStarted(newDraft(requestedKind, newReportKey(), Date.now()))
        }}
        {...a11y({ role: 'button' })}
      >
        重新填写
      </Button>
    </PageShell>
  )
}

/** validateReport's messages and the form's own rule on the separate consent, by payload path. */
function ownVerdict(draft: ReportDraft, districts: ReportContext['districts']): Record<string, string> {
  const verdict = validateReport(payloadOf(draft), { districts, today: new Date() })
  const fields = verdict.ok ? {} : { ...verdict.fields }
  const consent = sensitiveChoiceProblem(draft)
  if (consent !== null) fields.consentSensitive = consent
  return fields
}

/** The two lists of messages as one, in form order: the service's where it named a field, else the form's own. */
function mergedErrors(service: FieldError[], own: FieldError[]): FieldError[] {
  return FORM_FIELDS.flatMap((field) => service.find((error) => error.field === field) ?? own.find((error) => error.field === field) ?? [])
}

function ReportForm({ initial, slot, returned }: { initial: ReportDraft; slot: DraftSlot; returned?: Returned }) {
  const site = useSite()
  const [draft, setDraft] = useState(initial)
  const [touched, setTouched] = useState<ReadonlySet<Field>>(() => new Set())
  const [submitted, setSubmitted] = useState(false)
  const [focusRequest, setFocusRequest] = useState<{ field: Field } | null>(null)
  const [saveFailed, setSaveFailed] = useState(false)
  const [lostPhotos, setLostPhotos] = useState(0)
  const [queueProblem, setQueueProblem] = useState<string | null>(null)
  const latest = useRef(draft)
  const changed = useRef(false)
  const queued = useRef(false)
  latest.current = draft

  const context = { districts: site.districts, today: new Date() }
  const verdict = useMemo(() => ownVerdict(draft, site.districts), [draft, site.districts])
  const errors = errorsByField(verdict)
  // The service's message on a field holds until the person changes that field.
  const serviceErrors = returned ? errorsByField(returned.fields).filter((error) => fieldUnchanged(returned.sent, draft, error.field)) : []

  const flush = useCallback(() => {
    if (!changed.current || queued.current) return
    setSaveFailed(!slot.save(latest.current))
  }, [slot])

  useEffect(() => {
    if (!changed.current) return undefined
    const timer = setTimeout(flush, AUTOSAVE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [draft, flush])
  useDidHide(flush)
  useEffect(() => flush, [flush])

  // Photos of a restored draft may be gone (the phone cleared them), or, in a browser, be back
  // under a new address after a reload.
  useEffect(() => {
    let active = true
    void Promise.all(initial.photos.map(restorePhoto)).then((restored) => {
      const now = new Map(initial.photos.map((path, index) => [path, restored[index]]))
      if (!active || restored.every((path, index) => path === initial.photos[index])) return
      setLostPhotos(restored.filter((path) => path === null).length)
      // A copy under the old address is only the draft's to drop; a queued report still holds its own.
      for (const [old, renewed] of now) if (renewed && renewed !== old && !returned?.photos.includes(old)) discardPhoto(old)
      changed.current = true
      setDraft((current) => ({ ...current, photos: current.photos.flatMap((path) => (now.has(path) ? (now.get(path) ?? []) : [path])), updatedAt: Date.now() }))
    })
    return () => {
      active = false
    }
  }, [initial.photos, returned?.photos])

  useEffect(() => {
    if (focusRequest) focusField(focusRequest.field)
  }, [focusRequest])

  function update(patch: Partial<ReportDraft>, field?: Field) {
    changed.current = true
    setDraft((current) => ({ ...current, ...patch, updatedAt: Date.now() }))
    if (field) touch(field)
  }

  function touch(field: Field) {
    setTouched((current) => (current.has(field) ? current : new Set(current).add(field)))
  }

  function errorOf(field: Field): string | undefined {
    const service = serviceErrors.find((error) => error.field === field)
    if (service) return service.message
    if (!submitted && !touched.has(field)) return undefined
    return errors.find((error) => error.field === field)?.message
  }

  function submit() {
    setSubmitted(true)
    setQueueProblem(null)
    const final = errorsByField(ownVerdict(draft, context.districts))
    if (final.length > 0) {
      setFocusRequest({ field: final[0].field })
      return
    }
    const photos = photosToSend(draft)
    let report: OutboxReport
    try {
      report = queueReport(draft.key, payloadOf(draft), photos)
    } catch (error) {
      // The outbox could not store it: the draft stays, on screen and on the device.
      setQueueProblem(error instanceof OutboxStorageError ? error.message : '没能保存这份反映，请再试一次。')
      return
    }
    queued.current = true
    slot.clear()
    // Photos left out by a declined consent are the draft's alone (a queued report's stay with it).
    draft.photos.filter((path) => !photos.includes(path) && !returned?.photos.includes(path)).forEach(discardPhoto)
    // A correction may have been given a new key (see requeue): follow the report the outbox holds.
    openReceipt(report.key)
  }

  const text = (field: Field, value: string, patch: (value: string) => Partial<ReportDraft>) => ({
    path: field,
    label: describeField(field),
    value,
    error: errorOf(field),
    onChange: (next: string) => update(patch(next)),
    onBlur: () => touch(field),
  })

  const named = givesPersonalData(draft)
  const sensitive = carriesSensitiveData(draft)
  const limitWarning = inspectionLimitWarning(draft.owedFrom, chinaDateOf(new Date()))
  const shownErrors = mergedErrors(serviceErrors, submitted ? errors : [])

  return (
    <PageShell
      title={returned ? CORRECTION_TITLE : TITLE}
      lead={returned ? '这份反映没有提交成功。请按提示修改，改好后重新提交。' : '填写的内容会自动保存在本机，下次打开可以接着填。'}
    >
      {returned?.notice ? (
        <Text className='report-form__notice' {...a11y({ role: shownErrors.length > 0 ? 'status' : 'alert' })}>
          {returned.notice}
        </Text>
      ) : null}
      {shownErrors.length > 0 ? (
        <View className='pufa-card report-form__summary' {...a11y({ role: 'alert' })}>
          <Text className='report-form__heading'>还有{shownErrors.length}项需要修改：</Text>
          {shownErrors.map((error) => (
            <Text key={error.field} className='pufa-tap report-form__summary-item' onClick={() => setFocusRequest({ field: error.field })} {...a11y({ role: 'link' })}>
              {describeField(error.path)}：{error.message}
            </Text>
          ))}
        </View>
      ) : null}
      <LegalPoints title='您的身份受保护' points={REPORTER_PROTECTION} />
      {saveFailed ? (
        <Text className='report-form__notice' {...a11y({ role: 'status' })}>
          手机存储空间不足，草稿没能保存。请不要关闭本页，填好后尽快提交。
        </Text>
      ) : null}
      {lostPhotos > 0 ? (
        <Text className='report-form__notice' {...a11y({ role: 'status' })}>
          上次添加的{lostPhotos}张照片已经找不到了，请重新添加。
        </Text>
      ) : null}

      <View className='pufa-card'>
        <FormField path='kind' label={describeField('kind')} error={errorOf('kind')}>
          <ChoiceGroup label={describeField('kind')} choices={KINDS} value={draft.kind} onChange={(kind) => update({ kind }, 'kind')} />
        </FormField>
        {draft.kind === 'tip' ? (
          <FormField
            path='anonymous'
            label='是否留名'
            hint={
              draft.anonymous
                ? '匿名举报不留姓名和电话。提交成功后会显示查询码和密钥，请抄下来或截图保存，查询进度时要用。'
                : '留下电话，工作人员核实情况时可以联系您。'
            }
          >
            <ChoiceGroup
              label='是否留名'
              choices={[...NAMING]}
              value={draft.anonymous ? 'anonymous' : 'named'}
              onChange={(choice) => update({ anonymous: choice === 'anonymous' })}
            />
          </FormField>
        ) : null}
      </View>

      {named ? (
        <View className='pufa-card'>
          <Text className='report-form__heading' {...a11y({ role: 'heading', level: 2 })}>
            您的信息
          </Text>
          <TextField {...text('reporter.name', draft.reporterName, (reporterName) => ({ reporterName }))} maxLength={REPORT_LIMITS.reporterName.max} />
          <TextField
            {...text('reporter.mobile', draft.reporterMobile, (reporterMobile) => ({ reporterMobile }))}
            keyboard='phone'
            maxLength={CODED_MAX_LENGTH}
            hint='手机或固定电话都可以，固定电话要加区号，例如 020-83212345。工作人员会打这个电话联系您'
          />
          <WeChatPhoneButton onFill={(reporterMobile) => update({ reporterMobile }, 'reporter.mobile')} />
          {draft.kind === 'complaint' ? (
            <TextField
              {...text('reporter.residentId', draft.reporterResidentId, (reporterResidentId) => ({ reporterResidentId }))}
              keyboard='idcard'
              optional
              maxLength={CODED_MAX_LENGTH}
              hint='居民身份证、港澳台居民居住证或外国人永久居留身份证的号码都可以。填写后方便核实您的身份，不填也可以提交'
            />
          ) : null}
        </View>
      ) : null}

      <View className='pufa-card'>
        <Text className='report-form__heading' {...a11y({ role: 'heading', level: 2 })}>
          欠薪单位
        </Text>
        <TextField
          {...text('employer.name', draft.employerName, (employerName) => ({ employerName }))}
          maxLength={REPORT_LIMITS.employerName.max}
          hint='单位全称；不知道全称的，写老板或包工头的名字'
        />
        <TextField
          {...text('employer.uscc', draft.employerUscc, (employerUscc) => ({ employerUscc }))}
          optional
          maxLength={CODED_MAX_LENGTH}
          hint='营业执照上的18位代码，不知道可以不填'
        />
        <FormField path='districtCode' label={describeField('districtCode')} hint='干活的地方在哪个区' error={errorOf('districtCode')}>
          <DistrictPicker
            label={describeField('districtCode')}
            districts={site.districts}
            value={draft.districtCode}
            onChange={(districtCode) => update({ districtCode }, 'districtCode')}
          />
        </FormField>
        <TextField
          {...text('workAddress', draft.workAddress, (workAddress) => ({ workAddress }))}
          maxLength={REPORT_LIMITS.workAddress.max}
          hint='写到街道门牌号，或者工地的名称'
        />
        <FormField path='isConstruction' label={describeField('isConstruction')} error={errorOf('isConstruction')}>
          <ChoiceGroup
            label={describeField('isConstruction')}
            choices={[...WORKPLACES]}
            value={draft.isConstruction ? 'construction' : 'other'}
            onChange={(choice) => update({ isConstruction: choice === 'construction' }, 'isConstruction')}
          />
        </FormField>
        {draft.isConstruction ? (
          <TextField
            {...text('constructionProject', draft.constructionProject, (constructionProject) => ({ constructionProject }))}
            maxLength={REPORT_LIMITS.constructionProject.max}
            hint='工地围挡或公示牌上写的项目名称'
          />
        ) : null}
      </View>

      <View className='pufa-card'>
        <Text className='report-form__heading' {...a11y({ role: 'heading', level: 2 })}>
          欠薪情况
        </Text>
        <TextField
          {...text('workersOwed', draft.workersOwed, (workersOwed) => ({ workersOwed }))}
          keyboard='integer'
          maxLength={CODED_MAX_LENGTH}
          hint='一共有几个人被欠薪'
        />
        <TextField
          {...text('amountYuan', draft.amountYuan, (amountYuan) => ({ amountYuan }))}
          optional={draft.kind === 'tip'}
          maxLength={CODED_MAX_LENGTH}
          hint={draft.kind === 'tip' ? `单位：元，不知道可以不填。${AMOUNT_FORMS}` : `单位：元。${AMOUNT_FORMS}`}
        />
        {(['owedPeriod.from', 'owedPeriod.to'] as const).map((field) => (
          <FormField key={field} path={field} label={describeField(field)} hint={field === 'owedPeriod.to' ? '现在还在欠的，选本月' : undefined} error={errorOf(field)}>
            <MonthPicker
              label={describeField(field)}
              value={field === 'owedPeriod.from' ? draft.owedFrom : draft.owedTo}
              invalid={Boolean(errorOf(field))}
              describedBy={errorOf(field) ? fieldErrorId(field) : undefined}
              onChange={(month) => update(field === 'owedPeriod.from' ? { owedFrom: month } : { owedTo: month }, field)}
            />
          </FormField>
        ))}
        {limitWarning ? (
          <View className='report-form__notice' {...a11y({ role: 'status' })}>
            {limitWarning.map((line, index) => (
              <Text key={line} className={index === 0 ? 'report-form__notice-line report-form__notice-line--lead' : 'report-form__notice-line'}>
                {line}
              </Text>
            ))}
          </View>
        ) : null}
        <TextField
          {...text('description', draft.description, (description) => ({ description }))}
          multiline
          maxLength={REPORT_LIMITS.description.max}
          hint='从什么时候开始欠，老板或包工头怎么说，您找过谁'
        />
      </View>

      <View className='pufa-card'>
        <FormField path='evidenceIds' label={describeField('evidenceIds')} optional hint={`可以拍下这些材料：${PHOTO_EVIDENCE}。没有也可以提交。`} error={errorOf('evidenceIds')}>
          <PhotoPicker
            photos={draft.photos}
            max={REPORT_LIMITS.evidenceIds.max}
            onAdd={(paths) => update({ photos: [...latest.current.photos, ...paths].slice(0, REPORT_LIMITS.evidenceIds.max) }, 'evidenceIds')}
            onRemove={(index) => {
              // A photo of a queued report stays until the corrected report replaces it.
              if (!returned?.photos.includes(draft.photos[index])) discardPhoto(draft.photos[index])
              update({ photos: draft.photos.filter((_, other) => other !== index) }, 'evidenceIds')
            }}
          />
        </FormField>
        <View className='pufa-list report-form__guide'>
          <LinkRow title='反映前要准备什么' description='每种材料怎么找、怎么拍' onClick={() => void Taro.navigateTo({ url: '/packages/report/guide/index' }).catch(() => undefined)} />
        </View>
      </View>

      <PersonalDataNotice named={named} />
      {sensitive ? (
        <SensitiveConsent draft={draft} error={errorOf('consentSensitive')} onChange={(sensitiveChoice) => update({ sensitiveChoice }, 'consentSensitive')} />
      ) : null}

      <View className='pufa-card'>
        <FormField path='truthful' label={describeField('truthful')} error={errorOf('truthful')}>
          <CheckRow label='我保证所填内容真实' checked={draft.truthful} onChange={(truthful) => update({ truthful }, 'truthful')} />
        </FormField>
      </View>

      {queueProblem ? (
        <Text className='report-form__notice' {...a11y({ role: 'alert' })}>
          {queueProblem}
        </Text>
      ) : null}
      <Button className='pufa-tap' type='primary' size='large' block onClick={submit} {...a11y({ role: 'button' })}>
        {returned ? '重新提交' : '提交反映'}
      </Button>
      <Text className='pufa-muted report-form__after'>提交后先保存在手机上，有网络时自动发送，不会重复提交。</Text>
    </PageShell>
  )
}
