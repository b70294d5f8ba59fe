/**
 * A city contest in the built H5 app, as a resident takes it: from the 答题 tab to registration
 * (district, nickname, the score board), the questions drawn and timed by the service, the result
 * with the answers and explanations, and the participation of each district. What the phone
 * receives before handing in is checked to hold no answer, explanation or citation.
 */
import type { Response } from 'playwright-core'
import {
  describeInBrowser,
  elderSizeProblems,
  openPhonePage,
  screenshot,
  seriousAccessibilityViolations,
  useProductInBrowser,
  waitForPage,
  switchToElderMode,
} from './pages'
import { text, visible } from './quiz-app'

/** `npm start` opens this contest with the sample content: 10 questions, at least 2 seconds each. */
const CONTEST = '劳动保障法律知识竞赛（示例）'
const QUESTIONS = 10
const DISTRICT = '天河区'

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf)
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)])
}

describeInBrowser('a contest from the 答题 tab to the districts’ participation', () => {
  const { product, browser } = useProductInBrowser()

  for (const elder of [false, true]) {
    const shot = elder ? 'elder-quiz-contest' : 'quiz-contest'
    it(`${elder ? 'in elder mode' : 'in the usual mode'}: register, answer, hand in, see the result and the district stats`, async () => {
      const { page, errors } = await openPhonePage(browser())
      // Everything the contest API sends, to prove no answer reaches the phone before handing in.
      const received: { url: string; body: unknown }[] = []
      page.on('response', (response: Response) => {
        if (!response.url().includes('/api/v1/quiz/')) return
        void response.json().then(
          (body: unknown) => received.push({ url: response.url(), body }),
          () => undefined,
        )
      })
      const check = async (heading: string, name: string) => {
        await waitForPage(page, heading)
        expect(await seriousAccessibilityViolations(page)).toEqual([])
        if (elder) expect(await elderSizeProblems(page)).toEqual([])
        await screenshot(page, `${shot}-${name}`)
      }

      await page.goto(product().url)
      if (elder) {
        await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
        await waitForPage(page, '我的')
        await switchToElderMode(page)
      }

      // The 答题 tab lists the open contest.
      await page.locator('.weui-tabbar__item', { hasText: '答题' }).click()
      // The home page lists the open contest too: wait until it has made way for the 答题 tab.
      await waitForPage(page, '法治答题')
      const row = visible(page, 'link', new RegExp(`^${CONTEST}`))
      await row.waitFor()
      await expect(row.textContent()).resolves.toContain('进行中')
      await row.click()

      // Registration: a district from the site's list, a nickname, the board by choice.
      await text(page, '登记参赛').waitFor()
      await check(CONTEST, 'register')
      await visible(page, 'button', '登记').click()
      await text(page, '请选择您所在的区').waitFor()
      await visible(page, 'radio', DISTRICT).click()
      await visible(page, 'textbox', /昵称/).fill(elder ? '老陈' : '小林')
      await visible(page, 'switch', /上积分榜/).click()
      await visible(page, 'button', '登记').click()
      await text(page, new RegExp(`^已登记：${DISTRICT}`)).waitFor()
      await check(CONTEST, 'registered')

      // The service draws the questions and starts its clock.
      await visible(page, 'button', '开始答题').click()
      await text(page, `第1题，共${QUESTIONS}题`).waitFor()
      // Too soon (at once, before the slower checks below): the page asks to read the question first.
      const options = page.locator('.quiz-option').locator('visible=true')
      await options.first().click()
      await visible(page, 'button', '提交本题').click()
      await text(page, /^每道题至少要用2秒，请看清题目，\d秒后再提交。$/).waitFor()
      // Elder mode has no ticking clock: the minutes left, in words.
      await expect(visible(page, 'timer').textContent()).resolves.toMatch(elder ? /^还剩约(10|9)分钟$/ : /^剩余 (10:00|09:\d\d)$/)
      await check('竞赛答题', 'play')

      for (let position = 1; position <= QUESTIONS; position += 1) {
        await text(page, `第${position}题，共${QUESTIONS}题`).waitFor()
        // Tapping a ticked option of a multiple-choice question would untick it.
        if ((await options.first().getAttribute('aria-checked')) !== 'true') await options.first().click()
        // The service's minimum time per question: wait it out as a careful reader would.
        await page.waitForTimeout(2100)
        await visible(page, 'button', position === QUESTIONS ? '提交并交卷' : '提交本题').click()
      }

      // Before handing in, nothing from the contest API held an answer, explanation or citation.
      const result = text(page, new RegExp(`^答对 \\d+/${QUESTIONS} 题$`))
      await result.waitFor()
      const beforeFinish = received.filter(({ url }) => !url.endsWith('/finish') && !/\/attempts\/[^/]+$/.test(url))
      expect(beforeFinish.some(({ url }) => url.endsWith('/attempts'))).toBe(true)
      for (const { body } of beforeFinish) {
        for (const key of keysOf(body)) expect(['answer', 'explanation', 'citations', 'correct', 'score']).not.toContain(key)
      }
      await check('竞赛成绩', 'result')
      // The result: every question with the right answer and the explanation with its law.
      await expect(text(page, /^第\d+题 (✓ 答对了|✗ 答错了)$/).count()).resolves.toBe(QUESTIONS)
      await expect(text(page, /^正确答案：/).count()).resolves.toBe(QUESTIONS)
      await expect(text(page, /^依据：《/).count()).resolves.toBe(QUESTIONS)
      const score = Number(/答对 (\d+)\//.exec((await result.textContent()) ?? '')?.[1])

      // The districts' participation counts this attempt, and the board shows the nickname.
      await visible(page, 'link', /^各区参与情况和积分榜/).click()
      await text(page, /^共 \d+ 人参加$/).waitFor()
      await check('各区参与情况', 'stats')
      const districtRow = page.locator('.contest-stats__row').locator('visible=true').filter({ hasText: DISTRICT })
      await expect(districtRow.textContent()).resolves.toMatch(new RegExp(`^1${DISTRICT}${elder ? 2 : 1}人100.0%$`))
      const boardRow = page.locator('.contest-stats__row').locator('visible=true').filter({ hasText: elder ? '老陈' : '小林' })
      await expect(boardRow.textContent()).resolves.toContain(`${score}分`)

      // Back through the result to the contest page: the attempt is in my record.
      await page.goBack()
      await result.waitFor()
      await visible(page, 'button', '返回').click()
      await text(page, `我的成绩：答对 ${score}/${QUESTIONS} 题`).waitFor()
      expect(errors).toEqual([])
    })
  }
})
