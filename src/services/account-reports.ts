/**
 * H5: no account beyond the device, so no list from the service; 我的反映 shows the reports this
 * device sent. WeChat: account-reports.weapp.ts lists every report of the WeChat user.
 */
import type { WeChatReport } from '../../server/wechat/wechat.schemas'

export type AccountReport = WeChatReport

/** The reports of the signed-in person, newest first; null where there is no such list (H5, offline). */
export async function fetchAccountReports(): Promise<AccountReport[] | null> {
  return null
}
