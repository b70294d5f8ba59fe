import { Text } from '@tarojs/components'
import type { Validity } from '../../core/content/model'
import './index.scss'

const CLASS_BY_VALIDITY: Record<Validity, string> = {
  有效: 'validity validity--valid',
  已修订: 'validity validity--revised',
  已废止: 'validity validity--repealed',
}

/**
 * 有效 / 已修订 / 已废止, in words; the colour only repeats what the words say. Nothing when the
 * source did not say: a badge would then be a legal claim nobody made.
 */
export default function ValidityBadge({ validity }: { validity?: Validity }) {
  return validity ? <Text className={CLASS_BY_VALIDITY[validity]}>{validity}</Text> : null
}
