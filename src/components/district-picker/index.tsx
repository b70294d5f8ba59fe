import { Text } from '@tarojs/components'
import type { District } from '../../core/content/model'
import ChoiceGroup from '../choice-group'
import { a11y } from '../a11y'

interface Props {
  label: string
  /** The city's districts as synced (site.districts). */
  districts: District[]
  value: string
  onChange: (code: string) => void
}

/**
 * One of the city's districts. A city has about a dozen, so they are shown all at once as choices
 * rather than behind a wheel: one tap, readable at large text, and announced as radio buttons.
 */
export default function DistrictPicker({ label, districts, value, onChange }: Props) {
  if (districts.length === 0) {
    return (
      <Text className='pufa-muted' {...a11y({ role: 'status' })}>
        区县列表还没有下载到手机上。请连上网络，稍等一会儿再打开本页。
      </Text>
    )
  }
  return (
    <ChoiceGroup label={label} choices={districts.map(({ code, name }) => ({ value: code, label: name }))} value={value} onChange={onChange} />
  )
}
