import { View, Text } from '@tarojs/components'
import type { Citation } from '../../../core/content/model'
import './explanation.scss'

/** 《劳动合同法》第十条 — how a cited article reads in every quiz page. */
export function citationText(citation: Citation): string {
  const law = citation.law.startsWith('《') ? citation.law : `《${citation.law}》`
  return `${law}${citation.article}`
}

/** The explanation of a question and the law and article it rests on. */
export default function Explanation({ explanation, citations }: { explanation: string; citations: Citation[] }) {
  return (
    <View className='quiz-explanation'>
      <Text className='quiz-explanation__text'>解析：{explanation}</Text>
      {citations.length > 0 ? <Text className='quiz-explanation__citation'>依据：{citations.map(citationText).join('；')}</Text> : null}
    </View>
  )
}
