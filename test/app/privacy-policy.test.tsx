/**
 * The privacy policy speaks for the bureau whose site the app synced, and for the product's default
 * bureau until a site arrives. The site comes from a real HTTP server (sync-server.ts) through the
 * app's own content sync, synced here by the test itself (the content store lives as long as this
 * file's modules, so no test may count on another's sync).
 */
import { act, render, screen } from '@testing-library/react'
import PrivacyPage from '../../src/packages/me/privacy'
import { stopContentSync, syncNow } from '../../src/services/content-store'
import { ChangesServer } from './sync-server'

let server: ChangesServer

beforeAll(async () => {
  localStorage.clear()
  server = await new ChangesServer().start()
})

afterAll(async () => {
  stopContentSync()
  await server.stop()
})

describe('the privacy policy', () => {
  it('names the default bureau, then the synced one with its hotline, and says what a report collects and keeps', async () => {
    render(<PrivacyPage />)
    expect(await screen.findByText(/^广州市人力资源和社会保障局“法治人社”程序个人信息保护说明。/)).toBeInTheDocument()
    expect(screen.getByText('对个人信息处理有疑问，请拨打人社服务热线 12333。')).toBeInTheDocument()

    server.feed.put('site', 'site', { cityName: '深圳', bureauName: '深圳市人力资源和社会保障局', hotline: '0755-12333', districts: [] })
    await act(async () => {
      await syncNow('launch')
    })
    expect(await screen.findByText(/^深圳市人力资源和社会保障局“法治人社”程序个人信息保护说明。生效日期：\d{4}年\d{1,2}月\d{1,2}日。$/)).toBeInTheDocument()
    expect(screen.getByText('对个人信息处理有疑问，请拨打人社服务热线 0755-12333。')).toBeInTheDocument()
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual([
      '我们收集什么',
      '为什么收集、怎么使用',
      '敏感个人信息',
      '在服务器上怎么保存',
      '保存在您手机上的内容',
      '您的权利',
      '联系我们',
    ])
    const text = screen.getAllByRole('main')[0].textContent ?? ''
    expect(text).toContain('收集您的姓名和电话，投诉时还可以选填证件号码（居民身份证、港澳台居民居住证或外国人永久居留身份证）；匿名举报不收集这些信息')
    expect(text).toContain('第十三条第一款第（三）项），提交反映不需要您另外同意')
    expect(text).toContain('《中华人民共和国个人信息保护法》第二十九条')
    expect(text).toContain('不同意的，这些信息不会发送，反映照样提交')
    expect(text).toContain('知识竞赛：报名时收集您选择的区县和选填的昵称')
    expect(text).toContain('加密保存')
    // This stand-in serves content only: until the service's retention period is known, the text says so rather than guess it.
    expect(text).toContain('按规定的期限（联网后这里会显示具体期限）保存，到期删除')
    expect(text).toContain('24小时内没有用于反映的会被删除')
    expect(text).toContain('只保留查询码和电话号码后四位')
    expect(text).not.toContain('不收集您的微信账号、手机号码')
    // The WeChat identity: what is kept of it, and that the phone number from WeChat is not kept.
    expect(text).toContain('只保存它经过加密处理的摘要，不获取您的微信昵称、头像等资料')
    expect(text).toContain('在它不再对应您的任何反映和竞赛报名、并且您30天没有使用小程序之后删除')
    expect(text).toContain('服务器向微信取得这个号码填入表单，不保存这个号码')
  })
})
