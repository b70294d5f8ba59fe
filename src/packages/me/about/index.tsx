import { View, Text } from '@tarojs/components'
import PageShell from '../../../components/page-shell'
import { useSite } from '../../../components/use-content'

declare const APP_VERSION: string

export default function AboutPage() {
  const site = useSite()
  return (
    <PageShell title='关于'>
      <View className='pufa-card'>
        <Text>法治人社</Text>
        <Text className='pufa-muted'>版本 {APP_VERSION}</Text>
      </View>
      <View className='pufa-card'>
        <Text>{site.bureauName}的普法服务程序：政策解读、法治答题和欠薪反映。</Text>
        <Text className='pufa-muted'>
          政策解读和题目由人社局统一发布。政策以发文机关公布的原文为准。
        </Text>
      </View>
      <View className='pufa-card'>
        <Text>人社服务热线 {site.hotline}</Text>
      </View>
    </PageShell>
  )
}
