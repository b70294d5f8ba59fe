import { View, Text } from '@tarojs/components'
import EmptyState from '../../../components/empty-state'
import Hotline from '../../../components/hotline'
import LinkRow from '../../../components/link-row'
import { a11y } from '../../../components/a11y'
import { openPolicy } from '../../../components/policy-card'
import { POLICY_CATEGORIES, type Policy, type PolicyCategory } from '../../../core/content/model'
import type { NearbyExplainer } from '../../../core/content/search'

interface Props {
  /** Hits the chosen category left out. */
  elsewhere: number
  /** The explainers nearest the query, with their Q&A nearest it. */
  nearby: NearbyExplainer[]
  policyOf: (id: string) => Policy | undefined
  /** Everything again: the whole list or the hits of every category. */
  showAll: () => void
  /** The explainers of one category, as its chip above shows them. */
  openCategory: (category: PolicyCategory) => void
}

/** When a search finds nothing: where else to look, nearby questions, and someone to ask. */
export default function NoResults({ elsewhere, nearby, policyOf, showAll, openCategory }: Props) {
  const questions = nearby.flatMap(({ id, qa }) => qa.map((pair) => ({ id, question: pair.question, title: policyOf(id)?.title ?? '' })))
  return (
    <>
      <EmptyState
        title={elsewhere > 0 ? '这个类别里没有找到' : '没有找到相关政策'}
        description='换个说法试试，或者看看下面的类别和问答。'
      />
      {elsewhere > 0 ? (
        <View className='pufa-tap policy-search__chip policy-search__all' onClick={showAll} {...a11y({ role: 'button' })}>
          <Text>看全部类别里的 {elsewhere} 篇</Text>
        </View>
      ) : null}
      <Text className='pufa-subheading' {...a11y({ role: 'heading', level: 2 })}>
        按类别找
      </Text>
      <View className='policy-search__chips'>
        {POLICY_CATEGORIES.map((category) => (
          <View key={category} className='pufa-tap policy-search__chip' onClick={() => openCategory(category)} {...a11y({ role: 'button', label: `看${category}类的政策解读` })}>
            <Text>{category}</Text>
          </View>
        ))}
      </View>
      {questions.length > 0 ? (
        <>
          <Text className='pufa-subheading' {...a11y({ role: 'heading', level: 2 })}>
            相近的问答
          </Text>
          <View className='pufa-list'>
            {questions.map(({ id, question, title }) => (
              <LinkRow key={`${id}\n${question}`} title={question} description={`出自：${title}`} onClick={() => openPolicy(id)} />
            ))}
          </View>
        </>
      ) : null}
      <Hotline note='找不到想看的政策，或者说不清自己的情况，可以打电话问人社服务热线。' />
    </>
  )
}
