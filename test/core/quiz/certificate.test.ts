import { certificateLayout, checkCertificateName, CERTIFICATE_HEIGHT, CERTIFICATE_WIDTH, wrapText, type CertificateFacts } from '../../../src/core/quiz/certificate'

const facts: CertificateFacts = {
  name: '学法小林',
  contestTitle: '广州市劳动保障法律知识竞赛',
  score: 18,
  questionCount: 20,
  // 23:30 on 6 December in UTC is already 7 December in China.
  finishedAt: '2026-12-06T23:30:00.000Z',
  bureauName: '广州市人力资源和社会保障局',
}

describe('the certificate', () => {
  it('prints the name, the contest, the score, the bureau and the China date, top to bottom', () => {
    const layout = certificateLayout(facts)
    expect(layout.texts.map((text) => text.text)).toEqual([
      '参赛证书',
      '学法小林',
      '参加“广州市劳动保障法律知识竞赛”',
      '答对 18 题（共 20 题）',
      '特发此证，以资鼓励。',
      '广州市人力资源和社会保障局',
      '2026年12月7日',
    ])
    const ys = layout.texts.map((text) => text.y)
    expect(ys).toEqual([...ys].sort((a, b) => a - b))
  })

  it('keeps every text inside the inner frame, a long contest name wrapped onto more lines', () => {
    const long = certificateLayout({ ...facts, contestTitle: '二〇二六年度广州市人力资源和社会保障系统劳动保障法律法规知识有奖竞答活动' })
    const [, inner] = long.frames
    const contestLines = long.texts.filter((text) => text.size === 40 && text.text !== '特发此证，以资鼓励。')
    expect(contestLines.length).toBeGreaterThan(1)
    for (const text of long.texts) {
      const width = Array.from(text.text).length * text.size
      const left = text.align === 'center' ? text.x - width / 2 : text.x - width
      const right = text.align === 'center' ? text.x + width / 2 : text.x
      expect(left).toBeGreaterThanOrEqual(inner.x)
      expect(right).toBeLessThanOrEqual(inner.x + inner.width)
      expect(text.y - text.size).toBeGreaterThanOrEqual(inner.y)
      expect(text.y).toBeLessThanOrEqual(inner.y + inner.height)
    }
    expect(long.width).toBe(CERTIFICATE_WIDTH)
    expect(long.height).toBe(CERTIFICATE_HEIGHT)
  })

  it('wraps by characters', () => {
    expect(wrapText('一二三四五', 2)).toEqual(['一二', '三四', '五'])
    expect(wrapText('', 2)).toEqual([''])
    // A line does not begin with punctuation: the character before it goes down with it.
    expect(wrapText('节日、清明节', 2)).toEqual(['节', '日、', '清明', '节'])
    expect(wrapText('一。', 1)).toEqual(['一', '。'])
  })

  it('checks the name by the nickname rule, and requires one', () => {
    expect(checkCertificateName('  学法小林 ')).toEqual({ ok: true, value: '学法小林' })
    expect(checkCertificateName(' ')).toEqual({ ok: false, message: '请填写要印在证书上的姓名或昵称' })
    expect(checkCertificateName('小林1380013800')).toEqual({ ok: false, message: '昵称里请不要填写电话号码、证件号码等个人信息' })
    expect(checkCertificateName('一二三四五六七八九十一二三')).toEqual({ ok: false, message: '昵称请不超过12个字' })
  })
})
