import { Alert, Button, Card, Descriptions, Form, Input, Modal, Tag } from 'antd'
import type { DescriptionsItemType } from 'antd/es/descriptions'
import { useState } from 'react'

import { LIMITS, revealReporter, type ReportDetail, type RevealedReporter } from '../../api/reports'
import { showFailure } from '../../forms'
import { formatDate, formatDateTime, formatMonth, formatYuan } from '../../format'


/** Everything reported, and the decisions recorded on it: 受理日期, the extension, the outcome. */
export function ReportFacts({ report, mayReveal }: { report: ReportDetail; mayReveal: boolean }) {
  // Unmasked data lives in this component only: gone when the page is left or reloaded.
  const [revealed, setRevealed] = useState<RevealedReporter>()
  const [asking, setAsking] = useState(false)
  const reporter = revealed ?? report.reporter

  const items: DescriptionsItemType[] = [
    {
      key: 'reporter',
      label: '反映人',
      children:
        reporter === null ? (
          '匿名'
        ) : (
          <div className="report-reporter">
            <span>姓名：{reporter.name}</span>
            <span>联系电话：{reporter.mobile}</span>
            {reporter.residentId && <span>证件号码：{reporter.residentId}</span>}
            {revealed ? (
              <Tag className="report-tag report-tag--question">已显示完整个人信息</Tag>
            ) : (
              mayReveal &&
              report.hasPersonalData && (
                <Button size="small" onClick={() => setAsking(true)}>
                  查看个人信息
                </Button>
              )
            )}
          </div>
        ),
    },
    { key: 'employer', label: '用人单位', children: report.employer.name },
    { key: 'uscc', label: '统一社会信用代码', children: report.employer.uscc ?? '未填写' },
    { key: 'address', label: '工作地点', children: report.workAddress },
    { key: 'district', label: '区县', children: report.districtName },
    { key: 'project', label: '建设工程项目', children: report.isConstruction ? (report.constructionProject ?? '是建设工程，未填项目名称') : '不是建设工程' },
    { key: 'workers', label: '欠薪人数', children: `${report.workersOwed} 人` },
    {
      key: 'amount',
      label: '欠薪金额',
      children:
        report.amountYuan === null ? (
          '未填写'
        ) : (
          <>
            {report.amountApproximate && <Tag>约</Tag>}
            {formatYuan(report.amountYuan)}
          </>
        ),
    },
    { key: 'period', label: '欠薪期间', children: `${formatMonth(report.owedPeriod.from)} 至 ${formatMonth(report.owedPeriod.to)}` },
    { key: 'submitted', label: '提交时间', children: formatDateTime(report.submittedAt) },
    { key: 'description', label: '情况说明', children: <div className="report-text">{report.description}</div> },
    { key: 'accepted', label: '受理日期', children: report.acceptedOn ? formatDate(report.acceptedOn) : '未受理' },
    {
      key: 'extension',
      label: '延长调查期限',
      children: report.extension ? (
        <div className="report-text">
          已延长，审批人：{report.extension.approver}（{formatDateTime(report.extension.at)}）
          <br />
          说明：{report.extension.note}
        </div>
      ) : (
        '未延长'
      ),
    },
  ]
  if (report.outcome) {
    const { methodName, recoveredYuan, workersPaid } = report.outcome
    items.push({
      key: 'outcome',
      label: '办理结果',
      children: (
        <div className="report-reporter">
          <span>处理方式：{methodName}</span>
          {recoveredYuan !== null && <span>追回金额：{formatYuan(recoveredYuan)}</span>}
          {workersPaid !== null && <span>已支付工资的人数：{workersPaid} 人</span>}
        </div>
      ),
    })
  }

  return (
    <Card title={<h2 className="console-card-title">反映内容</h2>}>
      <Descriptions className="report-facts" bordered size="small" column={1} items={items} />
      {asking && (
        <RevealModal
          reportId={report.id}
          onRevealed={(answer) => {
            setRevealed(answer)
            setAsking(false)
          }}
          onCancel={() => setAsking(false)}
        />
      )}
    </Card>
  )
}

/** Asks why the personal data is needed (recorded in the audit log) before showing it. */
const REASON_MIN = LIMITS.reasonMin
const REASON_MAX = LIMITS.reasonMax

function RevealModal({ reportId, onRevealed, onCancel }: { reportId: string; onRevealed(reporter: RevealedReporter): void; onCancel(): void }) {
  const [form] = Form.useForm<{ reason: string }>()
  const [sending, setSending] = useState(false)
  const [failure, setFailure] = useState<string>()

  async function submit({ reason }: { reason: string }) {
    setSending(true)
    setFailure(undefined)
    try {
      onRevealed(await revealReporter(reportId, reason.trim()))
    } catch (error) {
      setFailure(showFailure(form, error, ['reason']))
      setSending(false)
    }
  }

  return (
    <Modal
      open
      title="查看个人信息"
      okText="查看"
      cancelText="取消"
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      // No scroll lock: antd would write a <style> element without the nonce, which the CSP refuses.
      scrollLock={false}
    >
      <p>反映人的姓名、联系电话和证件号码只在办理需要时查看。请写明查看的原因，原因和查看记录会记入审计日志。</p>
      {failure && <Alert className="console-form-alert" type="error" showIcon title={failure} />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
        <Form.Item
          name="reason"
          label="查看原因"
          extra="例如：需要电话联系反映人核实欠薪人数"
          rules={[
            { required: true, whitespace: true, message: '请写明查看的原因' },
            { min: REASON_MIN, max: REASON_MAX, message: `查看原因请写 ${REASON_MIN} 到 ${REASON_MAX} 个字` },
          ]}
        >
          <Input.TextArea rows={3} maxLength={REASON_MAX} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}
