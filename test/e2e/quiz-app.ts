// The H5 app's contest pages as a resident uses them, for browser tests: finding visible things by
// role and words, and taking a contest from the 答题 tab to the result.
import type { Page } from 'playwright-core'

import { waitForPage } from './pages'

export function visible(page: Page, role: 'radio' | 'checkbox' | 'link' | 'button' | 'switch' | 'textbox' | 'timer', name?: string | RegExp) {
  return page.getByRole(role, name === undefined ? {} : { name, exact: typeof name === 'string' }).locator('visible=true')
}

export function text(page: Page, words: string | RegExp) {
  return page.getByText(words, { exact: typeof words === 'string' }).locator('visible=true')
}

/**
 * From the 答题 tab: opens the contest `title`, registers in `district` with `nickname` on the
 * board, answers each of `questions` with its first option and hands in; the score shown.
 * The contest must ask for no minimum time per question (this answers at once).
 */
export async function takeContest(page: Page, { title, district, nickname, questions }: { title: string; district: string; nickname: string; questions: number }): Promise<number> {
  await page.locator('.weui-tabbar__item', { hasText: '答题' }).click()
  // The home page lists the open contest too: wait until it has made way for the 答题 tab.
  await waitForPage(page, '法治答题')
  const row = visible(page, 'link', new RegExp(`^${title}`))
  await row.waitFor()
  await row.click()
  await text(page, '登记参赛').waitFor()
  await visible(page, 'button', '登记').click()
  await text(page, '请选择您所在的区').waitFor()
  await visible(page, 'radio', district).click()
  await visible(page, 'textbox', /昵称/).fill(nickname)
  await visible(page, 'switch', /上积分榜/).click()
  await visible(page, 'button', '登记').click()
  await text(page, new RegExp(`^已登记：${district}`)).waitFor()
  await visible(page, 'button', '开始答题').click()
  const options = page.locator('.quiz-option').locator('visible=true')
  for (let position = 1; position <= questions; position += 1) {
    await text(page, `第${position}题，共${questions}题`).waitFor()
    if ((await options.first().getAttribute('aria-checked')) !== 'true') await options.first().click()
    await visible(page, 'button', position === questions ? '提交并交卷' : '提交本题').click()
  }
  const result = text(page, new RegExp(`^答对 \\d+/${questions} 题$`))
  await result.waitFor()
  return Number(/答对 (\d+)\//.exec((await result.textContent()) ?? '')?.[1])
}
