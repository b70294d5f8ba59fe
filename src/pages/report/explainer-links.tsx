import { View } from '@tarojs/components'
import LinkRow from '../../components/link-row'
import { openPolicy } from '../../components/policy-card'
import { EXPLAINERS } from '../../components/legal-points/remedies'
import { useContent } from '../../components/use-content'

const LINKS = [
  { id: EXPLAINERS.compare, title: '投诉、仲裁、支付令怎么选', description: '三条路各自的做法和时限' },
  { id: EXPLAINERS.timeLimits, title: '讨薪的时限一览', description: '仲裁时效、监察时效、复议和诉讼的期限' },
  { id: EXPLAINERS.legalAid, title: '法律援助', description: '讨薪、工伤赔偿可以申请免费的法律帮助' },
]

/** The explainers behind the dispute panel, those the phone has synced. */
export default function ExplainerLinks() {
  const policies = useContent('policy')
  const present = LINKS.filter((link) => policies.some((item) => item.id === link.id))
  if (present.length === 0) return null
  return (
    <View className='pufa-list'>
      {present.map((link) => (
        <LinkRow key={link.id} title={link.title} description={link.description} onClick={() => openPolicy(link.id)} />
      ))}
    </View>
  )
}
