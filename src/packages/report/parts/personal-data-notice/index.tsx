import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import LinkRow from '../../../../components/link-row'
import { a11y } from '../../../../components/a11y'
import { useSite } from '../../../../components/use-content'
import { usePrivacyTerms } from '../../../../components/use-privacy-terms'
import { daysInWords } from '../../../../core/format-date'
import '../notice.scss'

interface Props {
  /** The reporter leaves a name and phone (a complaint or a named tip). */
  named: boolean
}

/**
 * The notice of 个人信息保护法 第十七条 and 第三十五条 that comes with every report. The report itself
 * needs no consent: the bureau handles it to perform its statutory duty (第十三条第一款第（三）项).
 */
export default function PersonalDataNotice({ named }: Props) {
  const site = useSite()
  const terms = usePrivacyTerms()
  const kept = terms
    ? `反映办结或者不予受理后，保存${daysInWords(terms.tipsRetentionDays)}，到期删除，照片一并删除。`
    : '反映办结或者不予受理后，按规定的期限保存，到期删除，照片一并删除（具体期限联网后显示在这里和隐私政策中）。'
  const paragraphs = [
    `谁处理：${site.bureauName}（人社服务热线${site.hotline}）。`,
    `为什么处理：核实和处理您反映的欠薪问题，这是人社部门履行劳动保障监察法定职责所必需（《个人信息保护法》第十三条第一款第（三）项），不需要您另外同意。`,
    named
      ? '处理哪些信息：您的姓名、电话，您填写的用人单位、欠薪情况和证据照片。工作人员需要时会打电话联系您。'
      : '处理哪些信息：您填写的用人单位、欠薪情况和证据照片；匿名举报不收集您的姓名和电话。',
    `怎么保存：姓名、电话和证件号码加密保存，只有负责处理反映的工作人员能够查看。${kept}`,
    '您的权利：可以查阅、复制、更正、补充您的个人信息，符合法律规定情形的可以请求删除（第四十五条至第四十七条），请拨打服务热线。',
  ]
  return (
    <View className='pufa-card'>
      <Text className='report-notice__heading' {...a11y({ role: 'heading', level: 2 })}>
        您的个人信息怎么处理
      </Text>
      {paragraphs.map((paragraph) => (
        <Text key={paragraph} className='report-notice__paragraph'>
          {paragraph}
        </Text>
      ))}
      <View className='pufa-list report-notice__link'>
        <LinkRow title='隐私政策' description='全部说明' onClick={() => void Taro.navigateTo({ url: '/packages/me/privacy/index' }).catch(() => undefined)} />
      </View>
    </View>
  )
}
