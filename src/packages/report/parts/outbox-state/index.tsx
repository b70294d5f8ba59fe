import { Text, View } from '@tarojs/components'
import type { OutboxState } from '../../../../services/report-outbox'
import { a11y } from '../../../../components/a11y'
import './index.scss'

// The symbol carries the state as much as the colour does, for people who cannot tell colours apart.
const STATES: Record<OutboxState, { symbol: string; name: string }> = {
  waiting: { symbol: '○', name: '待发送' },
  sending: { symbol: '↻', name: '发送中' },
  sent: { symbol: '✓', name: '已提交' },
  needs_attention: { symbol: '⚠', name: '需要修改' },
}

export function outboxStateName(state: OutboxState): string {
  return STATES[state].name
}

interface Props {
  state: OutboxState
  /** A sentence after the state's name, e.g. 「网络恢复后会自动发送」. */
  detail?: string
  large?: boolean
}

/** A report's state as a symbol and words; the words alone say it all to a screen reader. */
export default function OutboxStateBadge({ state, detail, large = false }: Props) {
  const { symbol, name } = STATES[state]
  return (
    <View className={`outbox-state outbox-state--${state.replace('_', '-')}${large ? ' outbox-state--large' : ''}`}>
      <Text className='outbox-state__symbol' {...a11y({ hidden: true })}>
        {symbol}
      </Text>
      <Text className='outbox-state__name'>{detail ? `${name}：${detail}` : name}</Text>
    </View>
  )
}
