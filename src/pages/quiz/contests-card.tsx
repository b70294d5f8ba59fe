import { useRef } from 'react'
import { useDidShow } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import LinkRow from '../../components/link-row'
import { a11y } from '../../components/a11y'
import { useRequest } from '../../components/use-request'
import type { ContestView } from '../../../server/quiz/quiz.schemas'
import { chinaTimeWords } from '../../core/quiz/contest'
import { listContests } from '../../services/contests'
import { contestUrl, openPage } from '../../components/quiz-links'

function contestLine(contest: ContestView): string {
  if (contest.status === 'upcoming') return `即将开始 · ${chinaTimeWords(contest.startsAt)} 开始`
  return `进行中 · ${chinaTimeWords(contest.endsAt)} 截止 · 每次${contest.questionCount}道题`
}

/** The contests open now or soon, fetched each time the tab shows: contests need the network. */
export default function ContestsCard() {
  const { requested, reload } = useRequest(listContests, 'contests')
  // Asked when the card first shows, and again each time the person comes back to the tab.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) reload()
    shown.current = true
  })

  return (
    <>
      <Text className='pufa-subheading' {...a11y({ role: 'heading', level: 2 })}>
        知识竞赛
      </Text>
      {requested.step === 'ready' && requested.data.items.length > 0 ? (
        <View className='pufa-list'>
          {requested.data.items.map((contest) => (
            <LinkRow key={contest.id} title={contest.title} description={contestLine(contest)} onClick={() => openPage(contestUrl(contest.id))} />
          ))}
        </View>
      ) : (
        <View className='pufa-card'>
          <Text className='pufa-muted' {...a11y({ role: 'status' })}>
            {requested.step === 'loading'
              ? '正在查看进行中的竞赛……'
              : requested.step === 'failed'
                ? `${requested.message}竞赛需要联网参加，练习不用联网。`
                : '现在没有进行中的竞赛。'}
          </Text>
          {requested.step === 'failed' ? (
            <Button className='pufa-tap quiz-home__retry' size='large' block onClick={reload} {...a11y({ role: 'button' })}>
              重试
            </Button>
          ) : null}
        </View>
      )}
    </>
  )
}
