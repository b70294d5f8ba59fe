// A staff member signed in to the console in a browser of their own, without going through the
// enrolment page each time (test/e2e/console-sign-in.e2e.ts covers that page): the enrolment API
// called from a page of the service's own origin, as the console itself calls it.
import type { Browser, Page } from 'playwright-core'

import { totpCode } from '../support/authenticator'
import { createStaffAccount, type RunningProduct, type StaffAccountRequest } from '../support/product'
import { openDesktopPage, waitForPage } from './pages'

export async function signedInStaff(browser: Browser, product: RunningProduct, account: StaffAccountRequest): Promise<{ page: Page; errors: string[] }> {
  const { enrolmentCode } = await createStaffAccount(product, account)
  const opened = await openDesktopPage(browser)
  await opened.page.goto(`${product.url}console/#/sign-in`)
  await waitForPage(opened.page, '工作人员登录')
  const { secret } = await opened.page.evaluate(
    async (code) => (await (await fetch(`/api/v1/staff/enrolment/${code}`)).json()) as { secret: string },
    enrolmentCode,
  )
  const body = { password: '珠江夜游-Haizhu-0806', code: totpCode(secret) }
  const answer = await opened.page.evaluate(async ({ code, body }) => {
    const response = await fetch(`/api/v1/staff/enrolment/${code}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { status: response.status, text: await response.text() }
  }, { code: enrolmentCode, body })
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`enrolment of ${account.login} answered ${answer.status}: ${answer.text}`)
  return opened
}
