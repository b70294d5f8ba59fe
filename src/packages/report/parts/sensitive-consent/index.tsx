import { Text, View } from '@tarojs/components'
import ChoiceGroup from '../../../../components/choice-group'
import FormField from '../../../../components/form-field'
import { a11y } from '../../../../components/a11y'
import { describeField } from '../../../../core/tips/report-fields'
import { sensitiveDataOf, type ReportDraft, type SensitiveChoice } from '../../../../core/tips/draft'
import '../notice.scss'

const CHOICES: { value: SensitiveChoice; label: string }[] = [
  { value: 'given', label: '同意处理' },
  { value: 'declined', label: '不同意：不发送证件号码和照片' },
]

interface Props {
  draft: ReportDraft
  error?: string
  onChange: (choice: SensitiveChoice) => void
}

function itemsOf(draft: ReportDraft): string {
  const { residentId, photos } = sensitiveDataOf(draft)
  return [residentId ? '证件号码' : '', photos > 0 ? `${photos}张证据照片` : ''].filter(Boolean).join('和')
}

/**
 * The separate consent of 个人信息保护法 第二十九条, with the notice of 第三十条, asked only when the
 * report carries sensitive information. Declining never stops the report: it goes without them.
 */
export default function SensitiveConsent({ draft, error, onChange }: Props) {
  const items = itemsOf(draft)
  return (
    <View className='pufa-card'>
      <Text className='report-notice__heading' {...a11y({ role: 'heading', level: 2 })}>
        敏感个人信息：请您单独选择
      </Text>
      <Text className='report-notice__paragraph'>
        您提供的{items}可能含有敏感个人信息（如身份证件号码，工资条、银行流水等金融账户信息）。处理敏感个人信息，需要您的单独同意（《个人信息保护法》第二十九条）。
      </Text>
      <Text className='report-notice__paragraph'>为什么需要：帮助工作人员核实您的身份和欠薪的事实。</Text>
      <Text className='report-notice__paragraph'>
        对您的影响：这些信息一旦泄露，可能危害您的人身、财产安全。它们加密保存，只有负责处理反映的工作人员能够查看，保存期满删除（第三十条）。
      </Text>
      <Text className='report-notice__paragraph'>不同意也没关系：{items}不会发送，反映照样提交。</Text>
      <FormField path='consentSensitive' label={describeField('consentSensitive')} error={error}>
        <ChoiceGroup label={describeField('consentSensitive')} choices={CHOICES} value={draft.sensitiveChoice ?? ''} onChange={onChange} />
      </FormField>
      {draft.sensitiveChoice === 'declined' ? (
        <Text className='report-notice__paragraph' {...a11y({ role: 'status' })}>
          提交时不会发送：{items}。
        </Text>
      ) : null}
    </View>
  )
}
