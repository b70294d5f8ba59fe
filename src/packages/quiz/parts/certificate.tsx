import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import TextField from '../../../components/text-field'
import { a11y } from '../../../components/a11y'
import { useSite } from '../../../components/use-content'
import { certificateLayout, checkCertificateName } from '../../../core/quiz/certificate'
import { NICKNAME_MAX } from '../../../core/quiz/nickname'
import CertificateCanvas from './certificate-canvas'
import { saveCertificate } from './save-certificate'
import type { SaveOutcome } from './save-outcome'
import './certificate.scss'

interface Props {
  contestTitle: string
  score: number
  questionCount: number
  finishedAt: string
  /** The contest nickname, offered as the name to print. */
  nickname: string | null
}

const SAVE_LABEL = process.env.TARO_ENV === 'h5' ? '下载证书图片' : '保存证书到相册'

/** 电子证书: the person types the name to print and gets the picture (album in WeChat, a PNG download on H5). */
export default function Certificate({ contestTitle, score, questionCount, finishedAt, nickname }: Props) {
  const { bureauName } = useSite()
  const [name, setName] = useState(nickname ?? '')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null)

  async function save() {
    const checked = checkCertificateName(name)
    if (!checked.ok) {
      setError(checked.message)
      setOutcome(null)
      return
    }
    setError(undefined)
    setBusy(true)
    try {
      setOutcome(await saveCertificate(certificateLayout({ name: checked.value, contestTitle, score, questionCount, finishedAt, bureauName })))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='pufa-card certificate'>
      <Text className='certificate__title' {...a11y({ role: 'heading', level: 2 })}>
        电子证书
      </Text>
      <Text className='pufa-muted'>证书上印您填写的姓名或昵称、竞赛名称、成绩和日期，只在这部手机上生成，不会上传。</Text>
      <TextField path='certificateName' label='印在证书上的姓名或昵称' value={name} onChange={setName} error={error} maxLength={NICKNAME_MAX} />
      <Button className='pufa-tap' type='primary' size='large' block disabled={busy} onClick={() => void save()} {...a11y({ role: 'button', disabled: busy })}>
        {busy ? '正在生成……' : SAVE_LABEL}
      </Button>
      {outcome ? (
        <Text className={outcome.ok ? 'certificate__outcome' : 'pufa-problem certificate__outcome'} {...a11y({ role: 'status' })}>
          {outcome.message}
        </Text>
      ) : null}
      {outcome?.offerSettings ? (
        <Button className='pufa-tap' size='large' block onClick={() => void Taro.openSetting().catch(() => undefined)} {...a11y({ role: 'button' })}>
          去设置
        </Button>
      ) : null}
      <CertificateCanvas />
    </View>
  )
}
