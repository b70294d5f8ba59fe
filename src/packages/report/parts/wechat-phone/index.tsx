interface Props {
  /** Puts the number into the form's phone field. */
  onFill: (phone: string) => void
}

/** H5: no WeChat phone number to offer; the number is typed. WeChat: see index.weapp.tsx. */
export default function WeChatPhoneButton(_props: Props) {
  return null
}
