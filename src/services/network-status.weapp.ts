import Taro from '@tarojs/taro'

/**
 * WeChat reports every change of network (Wi-Fi to 4G as well); only a change from no connection
 * to a connection counts as coming back. The state before the first report is unknown: taking it
 * as "offline" costs at most one extra, cheap (304) sync.
 */
export function onReconnect(listener: () => void): () => void {
  let connected = false
  const onChange = ({ isConnected }: Taro.onNetworkStatusChange.CallbackResult) => {
    if (isConnected && !connected) listener()
    connected = isConnected
  }
  Taro.onNetworkStatusChange(onChange)
  return () => Taro.offNetworkStatusChange(onChange)
}
