import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { a11y } from '../a11y'
import { keepPhoto } from '../../services/photo-files'
import './index.scss'

interface Props {
  /** Local paths, in the order added. */
  photos: string[]
  max: number
  onAdd: (paths: string[]) => void
  onRemove: (index: number) => void
}

function isCancel(error: unknown): boolean {
  const message = (error as { errMsg?: unknown } | null)?.errMsg
  return typeof message === 'string' && message.includes('cancel')
}

/** Evidence photos from the album or the camera: thumbnails, each with its own delete button. */
export default function PhotoPicker({ photos, max, onAdd, onRemove }: Props) {
  const [choosing, setChoosing] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const room = max - photos.length

  async function add() {
    if (room <= 0 || choosing) return
    setChoosing(true)
    setProblem(null)
    try {
      const result = await Taro.chooseMedia({ count: room, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      // The browser's file dialog ignores the count: take no more than there is room for.
      const chosen = result.tempFiles.slice(0, room).map((file) => file.tempFilePath)
      onAdd(await Promise.all(chosen.map(keepPhoto)))
    } catch (error) {
      if (!isCancel(error)) setProblem('没能添加照片，请再试一次。如果一直不行，请检查是否允许使用相册和相机。')
    } finally {
      setChoosing(false)
    }
  }

  return (
    <View className='photo-picker'>
      {photos.length > 0 ? (
        <View className='photo-picker__grid'>
          {photos.map((path, index) => (
            <View key={path} className='photo-picker__item'>
              <Image className='photo-picker__thumb' src={path} mode='aspectFill' {...a11y({ hidden: true })} />
              <Text className='pufa-muted photo-picker__number'>第{index + 1}张</Text>
              <View className='pufa-tap photo-picker__delete' onClick={() => onRemove(index)} {...a11y({ role: 'button', label: `删除第${index + 1}张照片` })}>
                <Text>删除</Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <Text className='pufa-muted'>
        已添加{photos.length}张，最多{max}张。
      </Text>
      {room > 0 ? (
        <View className='pufa-tap photo-picker__add' onClick={() => void add()} {...a11y({ role: 'button' })}>
          <Text>{choosing ? '正在打开相册…' : `添加照片（还能加${room}张）`}</Text>
        </View>
      ) : (
        <Text className='photo-picker__full'>已加满{max}张。要换照片，请先删除一张。</Text>
      )}
      {problem ? (
        <Text className='photo-picker__problem' {...a11y({ role: 'alert' })}>
          {problem}
        </Text>
      ) : null}
    </View>
  )
}
