import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import MePage from '../../src/pages/me'
import HomePage from '../../src/pages/home'
import { setElderMode } from '../../src/services/elder-mode'

afterEach(() => {
  setElderMode(false)
  localStorage.clear()
  jest.restoreAllMocks()
})

function pageRoot(): HTMLElement {
  const root = screen.getAllByRole('main')[0]
  if (!root) throw new Error('page has no main element')
  return root
}

describe('我的', () => {
  it('offers the elder-mode switch, feedback, privacy policy and about', async () => {
    render(<MePage />)
    expect(await screen.findByText('长辈模式')).toBeInTheDocument()
    expect(screen.getByText('投诉建议')).toBeInTheDocument()
    expect(screen.getByText('隐私政策')).toBeInTheDocument()
    expect(screen.getByText('关于')).toBeInTheDocument()
  })

  it('turning on elder mode enlarges every page and is remembered on the device', async () => {
    render(
      <>
        <MePage />
        <HomePage />
      </>,
    )
    const [elderSwitch, homeSwitch] = await screen.findAllByRole('switch', { name: '长辈模式' })
    expect(elderSwitch).toHaveAttribute('aria-checked', 'false')
    screen.getAllByRole('main').forEach((root) => expect(root).not.toHaveClass('pufa-elder'))

    fireEvent.click(elderSwitch)

    await waitFor(() => expect(elderSwitch).toHaveAttribute('aria-checked', 'true'))
    screen.getAllByRole('main').forEach((root) => expect(root).toHaveClass('pufa-elder'))
    expect(Taro.getStorageSync('pufa.elderMode')).toBe(true)

    // The home page's switch is the same setting.
    expect(homeSwitch).toHaveAttribute('aria-checked', 'true')
    fireEvent.click(homeSwitch)
    await waitFor(() => expect(pageRoot()).not.toHaveClass('pufa-elder'))
    expect(elderSwitch).toHaveAttribute('aria-checked', 'false')
    expect(Taro.getStorageSync('pufa.elderMode')).toBe(false)
  })

  it('each entry opens its page', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    render(<MePage />)
    fireEvent.click(await screen.findByText('投诉建议'))
    fireEvent.click(screen.getByText('隐私政策'))
    fireEvent.click(screen.getByText('关于'))
    expect(navigateTo.mock.calls.map(([options]) => options.url)).toEqual([
      '/packages/me/feedback/index',
      '/packages/me/privacy/index',
      '/packages/me/about/index',
    ])
  })
})
