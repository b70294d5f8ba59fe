import { Button, Checkbox, Form, Input, Space } from 'antd'
import { useEffect, useId, useRef, useState } from 'react'

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
  // The browser's own modal dialog: antd's Modal locks the page's scrolling with a <style> element
  // that has no nonce, which the console's CSP refuses.
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  useEffect(() => {
    const shown = dialog.current
    if (!shown) return
    if (asking && !shown.open) shown.showModal()
    if (!asking && shown.open) shown.close()
  }, [asking])

  const close = () => {
    setAsking(undefined)
    form.resetFields()
  }
  const finish = ({ reason }: RevealFields) => {
    if (asking) download(hrefOf(asking, { reason: reason.trim() }))
    close()
  }

  return (
    <>
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
      </Space>
      {revealable && (
        <dialog ref={dialog} className="console-dialog" aria-labelledby={titleId} onClose={close}>
          <h2 id={titleId} className="console-dialog__title">
            导出含个人信息的{what}
          </h2>
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
              <Input maxLength={REASON_MAX} />
            </Form.Item>
            <div className="console-dialog__buttons">
              <Button onClick={close}>取消</Button>
              <Button type="primary" htmlType="submit">
                导出 {asking ? FORMAT_NAMES[asking] : ''}
              </Button>
            </div>
          </Form>
        </dialog>
      )}
    </>
  )
}
