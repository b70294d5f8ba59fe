// Staff of the console for browser tests that are about other pages than enrolment and sign-in
// (console-sign-in.e2e.ts drives those by hand): an account enrolled through the staff API as the
// enrolment page would, its session cookie put into a desktop browser context; and JSON calls with
// that session, as the console makes them.
import type { Browser, Page } from 'playwright-core'

import { totpCode } from '../support/authenticator'
import { createStaffAccount, type RunningProduct, type StaffAccountRequest } from '../support/product'
import { openDesktopPage } from './pages'

export interface SignedInStaff {
  /** The session cookie (`name=value`), for calls made beside the browser. */
  cookie: string
  page: Page
  errors: string[]
}

/** A new staff account, enrolled (password and authenticator) and signed in on a desktop page of its own, at the console's home. */
export async function signedInStaff(product: RunningProduct, browser: Browser, account: StaffAccountRequest): Promise<SignedInStaff> {
  const { enrolmentCode } = await createStaffAccount(product, account)
  const base = product.url.replace(/\/$/, '')
  const enrolment = `${base}/api/v1/staff/enrolment/${enrolmentCode}`
  const { secret } = (await (await fetch(enrolment)).json()) as { secret: string }
  const response = await fetch(enrolment, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ password: '荔湾骑楼-Xiguan-长密码-2026', code: totpCode(secret) }),
  })
  if (!response.ok) throw new Error(`enrolment answered ${response.status}: ${await response.text()}`)
  const cookie = /^([^=;\s]+=[^;]*)/.exec(response.headers.get('set-cookie') ?? '')?.[1]
  if (!cookie) throw new Error('enrolment set no session cookie')
  const { page, errors } = await openDesktopPage(browser)
  const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)]
  await page.context().addCookies([{ name, value, url: product.url }])
  // On the console's origin, so the page can call the API as the console does.
  await page.goto(`${product.url}console/#/`)
  return { cookie, page, errors }
}

/** A JSON call with a staff session, from this service's own origin (as the console's are). */
export async function callAsStaff<T>(product: RunningProduct, cookie: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const base = product.url.replace(/\/$/, '')
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { cookie, origin: base, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as T
}
