import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import PageShell from '../../components/page-shell'
import Hotline from '../../components/hotline'
import LinkRow from '../../components/link-row'
import LegalPoints from '../../components/legal-points'
import { COMPLAINT_SCOPE, DISPUTE_POINTS, LEGAL_AID, TIME_LIMITS } from '../../components/legal-points/remedies'
import { a11y } from '../../components/a11y'
import { describeDraft, loadDraft } from '../../services/report-draft'
import ArbitrationFinder from './arbitration-finder'
import ExplainerLinks from './explainer-links'
import './index.scss'

function open(url: string) {
  Taro.navigateTo({ url }).catch(() => undefined)
}

const DISPUTE_TITLE = '对欠多少、该不该给有争议'

export default function ReportPage() {
  const [draft, setDraft] = useState(() => loadDraft())
  const [disputeOpen, setDisputeOpen] = useState(false)
  // The tab stays alive while the form is open above it: look again when it comes back.
  useDidShow(() => setDraft(loadDraft()))

  return (
    <PageShell title='欠薪反映' lead='单位欠您的工资等劳动报酬，可以在这里向人社部门反映。请先选择您的情况：'>
      {draft ? (
        <View className='pufa-list report-triage__draft'>
          <LinkRow title='继续填写上次的反映' description={describeDraft(draft)} onClick={() => open('/packages/report/form/index?resume=1')} />
        </View>
      ) : null}
      <View className='pufa-list'>
        <LinkRow
          title='单位欠我的钱，我要投诉'
          description='工资、加班费，或者工伤医疗费、经济补偿、赔偿金；本人实名投诉，需要留下姓名和电话'
          onClick={() => open('/packages/report/form/index?kind=complaint')}
        />
        <LinkRow title='我替别人反映或匿名反映' description='举报欠薪线索，可以不留姓名' onClick={() => open('/packages/report/form/index?kind=tip')} />
        <View
          className='pufa-tap link-row report-triage__dispute'
          onClick={() => setDisputeOpen(!disputeOpen)}
          {...a11y({ role: 'button', label: `${DISPUTE_TITLE}，或者是劳动合同的争议，${disputeOpen ? '收起说明' : '查看怎么办'}` })}
        >
          <View className='link-row__text'>
            <Text>{DISPUTE_TITLE}</Text>
            <Text className='pufa-muted'>{disputeOpen ? '收起说明' : '或者是劳动合同、劳动关系的争议：点开看怎么申请仲裁'}</Text>
          </View>
          <Text className='link-row__chevron' {...a11y({ hidden: true })}>
            {disputeOpen ? '－' : '＋'}
          </Text>
        </View>
      </View>
      {disputeOpen ? <DisputePanel /> : null}
      <View className='pufa-list'>
        <LinkRow title='反映前要准备什么' description='工资条、考勤记录、劳动合同等材料清单' onClick={() => open('/packages/report/guide/index')} />
        <LinkRow title='我的反映' description='在这部手机上提交过的反映' onClick={() => open('/packages/report/mine/index')} />
        <LinkRow title='查询进度' description='用查询码查看处理到了哪一步' onClick={() => open('/packages/report/status/index')} />
      </View>
      <Hotline note='不确定属于哪一种，或者不方便在网上填写，可以打电话问。' />
    </PageShell>
  )
}

function DisputePanel() {
  return (
    <>
      <View className='pufa-card'>
        <LegalPoints card={false} title='投诉还是仲裁' points={[COMPLAINT_SCOPE, ...DISPUTE_POINTS]} />
        <Text className='report-triage__hint'>单位只是不给钱、双方对金额没有争议的，请选上面第一项投诉。</Text>
      </View>
      <LegalPoints title='时效：别错过' points={TIME_LIMITS} />
      <ArbitrationFinder />
      <LegalPoints title='法律援助' points={[LEGAL_AID]} />
      <ExplainerLinks />
    </>
  )
}
