import { View, Text } from '@tarojs/components'
import PageShell from '../../../components/page-shell'
import { a11y } from '../../../components/a11y'
import { useSite } from '../../../components/use-content'
import type { Site } from '../../../core/content/model'
import { daysInWords, formatChineseDate } from '../../../core/format-date'
import { SESSION_IDLE_DAYS } from '../../../core/wechat-session'
import { usePrivacyTerms } from '../../../components/use-privacy-terms'
import type { PrivacyTerms } from '../../../../server/privacy/privacy-terms.schemas'
import './index.scss'

interface Section {
  title: string
  paragraphs: string[]
}

/** The day this version of the text takes effect; change it with every change of what the app does with data. */
export const PRIVACY_EFFECTIVE_DATE = '2026-12-07'

const KEPT_UNTIL_KNOWN = '按规定的期限（联网后这里会显示具体期限）'

// Describes what this version of the app actually does with data; update it (and the date above)
// with every feature that collects something new. Reports: src/core/tips/outbox.ts (what the phone
// keeps), server/tips (encryption, retention), server/uploads (photos); contests: server/quiz;
// WeChat identity: server/wechat;
// usage counts: src/core/usage-counters.ts, server/counters.
function sectionsFor(site: Site, terms: PrivacyTerms | null): Section[] {
  const reportsKept = terms ? `保存${daysInWords(terms.tipsRetentionDays)}` : KEPT_UNTIL_KNOWN + '保存'
  const photoHours = terms ? `${terms.uploadExpiryHours}小时` : '24小时'
  return [
    {
      title: '我们收集什么',
      paragraphs: [
        '本程序不要求注册，也不读取您的位置。',
        '在微信小程序中：为了让您换了手机也能在“我的反映”里看到自己提交的反映、竞赛每天的答题次数按人计算，打开小程序时服务器会向微信取得代表您的一串编号（openid），只保存它经过加密处理的摘要，不获取您的微信昵称、头像等资料。您点“使用微信绑定的手机号”时，服务器向微信取得这个号码填入表单，不保存这个号码；不点也可以自己填写。网页版不涉及这些。',
        '欠薪反映：实名投诉或留名举报时，收集您的姓名和电话，投诉时还可以选填证件号码（居民身份证、港澳台居民居住证或外国人永久居留身份证）；匿名举报不收集这些信息。每份反映还包括您填写的用人单位、工作地址、欠薪情况和您上传的证据照片；办结后您可以选择评价办理结果。',
        '知识竞赛：报名时收集您选择的区县和选填的昵称，以及您的答题记录和成绩。不需要姓名和电话。',
        '投诉建议和题目纠错：您填写的文字和选择的类型；投诉建议还可以选填联系电话。',
        '使用次数：每篇政策解读每天被阅读几次，每个分类的练习题每天答了几道、答对几道。手机把这些次数累计起来分批发送，不带任何能认出您或您手机的信息，服务器也不保存、不记录发送时的网络地址。',
      ],
    },
    {
      title: '为什么收集、怎么使用',
      paragraphs: [
        `欠薪反映由人社部门用于核实和处理您反映的欠薪问题，需要时工作人员会打电话联系您。这是人社部门履行劳动保障监察法定职责所必需（《中华人民共和国个人信息保护法》第十三条第一款第（三）项），提交反映不需要您另外同意。`,
        '竞赛的区县、答题记录和成绩用于计分，以及按区县统计参与人数和参与率。只有您选择“上积分榜”时，您的昵称和成绩才会显示在公开的积分榜上。',
        `投诉建议和题目纠错由${site.bureauName}用于处理意见、改进服务和内容。`,
        '使用次数只用于统计哪些政策解读有人看、哪些方面的法律知识还需要多宣传。',
        '以上信息不用于其他用途。',
      ],
    },
    {
      title: '敏感个人信息',
      paragraphs: [
        '证件号码，以及证据照片中的工资条、银行流水等，可能含有敏感个人信息。只有您提供了这些信息时，表单才会按照《中华人民共和国个人信息保护法》第二十九条单独征求您的同意，并告诉您处理的必要性和对您的影响（第三十条）。不同意的，这些信息不会发送，反映照样提交。',
      ],
    },
    {
      title: '在服务器上怎么保存',
      paragraphs: [
        '您的姓名、电话和证件号码加密保存，只有负责处理反映的工作人员能够查看。投诉建议中留下的联系电话也加密保存，只用于处理这条意见。',
        `证据照片上传后，${photoHours}内没有用于反映的会被删除。工作人员查看照片时，系统会先去除照片里的拍摄地点等信息。`,
        `反映办结或不予受理后，${reportsKept}，到期删除，证据照片和评价一并删除。`,
        `微信小程序中代表您的编号（openid）的加密摘要，在它不再对应您的任何反映和竞赛报名、并且您${SESSION_IDLE_DAYS}天没有使用小程序之后删除。`,
      ],
    },
    {
      title: '保存在您手机上的内容',
      paragraphs: [
        '长辈模式等设置以及收藏、阅读记录、练习记录和错题本只保存在您的手机上，不会上传（只发送上面说的使用次数）。',
        '没填完的反映（草稿）和还没发送成功的反映、投诉建议、题目纠错保存在您的手机上，没有网络时也不会丢失，有网络时自动发送。',
        '反映发送成功后，手机上不再保留您的姓名、完整的电话号码和证件号码，只保留查询码和电话号码后四位，查询进度时要用；匿名反映保留查询码和查询密钥。单位名称、欠薪情况等内容仍显示在“我的反映”里。',
        '竞赛报名后，手机上保存您的区县、昵称和参赛凭证，用来继续答题和查看成绩。',
      ],
    },
    {
      title: '您的权利',
      paragraphs: [
        '您有权查阅、复制您的个人信息，有权请求更正、补充，符合法律规定情形的，有权请求删除（《中华人民共和国个人信息保护法》第四十五条至第四十七条）。',
        '请不要在投诉建议、纠错和昵称中填写身份证号码等个人信息。',
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
  const terms = usePrivacyTerms()
  return (
    <PageShell title='隐私政策' lead={`${site.bureauName}“法治人社”程序个人信息保护说明。生效日期：${formatChineseDate(PRIVACY_EFFECTIVE_DATE)}。`}>
      {sectionsFor(site, terms).map((section) => (
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
