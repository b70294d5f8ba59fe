import { Alert, Button, Card, Form, Input } from 'antd'
import { useState } from 'react'

import { addNote, LIMITS, type InternalNote, type ReportDetail } from '../../api/reports'
import { showFailure } from '../../forms'
import { formatDateTime } from '../../format'

const NOTE_MAX = LIMITS.noteMax

/** Notes staff leave for each other on the report: never shown to the reporter. */
export function InternalNotes({ report, mayAct }: { report: ReportDetail; mayAct: boolean }) {
  const [added, setAdded] = useState<InternalNote[]>([])
  const [form] = Form.useForm<{ body: string }>()
  const [sending, setSending] = useState(false)
  const [failure, setFailure] = useState<string>()
  const [saved, setSaved] = useState(false)
  // A reload of the report brings the added ones with it.
  const notes = [...report.notes, ...added.filter((note) => !report.notes.some((known) => known.id === note.id))]

  async function submit({ body }: { body: string }) {
    setSending(true)
    setFailure(undefined)
    setSaved(false)
    try {
      const note = await addNote(report.id, body.trim())
      setAdded((previous) => [...previous, note])
      form.resetFields()
      setSaved(true)
    } catch (error) {
      setFailure(showFailure(form, error, ['body']))
    } finally {
      setSending(false)
    }
  }

  return (
    <Card title={<h2 className="console-card-title">内部备注</h2>} extra={<span className="report-hint">仅工作人员可见</span>}>
      {notes.length === 0 ? (
        <p className="report-empty">还没有备注。</p>
      ) : (
        <ol className="report-notes">
          {notes.map((note) => (
            <li key={note.id}>
              <div className="report-meta">
                {note.staffName} · {formatDateTime(note.at)}
              </div>
              <div className="report-text">{note.body}</div>
            </li>
          ))}
        </ol>
      )}
      {mayAct && (
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false} name="note" className="report-side-form">
          {failure && <Alert className="console-form-alert" type="error" showIcon title={failure} />}
          {saved && <Alert className="console-form-alert" type="success" showIcon title="备注已添加。" role="status" />}
          <Form.Item
            name="body"
            label="添加备注"
            rules={[
              { required: true, whitespace: true, message: '请填写备注内容' },
              { max: NOTE_MAX, message: `备注请不超过 ${NOTE_MAX} 个字` },
            ]}
          >
            <Input.TextArea rows={3} maxLength={NOTE_MAX} />
          </Form.Item>
          <Button htmlType="submit" loading={sending}>
            添加备注
          </Button>
        </Form>
      )}
    </Card>
  )
}
