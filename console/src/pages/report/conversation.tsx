import { Alert, Button, Card, Form, Input, Radio, Spin, Tag } from 'antd'
import { useCallback, useEffect, useState } from 'react'

import { MESSAGE_BODY_MAX } from '../../../../src/core/tips/messages'
import { ApiError } from '../../api/client'
import { readMessages, sendMessage, type ConversationMessage, type NewMessage, type ReportDetail } from '../../api/reports'
import { showFailure } from '../../forms'
import { formatDateTime } from '../../format'
import { PhotoGallery } from './evidence'

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'loaded'; items: ConversationMessage[] }

/**
 * The conversation with the reporter, oldest first. Reading it here is what marks the reporter's
 * replies read (the service does it as it answers), so the count of new replies shown is the one
 * the report had when the page opened.
 */
export function Conversation({ report, mayAct }: { report: ReportDetail; mayAct: boolean }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [unread] = useState(report.unreadReplies)
  const [form] = Form.useForm<NewMessage>()
  const [sending, setSending] = useState(false)
  const [failure, setFailure] = useState<string>()
  const [sent, setSent] = useState<string>()

  const load = useCallback(async () => {
    try {
      setLoaded({ status: 'loaded', items: await readMessages(report.id) })
    } catch (error) {
      setLoaded({ status: 'failed', message: error instanceof ApiError ? error.message : '留言没有读取成功，请刷新页面后再试' })
    }
  }, [report.id])

  useEffect(() => {
    void load()
  }, [load])

  async function submit(values: NewMessage) {
    setSending(true)
    setFailure(undefined)
    setSent(undefined)
    try {
      const message = await sendMessage(report.id, { kind: values.kind, body: values.body.trim() })
      setLoaded((previous) => (previous.status === 'loaded' ? { status: 'loaded', items: [...previous.items, message] } : previous))
      form.resetFields()
      setSent(values.kind === 'question' ? '提问已发送，反映人查询进度时会看到并可以回复。' : '留言已发送，反映人查询进度时会看到。')
    } catch (error) {
      setFailure(showFailure(form, error, ['kind', 'body']))
    } finally {
      setSending(false)
    }
  }

  return (
    <Card
      title={<h2 className="console-card-title">与反映人的留言</h2>}
      extra={unread > 0 ? <Tag color="red">{unread} 条新回复</Tag> : <span className="report-hint">没有未读回复</span>}
    >
      {loaded.status === 'loading' && (
        <div className="report-center">
          <Spin />
        </div>
      )}
      {loaded.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={loaded.message}
          action={
            <Button size="small" onClick={() => void load()}>
              再试一次
            </Button>
          }
        />
      )}
      {loaded.status === 'loaded' &&
        (loaded.items.length === 0 ? (
          <p className="report-empty">还没有留言。{report.reporter === null ? '匿名举报人也能凭查询码看到留言并回复。' : ''}</p>
        ) : (
          <ol className="report-messages" aria-label="留言，按时间先后">
            {loaded.items.map((message) => (
              <li key={message.id} className={message.author === 'staff' ? 'report-message report-message--staff' : 'report-message report-message--reporter'}>
                <div className="report-meta">
                  <strong>{message.author === 'staff' ? `工作人员 ${message.staffName ?? ''}`.trim() : '反映人'}</strong> · {formatDateTime(message.at)}
                  {message.kind === 'question' && <Tag className="report-tag report-tag--question">提问</Tag>}
                  {message.author === 'reporter' && !message.read && <Tag color="red">新回复</Tag>}
                </div>
                <div className="report-text">{message.body}</div>
                {message.photos.length > 0 && <PhotoGallery reportId={report.id} photos={message.photos} label="回复照片" />}
              </li>
            ))}
          </ol>
        ))}
      {mayAct && (
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} initialValues={{ kind: 'message' }} requiredMark={false} name="message" className="report-side-form">
          {failure && <Alert className="console-form-alert" type="error" showIcon title={failure} />}
          {sent && <Alert className="console-form-alert" type="success" showIcon title={sent} role="status" />}
          <Form.Item name="kind" label="类型">
            <Radio.Group
              options={[
                { value: 'message', label: '消息' },
                { value: 'question', label: '提问（请反映人回复）' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="body"
            label="留言内容"
            extra="反映人查询进度时会看到这段话。"
            rules={[
              { required: true, whitespace: true, message: '请填写留言内容' },
              { max: MESSAGE_BODY_MAX, message: `留言请不超过 ${MESSAGE_BODY_MAX} 个字` },
            ]}
          >
            <Input.TextArea rows={3} maxLength={MESSAGE_BODY_MAX} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={sending}>
            发送
          </Button>
        </Form>
      )}
    </Card>
  )
}
