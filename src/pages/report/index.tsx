import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import PageShell from '../../components/page-shell'
import Hotline from '../../components/hotline'
import EmptyState from '../../components/empty-state'
import LinkRow from '../../components/link-row'

export default function ReportPage() {
  return (
    <PageShell title='欠薪反映' lead='被拖欠工资，可以向人社部门反映。'>
      <EmptyState title='网上反映暂未开通' description='开通前，请拨打热线或到所在区的人社部门反映。' />
      <Hotline note='电话反映欠薪问题，请说清单位名称、地址和欠薪情况。' />
      <View className='pufa-list'>
        <LinkRow
          title='反映前要准备什么'
          description='工资条、考勤记录、劳动合同等材料清单'
          onClick={() => Taro.navigateTo({ url: '/packages/report/guide/index' })}
        />
      </View>
    </PageShell>
  )
}
