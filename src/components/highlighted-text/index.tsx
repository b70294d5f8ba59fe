import { Text } from '@tarojs/components'
import type { Range } from '../../core/content/search'
import './index.scss'

interface Props {
  text: string
  ranges: Range[]
  className?: string
}

/** Text with the search matches marked in bold and underlined, not by colour alone. */
export default function HighlightedText({ text, ranges, className }: Props) {
  const parts: { text: string; hit: boolean }[] = []
  let at = 0
  for (const { start, end } of ranges) {
    if (start > at) parts.push({ text: text.slice(at, start), hit: false })
    parts.push({ text: text.slice(start, end), hit: true })
    at = end
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false })
  return (
    <Text className={className}>
      {parts.map((part, index) =>
        part.hit ? (
          <Text key={index} className='highlight'>
            {part.text}
          </Text>
        ) : (
          part.text
        ),
      )}
    </Text>
  )
}
