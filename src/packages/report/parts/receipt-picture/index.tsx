import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { a11y } from '../../../../components/a11y'
import { useSite } from '../../../../components/use-content'
import type { OutboxReport } from '../../../../core/tips/outbox'
import { RECEIPT_PICTURE_FILE, receiptPictureLayout } from '../../../../core/tips/receipt-picture'
import { canDownloadFiles, downloadFile, pictureToPng } from '../../../../services/picture-file'
import './index.scss'

interface Outcome {
  ok: boolean
  message: string
}

const FAILED: Outcome = { ok: false, message: '这个浏览器没能生成回执图片。请抄下查询码，或截屏保存本页。' }

/**
 * H5: 「保存回执图片」 draws the receipt (core/tips/receipt-picture.ts) and downloads it as a PNG;
 * where the browser cannot download (WeChat's own browser, some phones) it shows the picture to be
 * long-pressed and saved. WeChat: see index.weapp.tsx.
 */
export default function ReceiptPicture({ report }: { report: OutboxReport }) {
  const { bureauName } = useSite()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [shown, setShown] = useState<string | null>(null)

  useEffect(() => () => (shown ? URL.revokeObjectURL(shown) : undefined), [shown])

  const receipt = report.receipt
  if (!receipt || report.sentAt === null) return null
  const accessKey = receipt.accessKey ?? null

  async function save(sentAt: number, trackingCode: string) {
    setBusy(true)
    try {
      const png = await pictureToPng(
        receiptPictureLayout({ bureauName, kind: report.payload.kind, trackingCode, accessKey, sentAt: new Date(sentAt).toISOString(), deadlines: receipt!.deadlines }),
      )
      if (!png) setOutcome(FAILED)
      else if (canDownloadFiles()) {
        downloadFile(png, RECEIPT_PICTURE_FILE)
        setOutcome({ ok: true, message: `回执图片已下载（${RECEIPT_PICTURE_FILE}），可以在浏览器的“下载”里找到。` })
      } else {
        setShown(URL.createObjectURL(png))
        setOutcome({ ok: true, message: '这个浏览器不能直接下载。请长按下面的图片，选择“保存图片”。' })
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='pufa-card receipt-picture'>
      <Text className='pufa-muted receipt-picture__line'>
        {accessKey
          ? '回执图片上有查询码、查询密钥、提交时间和办理期限，只在本机生成。有这张图片就能查看您的反映，请不要发给别人。'
          : '回执图片上有查询码、提交时间和办理期限，只在本机生成，不含您的姓名和电话。'}
      </Text>
      <Button
        className='pufa-tap'
        size='large'
        block
        disabled={busy}
        onClick={() => void save(report.sentAt as number, receipt.trackingCode)}
        {...a11y({ role: 'button', disabled: busy })}
      >
        {busy ? '正在生成……' : '保存回执图片'}
      </Button>
      {outcome ? (
        <Text className={outcome.ok ? 'receipt-picture__line' : 'pufa-problem receipt-picture__line'} {...a11y({ role: 'status' })}>
          {outcome.message}
        </Text>
      ) : null}
      {/* A plain <img> (this file is the browser's): what phones offer to save on a long press, with its alt text for screen readers. */}
      {shown ? <img className='receipt-picture__image' src={shown} alt='回执图片，长按可保存' /> : null}
    </View>
  )
}
