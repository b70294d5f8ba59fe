import { View, Text } from '@tarojs/components'
import PageShell from '../../../components/page-shell'
import Hotline from '../../../components/hotline'
import { REPORT_EVIDENCE } from '../../../core/tips/evidence'

export default function ReportGuidePage() {
  return (
    <PageShell title='反映前的准备' lead='材料不齐也可以反映，有多少准备多少。'>
      {REPORT_EVIDENCE.map((item) => (
        <View key={item.title} className='pufa-card'>
          <Text>{item.title}</Text>
          <Text className='pufa-muted'>{item.text}</Text>
        </View>
      ))}
      <Hotline note='不知道怎么准备，可以先打电话问。' />
    </PageShell>
  )
}
