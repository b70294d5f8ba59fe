import { Text, View } from '@tarojs/components'
import LegalPoints from '../../../../components/legal-points'
import LinkRow from '../../../../components/link-row'
import { openPolicy } from '../../../../components/policy-card'
import { a11y } from '../../../../components/a11y'
import { useContent } from '../../../../components/use-content'
import {
  ARBITRATION_LIMIT,
  EXPLAINERS,
  INTERRUPTION,
  LEGAL_AID,
  PAYMENT_ORDER,
  REVIEW_POINTS,
  WAGES_DURING_EMPLOYMENT,
} from '../../../../components/legal-points/remedies'
import type { ReportKind } from '../../../../core/tips/report-fields'
import { tipStatusName } from '../../../../core/tips/status'
import './index.scss'

interface Props {
  kind: ReportKind
  status: 'rejected' | 'closed'
  /** When the final change happened, in words. */
  decidedAt: string
  /** What staff told the reporter with it. */
  note: string | null
  /** How a closed report was dealt with (an older service does not say). */
  closing?: { methodName: string; recoveredYuan: string | null; workersPaid: number | null } | null
}

/** A finished report: what was decided, and what the reporter can still do. No deadline runs any more. */
export default function Outcome({ kind, status, decidedAt, note, closing = null }: Props) {
  const policies = useContent('policy')
  const hasTimeLimits = policies.some((item) => item.id === EXPLAINERS.timeLimits)
  const hasLegalAid = policies.some((item) => item.id === EXPLAINERS.legalAid)
  // The complaint itself interrupted the year for arbitration (art. 27 para. 2); a 举报 may not be the reporter's own claim.
  const claimPoints = kind === 'complaint' ? [ARBITRATION_LIMIT, WAGES_DURING_EMPLOYMENT, INTERRUPTION] : [ARBITRATION_LIMIT, WAGES_DURING_EMPLOYMENT]

  return (
    <>
      <View className='pufa-card outcome' {...a11y({ role: 'status' })}>
        <Text className='outcome__heading' {...a11y({ role: 'heading', level: 2 })}>
          办理结果：{tipStatusName(status)}
        </Text>
        <Text className='pufa-muted'>{decidedAt}</Text>
        {note ? <Text className='outcome__note'>{note}</Text> : null}
        {closing ? <Text className='outcome__fact'>处理方式：{closing.methodName}</Text> : null}
        {closing?.recoveredYuan ? <Text className='outcome__fact'>追回工资：{closing.recoveredYuan} 元</Text> : null}
        {closing?.workersPaid !== null && closing?.workersPaid !== undefined ? <Text className='outcome__fact'>拿到工资的人数：{closing.workersPaid} 人</Text> : null}
        <Text className='pufa-muted outcome__closed'>这份反映已经{status === 'closed' ? '办结' : '作出不予受理的决定'}，不再有办理期限。</Text>
      </View>
      <LegalPoints title='对这个决定有异议' points={REVIEW_POINTS} />
      <LegalPoints title='工资还没有拿到' points={[...claimPoints, PAYMENT_ORDER]} />
      <LegalPoints title='法律援助' points={[LEGAL_AID]} />
      {hasTimeLimits || hasLegalAid ? (
        <View className='pufa-list'>
          {hasTimeLimits ? <LinkRow title='讨薪的时限一览' description='仲裁时效、监察时效、复议和诉讼的期限' onClick={() => openPolicy(EXPLAINERS.timeLimits)} /> : null}
          {hasLegalAid ? <LinkRow title='法律援助' description='讨薪、工伤赔偿可以申请免费的法律帮助' onClick={() => openPolicy(EXPLAINERS.legalAid)} /> : null}
        </View>
      ) : null}
    </>
  )
}
