import { View, Text } from '@tarojs/components'
import PageShell from '../../../components/page-shell'
import { a11y } from '../../../components/a11y'
import { DEFAULT_SITE } from '../../../core/site'

// Describes what this version of the app actually does with data; update it with every feature
// that collects something new.
const sections = [
  {
    title: '我们收集什么',
    text: '您在“投诉建议”中填写的文字和选择的类型。本程序不要求登录，不收集您的微信账号、手机号码或位置。',
  },
  {
    title: '保存在您手机上的内容',
    text: '长辈模式等设置只保存在您的手机上，不会上传。',
  },
  {
    title: '我们怎么使用',
    text: `投诉建议的内容由${DEFAULT_SITE.bureauName}用于处理投诉、改进服务，不用于其他用途，不向第三方提供。`,
  },
  {
    title: '您的权利',
    text: '您有权查阅、复制、更正、删除您的个人信息（《中华人民共和国个人信息保护法》第四十五条至第四十七条）。请不要在投诉建议中填写身份证号码等个人信息。',
  },
  {
    title: '联系我们',
    text: `对个人信息处理有疑问，请拨打人社服务热线 ${DEFAULT_SITE.hotline}。`,
  },
]

export default function PrivacyPage() {
  return (
    <PageShell title='隐私政策' lead={`${DEFAULT_SITE.bureauName}“法治人社”程序个人信息保护说明`}>
      {sections.map((section) => (
        <View key={section.title} className='pufa-card'>
          <Text {...a11y({ role: 'heading', level: 2 })}>
            {section.title}
          </Text>
          <Text className='pufa-muted'>{section.text}</Text>
        </View>
      ))}
    </PageShell>
  )
}
