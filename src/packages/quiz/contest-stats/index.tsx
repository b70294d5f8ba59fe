import { useRouter } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import PageShell from '../../../components/page-shell'
import { a11y } from '../../../components/a11y'
import { useRequest } from '../../../components/use-request'
import { districtRanking, durationWords, percentWords, rateWords } from '../../../core/quiz/contest'
import { contestStats } from '../../../services/contests'
import RequestFailed from '../parts/request-failed'
import './index.scss'

const TITLE = '各区参与情况'

export default function ContestStatsPage() {
  const { params } = useRouter()
  const contestId = params.id ?? ''
  const { requested, reload } = useRequest(() => contestStats(contestId), contestId)

  if (requested.step === 'loading') return <PageShell title={TITLE} lead='正在统计……' />
  if (requested.step === 'failed') return <RequestFailed pageTitle={TITLE} title='暂时无法显示统计' message={requested.message} onRetry={reload} />
  const stats = requested.data
  const ranking = districtRanking(stats.districts)
  const byRate = ranking.length > 0 && ranking.every((district) => district.rate !== null)
  return (
    <PageShell title={TITLE} lead={stats.title}>
      <View className='pufa-card' {...a11y({ role: 'status' })}>
        <Text className='contest-stats__total'>共 {stats.participants} 人参加</Text>
        <Text className='pufa-muted'>
          按交过卷的人数统计，每人只算一次。{byRate ? '各区按参与率（每万名常住人口中的参与人数）排名。' : '各区按参与人数排名；百分比是占全部参与人数的比例。'}
        </Text>
      </View>
      <Text className='pufa-subheading' {...a11y({ role: 'heading', level: 2 })}>
        {byRate ? '各区参与率' : '各区参与人数'}
      </Text>
      <View className='pufa-card contest-stats__table'>
        {ranking.map((district) => (
          <View key={district.code} className='contest-stats__row'>
            <Text className='contest-stats__rank'>{district.rank ?? '—'}</Text>
            <Text className='contest-stats__name'>{district.name}</Text>
            <Text className='contest-stats__count'>{district.participants}人</Text>
            <Text className='pufa-muted contest-stats__share'>{district.rate === null ? percentWords(district.share) : rateWords(district.rate)}</Text>
          </View>
        ))}
      </View>
      <Text className='pufa-subheading' {...a11y({ role: 'heading', level: 2 })}>
        积分榜
      </Text>
      <View className='pufa-card contest-stats__table'>
        <Text className='pufa-muted'>只显示登记时选择“上积分榜”的参与者；同分时用时少的在前。</Text>
        {stats.board.length === 0 ? (
          <Text className='contest-stats__empty'>还没有人上榜。</Text>
        ) : (
          stats.board.map((entry, index) => (
            <View key={index} className='contest-stats__row'>
              <Text className='contest-stats__rank'>{entry.rank}</Text>
              <Text className='contest-stats__name'>{entry.nickname}</Text>
              <Text className='contest-stats__count'>{entry.score}分</Text>
              <Text className='pufa-muted contest-stats__share'>{durationWords(entry.timeUsedSeconds)}</Text>
            </View>
          ))
        )}
      </View>
    </PageShell>
  )
}
