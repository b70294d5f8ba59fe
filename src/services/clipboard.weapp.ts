import Taro from '@tarojs/taro'

/**
 * WeChat: puts text on the clipboard and says whether that worked; the page confirms inline.
 * WeChat documents that wx.setClipboardData shows a toast 「内容已复制」 for 1.5 s on success, and
 * offers no option against it; hiding it at once from the success callback is the answer Taro's
 * maintainers give (NervJS/taro#14642). WeChat does not document that this works, and on some
 * clients the toast may still flash: check on a device.
 */
export function copyText(text: string): Promise<boolean> {
  return Taro.setClipboardData({
    data: text,
    success: () => {
      // Taro returns a promise on WeChat (its types say void); it fails when the toast is already
      // gone or never came, and then there is nothing to do.
      Promise.resolve(Taro.hideToast()).catch(() => undefined)
    },
  }).then(
    () => true,
    () => false,
  )
}
