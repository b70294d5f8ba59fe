/**
 * Quiz practice in the built H5 app, as a person on a phone plays it: a round on the 答题 tab with
 * one question answered wrong on purpose, the wrong-answer book that keeps it, and the two later
 * rounds answered right that take it out again, all offline once the bank is on the phone; in the
 * usual mode and in elder mode (长辈模式).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { QuizQuestion } from '../../src/core/content/model'
import {
  describeInBrowser,
  elderSizeProblems,
  openPhonePage,
  screenshot,
  screenshotAt,
  seriousAccessibilityViolations,
  useProductInBrowser,
  waitForPage,
  switchToElderMode,
} from './pages'

/** The category with the fewest practice questions that has all three question types. */
const CATEGORY = '职业技能'
const ROUND_LENGTH = 5

/** The practice bank the service loads from assets: the test knows the right answers from it. */
const PRACTICE_BANK = (
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../assets/feed/sample-quiz.json'), 'utf8')) as { items: { _pufa: QuizQuestion }[] }
).items
  .map((item) => item._pufa)
  .filter((question) => question.bank === 'practice')

const LETTERS = 'ABCDEFGH'

interface Mode {
  name: string
  elder: boolean
  /** Screenshot file names start with it. */
  shot: string
}

const MODES: Mode[] = [
  { name: 'the usual mode', elder: false, shot: 'quiz-practice' },
  { name: 'elder mode', elder: true, shot: 'elder-quiz-practice' },
]

function visible(page: Page, role: 'radio' | 'checkbox' | 'link' | 'button' | 'alert' | 'status', name?: string | RegExp) {
  return page.getByRole(role, name === undefined ? {} : { name, exact: typeof name === 'string' }).locator('visible=true')
}

function text(page: Page, words: string | RegExp) {
  return page.getByText(words, { exact: typeof words === 'string' }).locator('visible=true')
}

function citationWords(question: QuizQuestion): string {
  return `依据：${question.citations.map((citation) => `《${citation.law}》${citation.article}`).join('；')}`
}

describeInBrowser('quiz practice from the 答题 tab to the wrong-answer book and out of it', () => {
  const { product, browser } = useProductInBrowser()

  for (const mode of MODES) {
    it(`in ${mode.name}: a wrong answer lands in the book and leaves it after two later rounds answered right`, async () => {
      const { page, errors } = await openPhonePage(browser())

      /** axe, elder-mode sizes and a screenshot of the page as it is now, once it has settled. */
      const check = async (heading: string, shot: string, scrollTo?: Parameters<typeof screenshotAt>[1]) => {
        await waitForPage(page, heading)
        expect(await seriousAccessibilityViolations(page)).toEqual([])
        if (mode.elder) expect(await elderSizeProblems(page)).toEqual([])
        await (scrollTo === undefined ? screenshot(page, `${mode.shot}-${shot}`) : screenshotAt(page, scrollTo, `${mode.shot}-${shot}`))
      }

      /** The question shown as number `position` of `total`, looked up in the bank by its stem. */
      const shownQuestion = async (position: number, total: number): Promise<{ question: QuizQuestion; shownOrder: string[] }> => {
        await text(page, new RegExp(`^第${position}题，共${total}题 · `)).waitFor()
        const stem = (await page.getByRole('heading', { level: 2 }).locator('visible=true').textContent())?.trim()
        const question = PRACTICE_BANK.find((candidate) => candidate.stem === stem)
        if (question === undefined) throw new Error(`the question on screen is not in the sample bank: ${stem}`)
        const role = question.questionType === 'multiple' ? 'checkbox' : 'radio'
        const rows = visible(page, role)
        // Large tap targets, each marked as one (pufa-tap), whatever the mode.
        const classes = await rows.evaluateAll((elements) => elements.map((element) => element.className))
        expect(classes).toHaveLength(question.options.length)
        for (const className of classes) expect(className.split(' ')).toContain('pufa-tap')
        for (const box of await rows.evaluateAll((elements) => elements.map((element) => ({ width: element.getBoundingClientRect().width, height: element.getBoundingClientRect().height })))) {
          expect(box.height).toBeGreaterThanOrEqual(mode.elder ? 60 : 44)
          expect(box.width).toBeGreaterThan(250)
        }
        // Shuffled: which option sits in which row, by its words (judge options have no letter).
        const rowTexts = (await rows.allTextContents()).map((rowText) => rowText.trim())
        const shownOrder = rowTexts.map((rowText, index) => {
          const option = question.options.find((candidate) => rowText === candidate.text || rowText === `${LETTERS[index]}${candidate.text}`)
          if (option === undefined) throw new Error(`option row “${rowText}” is not an option of “${stem}”`)
          return option.id
        })
        return { question, shownOrder }
      }

      /** The answer in the words the feedback uses: letters in the order shown, or “正确”/“错误”. */
      const answerWords = (question: QuizQuestion, shownOrder: string[], ids: string[]) =>
        question.questionType === 'judge'
          ? ids.map((id) => `“${question.options.find((option) => option.id === id)?.text}”`).join('、')
          : shownOrder.flatMap((id, index) => (ids.includes(id) ? [LETTERS[index]] : [])).join('、')

      /** Taps the options (and 确定 for a multiple-choice question) and waits for the feedback. */
      const answer = async (question: QuizQuestion, ids: string[]) => {
        const role = question.questionType === 'multiple' ? 'checkbox' : 'radio'
        for (const id of ids) {
          const words = question.options.find((option) => option.id === id)?.text ?? id
          const row = visible(page, role).filter({ has: page.getByText(words, { exact: true }) })
          await row.click()
          if (role === 'checkbox') await expect(row.getAttribute('aria-checked')).resolves.toBe('true')
        }
        if (role === 'checkbox') await visible(page, 'button', '确定').click()
        await visible(page, 'alert').waitFor()
      }

      const openQuizTab = async () => {
        await page.locator('.weui-tabbar__item', { hasText: '答题' }).click()
        await waitForPage(page, '法治答题')
        await visible(page, 'button', '开始练习').waitFor()
      }

      await page.goto(product().url)
      await waitForPage(page, '法治人社')
      if (mode.elder) {
        await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
        await waitForPage(page, '我的')
        await switchToElderMode(page)
      }

      // 1. A round of five from a small category; the first question answered wrong on purpose.
      await openQuizTab()
      await text(page, '还没有练习过，练完一组后在这里查看。').waitFor()
      expect(await visible(page, 'link', /^练我的错题/).count()).toBe(0)
      await check('法治答题', 'tab')
      // From here on the phone is offline: practice needs nothing but the bank synced to it.
      await page.context().setOffline(true)
      await visible(page, 'radio', CATEGORY).click()
      await expect(visible(page, 'radio', CATEGORY).getAttribute('aria-checked')).resolves.toBe('true')
      await visible(page, 'radio', `${ROUND_LENGTH}道`).click()
      await visible(page, 'button', '开始练习').click()
      await waitForPage(page, '练习答题')
      await text(page, CATEGORY).waitFor()

      const first = await shownQuestion(1, ROUND_LENGTH)
      expect(first.question.category).toBe(CATEGORY)
      await check('练习答题', 'question')
      const wrongId = first.question.options.find((option) => !first.question.answer.includes(option.id))?.id ?? ''
      await answer(first.question, [wrongId])
      const rightWords = answerWords(first.question, first.shownOrder, first.question.answer)
      const feedback = visible(page, 'alert')
      // Right and wrong are said in words and marks, not by colour alone.
      await feedback.getByText(`✗ 回答错误，正确答案是 ${rightWords}`, { exact: true }).waitFor()
      await feedback.getByText('这道题已记入错题本。', { exact: true }).waitFor()
      await feedback.getByText(`解析：${first.question.explanation}`, { exact: true }).waitFor()
      await feedback.getByText(citationWords(first.question), { exact: true }).waitFor()
      const optionRole = first.question.questionType === 'multiple' ? 'checkbox' : 'radio'
      const wrongText = first.question.options.find((option) => option.id === wrongId)?.text ?? ''
      await visible(page, optionRole).filter({ hasText: wrongText }).getByText('你的选择', { exact: true }).waitFor()
      expect(await visible(page, optionRole).getByText('正确答案', { exact: true }).count()).toBe(first.question.answer.length)
      await check('练习答题', 'wrong', feedback)

      for (let position = 2; position <= ROUND_LENGTH; position += 1) {
        await visible(page, 'button', '下一题').click()
        const { question } = await shownQuestion(position, ROUND_LENGTH)
        expect(question.category).toBe(CATEGORY)
        await answer(question, question.answer)
        await visible(page, 'alert').getByText('✓ 回答正确', { exact: true }).waitFor()
        await visible(page, 'alert').getByText(`解析：${question.explanation}`, { exact: true }).waitFor()
        if (position === 2) await check('练习答题', 'right', visible(page, 'alert'))
      }

      // The summary lists the one answered wrong, with both answers and the explanation.
      await visible(page, 'button', '查看本组结果').click()
      await waitForPage(page, '本组结果')
      await visible(page, 'status').getByText(`答对 ${ROUND_LENGTH - 1}/${ROUND_LENGTH} 题`, { exact: true }).waitFor()
      await visible(page, 'status').getByText(`${CATEGORY}：答对 ${ROUND_LENGTH - 1}/${ROUND_LENGTH}`, { exact: true }).waitFor()
      const wrongList = page.getByRole('heading', { name: '答错的题（1道）' }).locator('visible=true')
      await wrongList.waitFor()
      await text(page, first.question.stem).waitFor()
      await text(page, `你的答案：${answerWords(first.question, first.shownOrder, [wrongId])}`).waitFor()
      await text(page, `正确答案：${rightWords}`).waitFor()
      await text(page, citationWords(first.question)).waitFor()
      await check('本组结果', 'summary')
      await screenshotAt(page, wrongList, `${mode.shot}-summary-wrong`)

      // 2. Back on the tab: the book holds it.
      await visible(page, 'button', '返回').click()
      await waitForPage(page, '法治答题')
      await visible(page, 'link', /^练我的错题（1道）/).waitFor()
      await visible(page, 'link', /^错题本/).waitFor()
      await text(page, '已练习1组').waitFor()
      await text(page, `${CATEGORY}：答对 ${ROUND_LENGTH - 1}/${ROUND_LENGTH}`).waitFor()
      await check('法治答题', 'tab-mistakes', visible(page, 'link', /^练我的错题（1道）/))

      await visible(page, 'link', /^错题本/).click()
      await waitForPage(page, '错题本')
      await text(page, '共1道题。之后在两组练习里答对，就会移出错题本。').waitFor()
      await text(page, first.question.stem).waitFor()
      const rightTexts = first.question.options.filter((option) => first.question.answer.includes(option.id)).map((option) => option.text)
      // The right options, one line each.
      await text(page, '正确答案：').waitFor()
      for (const rightText of rightTexts) await text(page, rightText).first().waitFor()
      await text(page, '再答对2组就移出错题本').waitFor()
      await text(page, citationWords(first.question)).waitFor()
      await check('错题本', 'mistakes')
      await page.goBack()
      await waitForPage(page, '法治答题')

      // 3. A later round, from the tab, answers it right: it counts once and stays in the book.
      await visible(page, 'link', /^练我的错题（1道）/).click()
      await waitForPage(page, '练习答题')
      await text(page, '错题练习').waitFor()
      const again = await shownQuestion(1, 1)
      expect(again.question.stem).toBe(first.question.stem)
      await answer(again.question, again.question.answer)
      await visible(page, 'alert').getByText('✓ 回答正确', { exact: true }).waitFor()
      await visible(page, 'button', '查看本组结果').click()
      await waitForPage(page, '本组结果')
      await visible(page, 'status').getByText('答对 1/1 题', { exact: true }).waitFor()
      await text(page, '这组全部答对了。').waitFor()
      await visible(page, 'button', '返回').click()
      await waitForPage(page, '法治答题')
      await visible(page, 'link', /^练我的错题（1道）/).waitFor()

      await visible(page, 'link', /^错题本/).click()
      await waitForPage(page, '错题本')
      await text(page, first.question.stem).waitFor()
      await text(page, '再答对1组就移出错题本').waitFor()
      await check('错题本', 'mistakes-one-to-go')

      // Another round, from the book, answers it right again: it leaves.
      await visible(page, 'button', '练我的错题').click()
      await waitForPage(page, '练习答题')
      const last = await shownQuestion(1, 1)
      expect(last.question.stem).toBe(first.question.stem)
      await answer(last.question, last.question.answer)
      await visible(page, 'alert').getByText('✓ 回答正确', { exact: true }).waitFor()
      await visible(page, 'button', '查看本组结果').click()
      await waitForPage(page, '本组结果')
      await visible(page, 'button', '返回').click()
      await waitForPage(page, '错题本')
      await visible(page, 'status').getByText('错题本是空的', { exact: true }).waitFor()
      expect(await text(page, first.question.stem).count()).toBe(0)
      await check('错题本', 'mistakes-empty')

      await page.goBack()
      await waitForPage(page, '法治答题')
      await text(page, '已练习3组').waitFor()
      await text(page, `${CATEGORY}：答对 ${ROUND_LENGTH + 1}/${ROUND_LENGTH + 2}`).waitFor()
      expect(await visible(page, 'link', /^练我的错题/).count()).toBe(0)
      expect(await visible(page, 'link', /^错题本/).count()).toBe(0)
      // Only the contests, which the tab asks the service for each time it shows, need the network.
      await text(page, /竞赛需要联网参加，练习不用联网。$/).waitFor()
      await check('法治答题', 'tab-after', page.getByRole('heading', { name: '我的记录' }).locator('visible=true'))
      // Offline, the browser logs the contest list's failed requests; nothing else may go wrong.
      expect(errors.filter((error) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(error))).toEqual([])
    }, 180000)
  }
})
