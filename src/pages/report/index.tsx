import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import PageShell from '../../components/page-shell'
import Hotline from '../../components/hotline'
import LinkRow from '../../components/link-row'
import { a11y } from '../../components/a11y'
import { describeDraft, loadDraft } from '../../services/report-draft'
import './index.scss'

function open(url: string) {
  Taro.navigateTo({ url }).catch(() => undefined)
}

// What 劳动争议调解仲裁法 says about disputes, article by article (第二条、第五条、第九条、第二十一条、
// 第二十七条、第五十三条); nothing here goes beyond its text.
const DISPUTE_POINTS = [
  '解除或者终止劳动合同、工伤医疗费、经济补偿或者赔偿金等引起的争议，属于劳动争议（《劳动争议调解仲裁法》第二条），不通过这里的欠薪反映处理。',
  '可以和单位协商，也可以向调解组织申请调解；不愿调解或者调解不成的，可以向劳动争议仲裁委员会申请仲裁（第五条）。',
  '向劳动合同履行地或者用人单位所在地的仲裁委员会申请（第二十一条）。劳动争议仲裁不收费（第五十三条）。',
  '申请仲裁的时效期间一般为一年，从知道或者应当知道权利被侵害之日起计算（第二十七条）。',
  '单位拖欠工资的，劳动者可以向劳动行政部门（人社部门）投诉（第九条），请选上面第一项。',
]

export default function ReportPage() {
  const [draft, setDraft] = useState(() => loadDraft())
  const [disputeOpen, setDisputeOpen] = useState(false)
  // The tab stays alive while the form is open above it: look again when it comes back.
  useDidShow(() => setDraft(loadDraft()))

  return (
    <PageShell title='欠薪反映' lead='被拖欠工资，可以在这里向人社部门反映。请先选择您的情况：'>
      {draft ? (
        <View className='pufa-list report-triage__draft'>
          <LinkRow title='继续填写上次的反映' description={describeDraft(draft)} onClick={() => open('/packages/report/form/index?resume=1')} />
        </View>
      ) : null}
      <View className='pufa-list'>
        <LinkRow title='我被拖欠工资' description='本人实名投诉，需要留下姓名和电话' onClick={() => open('/packages/report/form/index?kind=complaint')} />
        <LinkRow title='我替别人反映或匿名反映' description='举报欠薪线索，可以不留姓名' onClick={() => open('/packages/report/form/index?kind=tip')} />
        <View
          className='pufa-tap link-row report-triage__dispute'
          onClick={() => setDisputeOpen(!disputeOpen)}
          {...a11y({ role: 'button', label: `这是劳动争议（如解除合同、工伤待遇等），${disputeOpen ? '收起说明' : '查看怎么办'}` })}
        >
          <View className='link-row__text'>
            <Text>这是劳动争议（如解除合同、工伤待遇等）</Text>
            <Text className='pufa-muted'>{disputeOpen ? '收起说明' : '这类问题要申请仲裁，点开看怎么办'}</Text>
          </View>
          <Text className='link-row__chevron' {...a11y({ hidden: true })}>
            {disputeOpen ? '－' : '＋'}
          </Text>
        </View>
      </View>
      {disputeOpen ? (
        <View className='pufa-card report-triage__explain'>
          <Text className='report-triage__heading' {...a11y({ role: 'heading', level: 2 })}>
            劳动争议请申请仲裁
          </Text>
          {DISPUTE_POINTS.map((point) => (
            <Text key={point} className='report-triage__point'>
              {point}
            </Text>
          ))}
        </View>
      ) : null}
      <View className='pufa-list'>
        <LinkRow title='反映前要准备什么' description='工资条、考勤记录、劳动合同等材料清单' onClick={() => open('/packages/report/guide/index')} />
        <LinkRow title='我的反映' description='在这部手机上提交过的反映' onClick={() => open('/packages/report/mine/index')} />
        <LinkRow title='查询进度' description='用查询码查看处理到了哪一步' onClick={() => open('/packages/report/status/index')} />
      </View>
      <Hotline note='不确定属于哪一种，或者不方便在网上填写，可以打电话问。' />
    </PageShell>
  )
}
