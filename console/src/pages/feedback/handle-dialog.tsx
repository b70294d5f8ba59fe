import { Alert, Button, Form, Input, Radio } from 'antd'
import { useEffect, useId, useRef, useState } from 'react'

import { FEEDBACK_NOTE_MAX, FEEDBACK_STATUS_NAMES, FEEDBACK_STATUSES, type FeedbackStatus } from '../../../../src/core/feedback-handling'
import { ApiError } from '../../api/client'
import { setFeedbackStatus, type FeedbackItemView } from '../../api/feedback'

interface HandleFields {
  status: FeedbackStatus
  note: string
}

/**
 * 处理: the state of one item and an internal note, in the browser's own modal dialog (antd's Modal
 * locks scrolling with a <style> element the console's CSP refuses).
 */
export function HandleDialog({ item, onClose, onSaved }: { item: FeedbackItemView | undefined; onClose(): void; onSaved(item: FeedbackItemView): void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const [form] = Form.useForm<HandleFields>()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string>()

  useEffect(() => {
    const shown = dialog.current
    if (!shown) return
    if (item && !shown.open) {
      // A new item starts from where it stands; "handled" is what one opens the dialog for most.
      form.setFieldsValue({ status: item.status === 'open' ? 'handled' : item.status, note: item.note ?? '' })
      setError(undefined)
      shown.showModal()
    }
    if (!item && shown.open) shown.close()
  }, [item, form])

  const save = async ({ status, note }: HandleFields) => {
    if (!item) return
    setSaving(true)
    setError(undefined)
    try {
      const saved = await setFeedbackStatus(item.id, { status, ...(note.trim() === '' ? {} : { note: note.trim() }) })
      onSaved(saved)
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : '没有保存，请稍后再试')
    } finally {
      setSaving(false)
    }
  }

  return (
    <dialog ref={dialog} className="console-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId} className="console-dialog__title">
        处理{item?.kindName ?? ''}
      </h2>
      {item && <p className="feedback-dialog__content">{item.content}</p>}
      <Form form={form} layout="vertical" onFinish={(values) => void save(values)} requiredMark={false}>
        <Form.Item name="status" label="处理结果">
          <Radio.Group options={FEEDBACK_STATUSES.map((status) => ({ value: status, label: FEEDBACK_STATUS_NAMES[status] }))} />
        </Form.Item>
        <Form.Item name="note" label="内部备注（只有工作人员能看到）" rules={[{ max: FEEDBACK_NOTE_MAX, message: `备注请不超过 ${FEEDBACK_NOTE_MAX} 个字` }]}>
          <Input.TextArea rows={4} maxLength={FEEDBACK_NOTE_MAX} showCount />
        </Form.Item>
        {error && <Alert className="console-form-alert" type="error" showIcon title={error} />}
        <div className="console-dialog__buttons">
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </div>
      </Form>
    </dialog>
  )
}
