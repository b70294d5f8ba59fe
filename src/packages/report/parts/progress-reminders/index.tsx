import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { a11y } from '../../../../components/a11y'
import { describeReminderOutcome, type ReminderOutcome } from '../../../../core/tips/reminders'
import { askForReminders, loadReminderOffer, type RemindedReport } from '../../../../services/progress-reminders'
import './index.scss'

/**
 * On the receipt, in WeChat: 「接收办理进度提醒」 asks WeChat's permission for the bureau's reminders
 * (受理, 办结或不予受理, 工作人员留言) and subscribes the report to those accepted. Shown only when the
 * service offers some; never on H5.
 */
export default function ProgressReminders({ report }: { report: RemindedReport }) {
  const [offered, setOffered] = useState<string[]>([])
  const [asking, setAsking] = useState(false)
  const [outcome, setOutcome] = useState<ReminderOutcome | null>(null)

  useEffect(() => {
    let current = true
    void loadReminderOffer().then((ids) => {
      if (current) setOffered(ids)
    })
    return () => {
      current = false
    }
  }, [])

  if (offered.length === 0) return null

  function ask() {
    setAsking(true)
    // Called straight from the tap: WeChat shows its pop-up only then.
    void askForReminders(offered, report).then((answer) => {
      setAsking(false)
      setOutcome(answer)
    })
  }

  return (
    <View className='pufa-card reminders'>
      <Text className='reminders__heading' {...a11y({ role: 'heading', level: 2 })}>
        办理进度提醒
      </Text>
      <Text className='pufa-muted reminders__line'>受理、办结或工作人员给您留言时，在微信“服务通知”里提醒您。每同意一次，提醒一次。</Text>
      {outcome?.kind === 'subscribed' ? null : (
        <Button className='pufa-tap' size='large' block loading={asking} disabled={asking} onClick={ask} {...a11y({ role: 'button', disabled: asking })}>
          接收办理进度提醒
        </Button>
      )}
      {outcome ? (
        <Text className={outcome.kind === 'failed' ? 'reminders__line reminders__problem' : 'reminders__line'} {...a11y({ role: outcome.kind === 'failed' ? 'alert' : 'status' })}>
          {describeReminderOutcome(outcome)}
        </Text>
      ) : null}
    </View>
  )
}
