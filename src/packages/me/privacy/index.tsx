import { View, Text } from '@tarojs/components'
import PageShell from '../../../components/page-shell'
import { a11y } from '../../../components/a11y'
import { useSite } from '../../../components/use-content'
import type { Site } from '../../../core/content/model'
import './index.scss'

interface Section {
  title: string
  paragraphs: string[]
}

// Describes what this version of the app actually does with data; update it with every feature
// that collects something new. Reports: src/core/tips/outbox.ts (what the phone keeps),
// server/tips (encryption, retention), server/uploads (photos).
function sectionsFor(site: Site): Section[] {
  return [
    {
      title: '我们收集什么',
      paragraphs: [
        '本程序不要求登录，不收集您的微信账号，也不读取您的位置。',
        '欠薪反映：实名投诉或留名举报时，收集您的姓名和手机号码，投诉时还可以选填身份证号码；匿名举报不收集这些信息。每份反映还包括您填写的用人单位、工作地址、欠薪情况和您上传的证据照片。',
        '投诉建议：您填写的文字和选择的类型。',
      ],
    },
    {
      title: '为什么收集、怎么使用',
      paragraphs: [
        '欠薪反映的内容由人社部门用于核实和处理您反映的欠薪问题，需要时工作人员会打电话联系您。',
        `投诉建议的内容由${site.bureauName}用于处理投诉、改进服务。`,
        '以上信息不用于其他用途。',
      ],
    },
    {
      title: '敏感个人信息',
      paragraphs: [
        '身份证号码，以及证据照片中的银行流水、工资条等，可能含有敏感个人信息。按照《中华人民共和国个人信息保护法》第二十九条，提交实名反映前，表单会单独征求您的同意；不同意的，可以改为匿名举报。',
      ],
    },
    {
      title: '在服务器上怎么保存',
      paragraphs: [
        '您的姓名、手机号码和身份证号码加密保存，只有负责处理反映的工作人员能够查看。',
        '证据照片上传后，24小时内没有用于反映的会被删除。工作人员查看照片时，系统会先去除照片里的拍摄地点等信息。',
        '反映办结或不予受理后，按规定期限保存，到期删除，证据照片一并删除。',
      ],
    },
    {
      title: '保存在您手机上的内容',
      paragraphs: [
        '长辈模式等设置以及收藏、阅读记录只保存在您的手机上，不会上传。',
        '没填完的反映（草稿）和还没发送成功的反映保存在您的手机上，没有网络时也不会丢失，有网络时自动发送。',
        '反映发送成功后，手机上不再保留您的姓名、完整的手机号码和身份证号码，只保留查询码和手机号码后四位，查询进度时要用；匿名反映保留查询码和查询密钥。单位名称、欠薪情况等内容仍显示在“我的反映”里。',
      ],
    },
    {
      title: '您的权利',
      paragraphs: [
        '您有权查阅、复制您的个人信息，有权请求更正、补充，符合法律规定情形的，有权请求删除（《中华人民共和国个人信息保护法》第四十五条至第四十七条）。',
        '请不要在投诉建议中填写身份证号码等个人信息。',
      ],
    },
    {
      title: '联系我们',
      paragraphs: [`对个人信息处理有疑问，请拨打人社服务热线 ${site.hotline}。`],
    },
  ]
}

export default function PrivacyPage() {
  const site = useSite()
  return (
    <PageShell title='隐私政策' lead={`${site.bureauName}“法治人社”程序个人信息保护说明`}>
      {sectionsFor(site).map((section) => (
        <View key={section.title} className='pufa-card'>
          <Text className='privacy__heading' {...a11y({ role: 'heading', level: 2 })}>
            {section.title}
          </Text>
          {section.paragraphs.map((paragraph) => (
            <Text key={paragraph} className='privacy__paragraph'>
              {paragraph}
            </Text>
          ))}
        </View>
      ))}
    </PageShell>
  )
}
