import { View, Text } from '@tarojs/components'
import PageShell from '../../../components/page-shell'
import Hotline from '../../../components/hotline'

// What helps an inspector act on a report; each item is something a worker can usually get.
const evidence = [
  { title: '单位和工地的情况', text: '单位全称、地址；在工地干活的，写清项目名称和地址。' },
  { title: '工资条或工资发放记录', text: '银行流水、转账截图、工资表，能看出应发和实发多少。' },
  { title: '考勤记录', text: '打卡记录、记工本、考勤表的照片，证明您在这里干了多少天。' },
  { title: '劳动合同', text: '签过合同的，拍下合同各页；没签的，工牌、工作服、出入证也有用。' },
  { title: '聊天和通话记录', text: '和老板、包工头谈工资、催工资的微信聊天、短信、录音。' },
]

export default function ReportGuidePage() {
  return (
    <PageShell title='反映前的准备' lead='材料不齐也可以反映，有多少准备多少。'>
      {evidence.map((item) => (
        <View key={item.title} className='pufa-card'>
          <Text>{item.title}</Text>
          <Text className='pufa-muted'>{item.text}</Text>
        </View>
      ))}
      <Hotline note='不知道怎么准备，可以先打电话问。' />
    </PageShell>
  )
}
