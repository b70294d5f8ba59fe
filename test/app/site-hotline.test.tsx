/**
 * The hotline card speaks for the bureau whose site the app synced, and for the product's default
 * bureau until a site arrives. The site comes from a real HTTP server (sync-server.ts) through the
 * app's own content sync. The content store lives as long as this file's modules: a test that needs
 * a site syncs it itself (the privacy policy has a file of its own, privacy-policy.test.tsx).
 */
import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen } from '@testing-library/react'
import Hotline from '../../src/components/hotline'
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

afterEach(() => jest.restoreAllMocks())

describe('before and after the site is synced', () => {
  it('the hotline card shows and dials the default number first, then the synced site’s', async () => {
    const makePhoneCall = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' })
    render(<Hotline note='有问题可以打电话问。' />)
    expect(screen.getByText('12333', { selector: '.pufa-hotline__number' })).toBeInTheDocument()

    server.feed.put('site', 'site', { cityName: '深圳', bureauName: '深圳市人力资源和社会保障局', hotline: '0755-12333', districts: [] })
    await act(async () => {
      await syncNow('launch')
    })
    expect(screen.getByText('0755-12333', { selector: '.pufa-hotline__number' })).toBeInTheDocument()
    fireEvent.click(screen.getByText('拨打 0755-12333'))
    expect(makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0755-12333' })
  })
})
