import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import DistrictPicker from '../../components/district-picker'
import { a11y } from '../../components/a11y'
import { useSite } from '../../components/use-content'

/** The arbitration institution of the district the worker picks, as the site feed gives it. */
export default function ArbitrationFinder() {
  const site = useSite()
  const [code, setCode] = useState('')
  const district = site.districts.find((candidate) => candidate.code === code)
  const institution = district?.arbitration

  return (
    <View className='pufa-card'>
      <Text className='report-triage__heading' {...a11y({ role: 'heading', level: 2 })}>
        到哪里申请仲裁
      </Text>
      <Text className='report-triage__point'>选择您干活的地方（劳动合同履行地）或者单位所在的区：</Text>
      <DistrictPicker label='所在区县' districts={site.districts} value={code} onChange={setCode} />
      {district && institution ? (
        <View className='report-triage__institution' {...a11y({ role: 'status' })}>
          <Text className='report-triage__institution-name'>{institution.name}</Text>
          {institution.address ? <Text>地址：{institution.address}</Text> : null}
          {institution.phone ? <Text>电话：{institution.phone}</Text> : null}
          {institution.phone ? (
            <Button
              className='pufa-tap report-triage__call'
              size='large'
              block
              onClick={() => void Taro.makePhoneCall({ phoneNumber: institution.phone as string }).catch(() => undefined)}
              {...a11y({ role: 'button' })}
            >
              拨打 {institution.phone}
            </Button>
          ) : null}
        </View>
      ) : district ? (
        <Text className='report-triage__institution' {...a11y({ role: 'status' })}>
          {district.name}劳动人事争议仲裁机构的地址和电话，请拨打人社服务热线{site.hotline}询问。
        </Text>
      ) : null}
    </View>
  )
}
