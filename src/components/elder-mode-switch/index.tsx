import SwitchRow from '../switch-row'
import { useElderMode } from '../use-elder-mode'
import { setElderMode } from '../../services/elder-mode'

/** 长辈模式 on or off, for this device; on the home page and under 我的. */
export default function ElderModeSwitch() {
  const elder = useElderMode()
  return <SwitchRow title='长辈模式' description='字更大、按钮更大，没有弹窗和倒计时' checked={elder} onChange={setElderMode} />
}
