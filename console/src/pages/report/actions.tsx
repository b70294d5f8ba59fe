import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, type FormInstance } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState, type ReactNode } from 'react'

import { chinaDateOf } from '../../../../src/core/calendar/working-days'
import type { TipAction } from '../../../../src/core/tips/actions'
import { CLOSE_METHOD_NAMES, CLOSE_METHODS } from '../../../../src/core/tips/outcome'
import { ApiError } from '../../api/client'
import { actOn, LIMITS, type ReportAction, type ReportDetail } from '../../api/reports'
import { useSession } from '../../session'

const { approverMax: APPROVER_MAX, noteMax: NOTE_MAX, noteToReporterMax: NOTE_TO_REPORTER_MAX } = LIMITS
const UNEXPECTED = '出现了意外的错误，请刷新页面后再试'

/** The service's words for a refused action (or the page's own when it could not say). */
export function refusalWords(error: unknown): string {
  return error instanceof ApiError ? error.message : UNEXPECTED
}

/** A field path as the service names it ('outcome.recoveredYuan' or '/outcome/recoveredYuan') as a form name path. */
function namePath(field: string): string[] {
  return field.replace(/^\//, '').split(/[./]/)
}

type Values = Record<string, unknown>

interface ActionForm {
  action: Exclude<TipAction, 'link_duplicate' | 'unlink_duplicate'>
  /** The button's words on the page. */
  label: string
  title: string
  okText: string
  danger?: boolean
  /** What the page says once it is done. */
  done: string
  initialValues?: Values
  fields: ReactNode
  body(values: Values): ReportAction
}

function noteField(name: string, label: string, required: boolean, extra?: string, max: number = NOTE_TO_REPORTER_MAX) {
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={[
        { required, whitespace: true, message: `请填写${label.replace(/（.*）$/, '')}` },
        { max, message: `请不超过 ${max} 个字` },
      ]}
    >
      <Input.TextArea rows={4} maxLength={max} showCount />
    </Form.Item>
  )
}

function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function forms(report: ReportDetail, districts: { code: string; name: string }[]): ActionForm[] {
  const today = chinaDateOf(new Date())
  const submittedOn = chinaDateOf(new Date(report.submittedAt))
  return [
    {
      action: 'accept',
      label: '受理',
      title: '受理（立案）',
      okText: '受理',
      done: '已受理，调查期限从立案日期起算。',
      initialValues: { filedOn: dayjs(today) },
      fields: (
        <>
          <Form.Item name="filedOn" label="立案日期" rules={[{ required: true, message: '请选择立案日期' }]} extra="不能晚于今天，也不能早于反映提交的日期。">
            <DatePicker
              allowClear={false}
              format="YYYY年M月D日"
              disabledDate={(day: Dayjs) => day.format('YYYY-MM-DD') > today || day.format('YYYY-MM-DD') < submittedOn}
            />
          </Form.Item>
          {noteField('note', '备注（可不填）', false, '仅工作人员可见', NOTE_MAX)}
        </>
      ),
      body: (values) => ({ action: 'accept', filedOn: (values.filedOn as Dayjs).format('YYYY-MM-DD'), ...(trimmed(values.note) ? { note: trimmed(values.note) } : {}) }),
    },
    {
      action: 'investigate',
      label: '开始调查',
      title: '开始调查',
      okText: '开始调查',
      done: '已开始调查。',
      fields: noteField('note', '备注（可不填）', false, '仅工作人员可见', NOTE_MAX),
      body: (values) => ({ action: 'investigate', ...(trimmed(values.note) ? { note: trimmed(values.note) } : {}) }),
    },
    {
      action: 'extend',
      label: '延长调查期限',
      title: '延长调查期限',
      okText: '延长',
      done: '调查期限已延长 30 个工作日。',
      fields: (
        <>
          <p className="report-legal">
            依据《劳动保障监察条例》第十七条：调查应当自立案之日起60个工作日内完成；对情况复杂的，经劳动保障行政部门负责人批准，可以延长30个工作日。每份反映只能延长一次。
          </p>
          <Form.Item
            name="approver"
            label="审批人"
            extra="批准延长的劳动保障行政部门负责人"
            rules={[
              { required: true, whitespace: true, message: '请填写审批人' },
              { max: APPROVER_MAX, message: `审批人请不超过 ${APPROVER_MAX} 个字` },
            ]}
          >
            <Input maxLength={APPROVER_MAX} autoComplete="off" />
          </Form.Item>
          {noteField('note', '延长的理由', true, '说明情况为什么复杂、需要延长')}
        </>
      ),
      body: (values) => ({ action: 'extend', approver: trimmed(values.approver) ?? '', note: trimmed(values.note) ?? '' }),
    },
    {
      action: 'close',
      label: '办结',
      title: '办结',
      okText: '办结',
      done: '已办结，反映人会看到办理结果和给他的说明。',
      fields: (
        <>
          <Form.Item name={['outcome', 'method']} label="处理方式" rules={[{ required: true, message: '请选择处理方式' }]}>
            <Select options={CLOSE_METHODS.map((method) => ({ value: method, label: CLOSE_METHOD_NAMES[method] }))} />
          </Form.Item>
          <Space size="large" align="start" wrap>
            <Form.Item
              name={['outcome', 'recoveredYuan']}
              label="追回金额（元）"
              extra="不清楚可以不填"
              rules={[{ pattern: /^\d{1,12}(\.\d{1,2})?$/, message: '请填写金额，如 86400 或 86400.50' }]}
            >
              <Input inputMode="decimal" autoComplete="off" />
            </Form.Item>
            <Form.Item name={['outcome', 'workersPaid']} label="已支付工资的人数" extra="不清楚可以不填">
              <InputNumber min={0} max={100000} precision={0} />
            </Form.Item>
          </Space>
          {noteField('noteToReporter', '给反映人的说明', true, '反映人会在查询进度时看到，请写明办理结果和下一步可以怎么做。')}
        </>
      ),
      body: (values) => {
        const outcome = (values.outcome ?? {}) as Values
        const workersPaid = outcome.workersPaid
        return {
          action: 'close',
          outcome: {
            method: outcome.method as (typeof CLOSE_METHODS)[number],
            recoveredYuan: trimmed(outcome.recoveredYuan) ?? null,
            workersPaid: typeof workersPaid === 'number' ? workersPaid : null,
          },
          noteToReporter: trimmed(values.noteToReporter) ?? '',
        }
      },
    },
    {
      action: 'reject',
      label: '不予受理',
      title: '不予受理',
      okText: '不予受理',
      danger: true,
      done: '已决定不予受理，反映人会看到理由。',
      fields: noteField('reason', '理由', true, '反映人会看到这段理由，请写明不予受理的原因和可以怎么办（例如向哪里申请）。'),
      body: (values) => ({ action: 'reject', reason: trimmed(values.reason) ?? '' }),
    },
    {
      action: 'transfer',
      label: '转办',
      title: '转交其他区县办理',
      okText: '转办',
      done: '已转交，接收区县的工作人员会在反映列表中看到它。',
      fields: (
        <>
          <p>目前由{report.districtName}办理。转交后承办人清空，由接收区县重新处理。</p>
          <Form.Item name="toDistrict" label="转交给" rules={[{ required: true, message: '请选择区县' }]}>
            <Select
              options={districts.filter((district) => district.code !== report.districtCode).map((district) => ({ value: district.code, label: district.name }))}
            />
          </Form.Item>
          {noteField('note', '转交说明', true, '为什么转交，接收区县会看到')}
        </>
      ),
      body: (values) => ({ action: 'transfer', toDistrict: String(values.toDistrict), note: trimmed(values.note) ?? '' }),
    },
  ]
}

/** The actions the report allows now, each a button opening its form. */
export function ReportActions({
  report,
  onChanged,
  onRefused,
}: {
  report: ReportDetail
  onChanged(report: ReportDetail, text: string): void
  onRefused(text: string): void
}) {
  const { site } = useSession()
  const [open, setOpen] = useState<ActionForm['action']>()
  const available = forms(report, site?.districts ?? []).filter((form) => report.allowedActions.includes(form.action))
  if (available.length === 0) return null
  const shown = available.find((form) => form.action === open)

  return (
    <section className="report-actions" aria-label="办理操作">
      <Space wrap>
        {available.map((form, index) => (
          <Button key={form.action} type={index === 0 ? 'primary' : 'default'} danger={form.danger} onClick={() => setOpen(form.action)}>
            {form.label}
          </Button>
        ))}
      </Space>
      {shown && (
        <ActionModal
          key={shown.action}
          reportId={report.id}
          form={shown}
          onClose={() => setOpen(undefined)}
          onChanged={(answer) => {
            setOpen(undefined)
            onChanged(answer, shown.done)
          }}
          onRefused={(text) => {
            setOpen(undefined)
            onRefused(text)
          }}
        />
      )}
    </section>
  )
}

function ActionModal({
  reportId,
  form: config,
  onClose,
  onChanged,
  onRefused,
}: {
  reportId: string
  form: ActionForm
  onClose(): void
  onChanged(report: ReportDetail): void
  onRefused(text: string): void
}) {
  const [form] = Form.useForm()
  const [sending, setSending] = useState(false)
  const [failure, setFailure] = useState<string>()

  async function submit(values: Values) {
    setSending(true)
    setFailure(undefined)
    try {
      onChanged(await actOn(reportId, config.body(values)))
    } catch (error) {
      setSending(false)
      if (error instanceof ApiError && error.status === 409) return onRefused(error.message)
      setFailure(showFieldErrors(form, error))
    }
  }

  return (
    <Modal
      open
      title={config.title}
      okText={config.okText}
      cancelText="取消"
      okButtonProps={{ danger: config.danger }}
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={onClose}
      // No scroll lock: antd would write a <style> element without the nonce, which the CSP refuses.
      scrollLock={false}
      width={560}
    >
      {failure && <Alert className="console-form-alert" type="error" showIcon title={failure} />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} initialValues={config.initialValues} requiredMark="optional" name={`report-${config.action}`}>
        {config.fields}
      </Form>
    </Modal>
  )
}

/** The service's message beside each field it names; what is left is said above the form. */
function showFieldErrors(form: FormInstance, error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return UNEXPECTED
  const known = Object.entries(error.fields).filter(([field]) => isRegistered(form, field))
  form.setFields(known.map(([field, message]) => ({ name: namePath(field), errors: [message] })))
  return known.length > 0 && known.length === Object.keys(error.fields).length ? undefined : error.message
}

function isRegistered(form: FormInstance, field: string): boolean {
  return form.getFieldsError().some((entry) => entry.name.join('.') === namePath(field).join('.'))
}
