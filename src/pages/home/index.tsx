import { useSyncExternalStore, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import PageShell from '../../components/page-shell'
import Hotline from '../../components/hotline'
import ElderModeSwitch from '../../components/elder-mode-switch'
import LinkRow from '../../components/link-row'
import { a11y } from '../../components/a11y'
import { useContent, useSite } from '../../components/use-content'
import { usePersonaChoice } from '../../components/use-persona'
import { EMPLOYER_CATEGORIES, homeSections, latestExplainers, type HomeSection } from '../../core/home/persona'
import type { PolicyCategory } from '../../core/content/model'
import { hasNews } from '../../core/tips/followed'
import { getFollowed, subscribeFollowed } from '../../services/followed-reports'
import { listOutbox, subscribeOutbox } from '../../services/report-outbox'
import ContestsCard from '../quiz/contests-card'
import DailyQuestion from './daily-question'
import PersonaChoice from './persona-choice'
import './index.scss'

const EXPLAINERS_SHOWN = 3

function navigate(url: string) {
  Taro.navigateTo({ url }).catch(() => undefined)
}

function switchTab(url: string) {
  Taro.switchTab({ url }).catch(() => undefined)
}

function Explainers({ title, categories, empty }: { title: string; categories?: readonly PolicyCategory[]; empty: string }) {
  const policies = useContent('policy')
  const latest = latestExplainers(policies, EXPLAINERS_SHOWN, categories)
  return (
    <>
      <Text className='pufa-subheading' {...a11y({ role: 'heading', level: 2 })}>
        {title}
      </Text>
      {latest.length === 0 ? (
        <View className='pufa-card'>
          <Text className='pufa-muted'>{empty}</Text>
        </View>
      ) : (
        <View className='pufa-list'>
          {latest.map((item) => (
            <LinkRow
              key={item.id}
              title={item.data.title}
              description={item.data.category}
              onClick={() => navigate(`/packages/policy/detail/index?id=${encodeURIComponent(item.id)}`)}
            />
          ))}
          <LinkRow title='查看全部政策解读' onClick={() => switchTab('/pages/policies/index')} />
        </View>
      )}
    </>
  )
}

/** 欠薪反映, with the reports sent from this phone and a mark on those with news not yet seen. */
function Reports() {
  const reports = useSyncExternalStore(subscribeOutbox, listOutbox, listOutbox)
  const followed = useSyncExternalStore(subscribeFollowed, getFollowed, getFollowed)
  const withNews = reports.filter((report) => report.state === 'sent' && report.receipt && hasNews(followed[report.receipt.trackingCode])).length
  return (
    <>
      <Text className='pufa-subheading' {...a11y({ role: 'heading', level: 2 })}>
        欠薪反映
      </Text>
      <View className='pufa-list'>
        <LinkRow title='单位欠工资，我要反映' description='了解怎么反映、要准备什么，在线提交' onClick={() => switchTab('/pages/report/index')} />
        {reports.length > 0 ? (
          <LinkRow
            title={`我的反映（${reports.length}份）`}
            description={withNews > 0 ? `${withNews}份有新进展` : '查看处理到了哪一步'}
            label={`我的反映，${reports.length}份${withNews > 0 ? `，${withNews}份有新进展` : ''}`}
            onClick={() => navigate('/packages/report/mine/index')}
          >
            {withNews > 0 ? <Text className='home-news'>有新进展</Text> : null}
          </LinkRow>
        ) : null}
      </View>
    </>
  )
}

const SECTIONS: Record<HomeSection, () => ReactNode> = {
  reports: () => <Reports />,
  'employer-guide': () => <Explainers title='用工指引' categories={EMPLOYER_CATEGORIES} empty='劳动关系、工资支付、社会保险方面的政策解读同步到手机后显示在这里。' />,
  explainers: () => <Explainers title='最新政策解读' empty='政策解读同步到手机后显示在这里。' />,
  'daily-question': () => <DailyQuestion />,
  contest: () => <ContestsCard />,
  hotline: () => <Hotline note='咨询劳动保障、社会保险政策，反映欠薪问题，都可以拨打。' />,
}

export default function HomePage() {
  const { bureauName } = useSite()
  const choice = usePersonaChoice()
  return (
    <PageShell title='法治人社' lead={`${bureauName}普法服务`}>
      {choice === null ? <PersonaChoice /> : null}
      <ElderModeSwitch />
      {homeSections(choice?.persona ?? null).map((section) => (
        <View key={section}>{SECTIONS[section]()}</View>
      ))}
    </PageShell>
  )
}
