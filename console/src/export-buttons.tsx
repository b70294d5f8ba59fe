import { Button, Checkbox, Form, Input, Modal, Space } from 'antd'
import { useState } from 'react'

import type { ExportFormat } from '../../server/admin/workspace.schemas'

const REASON_MIN = 2
const REASON_MAX = 200
const FORMAT_NAMES: Readonly<Record<ExportFormat, string>> = { xlsx: 'Excel', csv: 'CSV' }

/** Lets the browser fetch a file as a download, as a link with `download` would. */
function download(href: string): void {
  const link = document.createElement('a')
  link.href = href
  link.download = ''
  document.body.append(link)
  link.click()
  link.remove()
}

interface RevealFields {
  reason: string
}

/**
 * 导出 Excel / 导出 CSV of what a list shows, as links the browser downloads from (same origin, the
 * session cookie). With `revealable`, a choice to include personal data, which asks for a reason first.
 */
export function ExportButtons({
  hrefOf,
  revealable = false,
  what,
}: {
  hrefOf(format: ExportFormat, reveal?: { reason: string }): string
  revealable?: boolean
  /** What is exported, for the dialog: 反映列表. */
  what: string
}) {
  const [reveal, setReveal] = useState(false)
  const [asking, setAsking] = useState<ExportFormat>()
  const [form] = Form.useForm<RevealFields>()

  const finish = ({ reason }: RevealFields) => {
    if (asking) download(hrefOf(asking, { reason: reason.trim() }))
    setAsking(undefined)
    form.resetFields()
  }

  return (
    <Space wrap>
      {revealable && (
        <Checkbox checked={reveal} onChange={(event) => setReveal(event.target.checked)}>
          含个人信息
        </Checkbox>
      )}
      {(['xlsx', 'csv'] as const).map((format) =>
        reveal ? (
          <Button key={format} onClick={() => setAsking(format)}>
            导出 {FORMAT_NAMES[format]}
          </Button>
        ) : (
          <Button key={format} href={hrefOf(format)} download="">
            导出 {FORMAT_NAMES[format]}
          </Button>
        ),
      )}
      <Modal
        open={asking !== undefined}
        title={`导出含个人信息的${what}`}
        okText={`导出 ${asking ? FORMAT_NAMES[asking] : ''}`}
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={() => {
          setAsking(undefined)
          form.resetFields()
        }}
        destroyOnHidden
      >
        <p>导出的文件会包含反映人未遮蔽的个人信息。请写明为什么需要，理由会和这次导出一起记入审计日志。</p>
        <Form form={form} layout="vertical" onFinish={finish} requiredMark={false}>
          <Form.Item
            name="reason"
            label="理由"
            rules={[
              { required: true, whitespace: true, message: '请填写理由' },
              { min: REASON_MIN, max: REASON_MAX, message: `理由写 ${REASON_MIN} 到 ${REASON_MAX} 个字` },
            ]}
          >
            <Input maxLength={REASON_MAX} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  )
}
