import Taro from '@tarojs/taro'

/** Every key the app keeps on the device, with the type stored under it. */
export interface StoredValues {
  'pufa.elderMode': boolean
}

type Key = keyof StoredValues

// Storage can throw (quota, private mode, a corrupted entry): failure is a value, never an exception.
export function readStored<K extends Key>(key: K): StoredValues[K] | null {
  try {
    const raw: unknown = Taro.getStorageSync(key)
    return raw === '' || raw === undefined || raw === null ? null : (raw as StoredValues[K])
  } catch {
    return null
  }
}

export function writeStored<K extends Key>(key: K, value: StoredValues[K]): boolean {
  try {
    Taro.setStorageSync(key, value)
    return true
  } catch {
    return false
  }
}
