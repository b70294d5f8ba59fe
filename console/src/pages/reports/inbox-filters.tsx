import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'

import type { InboxSort } from '../../../../server/admin/workspace.schemas'
import type { SiteSummary } from '../../api/site'
import type { InboxState } from './inbox-query'
import { useKeyedEffect } from '../../use-keyed-effect'

// Selects say 全部 as a value of their own: antd's light placeholder text is too faint to read.
const ALL = 'all'

interface FilterFields {
  q: string
  district: string
  kind: string
  construction: string
  amountMin: number | null
  amountMax: number | null
  from: Dayjs | null
  to: Dayjs | null
  unread: boolean
  sort: InboxSort
}

function fieldsOf(state: InboxState): FilterFields {
  return {
    q: state.q ?? '',
    district: state.district ?? ALL,
    kind: state.kind ?? ALL,
    construction: state.construction === undefined ? ALL : String(state.construction),
    amountMin: state.amountMin ?? null,
    amountMax: state.amountMax ?? null,
    from: state.from ? dayjs(state.from) : null,
    to: state.to ? dayjs(state.to) : null,
    unread: state.unread ?? false,
    sort: state.sort ?? 'urgency',
  }
}

function stateOf(fields: FilterFields, state: InboxState): InboxState {
  const chosen = (value: string) => (value === ALL ? undefined : value)
  return {
    ...state,
    q: fields.q.trim() || undefined,
    district: chosen(fields.district),
    kind: fields.kind === 'complaint' || fields.kind === 'tip' ? fields.kind : undefined,
    construction: chosen(fields.construction) === undefined ? undefined : fields.construction === 'true',
    amountMin: fields.amountMin ?? undefined,
    amountMax: fields.amountMax ?? undefined,
    from: fields.from?.format('YYYY-MM-DD'),
    to: fields.to?.format('YYYY-MM-DD'),
    unread: fields.unread || undefined,
    sort: fields.sort === 'urgency' ? undefined : fields.sort,
    page: 1,
  }
}

/** The inbox's filters: applied with 查询 (or Enter in a field), cleared with 重置. */
export function InboxFilters({
  state,
  districts,
  onChange,
}: {
  state: InboxState
  /** The districts to choose from; none for an inspector, who sees one. */
  districts: SiteSummary['districts'] | undefined
  onChange(state: InboxState): void
}) {
  const [form] = Form.useForm<FilterFields>()
  const shown = JSON.stringify(fieldsOf(state))

  // Back, forward or a link change the address: the fields follow it.
  useKeyedEffect(() => form.setFieldsValue(fieldsOf(state)), shown)

  return (
    <Form<FilterFields>
      form={form}
      className="console-filters"
      layout="vertical"
      initialValues={fieldsOf(state)}
      onFinish={(fields) => onChange(stateOf(fields, state))}
    >
      <Form.Item name="q" label="搜索" className="console-filters__wide">
        <Input placeholder="查询码、用人单位名称或统一社会信用代码" allowClear maxLength={100} />
      </Form.Item>
      {districts && (
        <Form.Item name="district" label="区县">
          <Select options={[{ value: ALL, label: '全部区县' }, ...districts.map(({ code, name }) => ({ value: code, label: name }))]} />
        </Form.Item>
      )}
      <Form.Item name="kind" label="类型">
        <Select
          options={[
            { value: ALL, label: '全部类型' },
            { value: 'complaint', label: '投诉' },
            { value: 'tip', label: '举报' },
          ]}
        />
      </Form.Item>
      <Form.Item name="construction" label="建设工程">
        <Select
          options={[
            { value: ALL, label: '不限' },
            { value: 'true', label: '是建设工程' },
            { value: 'false', label: '不是建设工程' },
          ]}
        />
      </Form.Item>
      <Form.Item name="amountMin" label="金额不低于（元）">
        <InputNumber min={0} precision={0} controls={false} className="console-filters__number" />
      </Form.Item>
      <Form.Item
        name="amountMax"
        label="金额不高于（元）"
        dependencies={['amountMin']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: number | null) => {
              const min = getFieldValue('amountMin') as number | null
              return value === null || value === undefined || min === null || min === undefined || value >= min
                ? Promise.resolve()
                : Promise.reject(new Error('不能低于“金额不低于”'))
            },
          }),
        ]}
      >
        <InputNumber min={0} precision={0} controls={false} className="console-filters__number" />
      </Form.Item>
      <Form.Item name="from" label="提交日期从">
        <DatePicker className="console-filters__date" />
      </Form.Item>
      <Form.Item
        name="to"
        label="提交日期到"
        dependencies={['from']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: Dayjs | null) => {
              const from = getFieldValue('from') as Dayjs | null
              return !value || !from || !value.isBefore(from, 'day') ? Promise.resolve() : Promise.reject(new Error('不能早于“提交日期从”'))
            },
          }),
        ]}
      >
        <DatePicker className="console-filters__date" />
      </Form.Item>
      <Form.Item name="sort" label="排序">
        <Select
          options={[
            { value: 'urgency', label: '期限最紧的在前' },
            { value: 'newest', label: '新提交的在前' },
            { value: 'oldest', label: '早提交的在前' },
          ]}
        />
      </Form.Item>
      <Form.Item name="unread" valuePropName="checked" className="console-filters__check">
        <Checkbox>只看有未读回复的</Checkbox>
      </Form.Item>
      <div className="console-filters__buttons">
        <Button type="primary" htmlType="submit">
          查询
        </Button>
        <Button onClick={() => onChange({ statuses: [], view: state.view, page: 1, pageSize: state.pageSize })}>重置</Button>
      </div>
    </Form>
  )
}
