import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { useElderMode } from '../use-elder-mode'
import { a11y } from '../a11y'
import { InnerPageNav, useElderRootClass, useFirstScreenHandOver, useTabBarSelection } from './platform'
import './index.scss'

interface Props {
  /** The page's own heading, shown at the top of the page body. */
  title: string
  /** One plain sentence under the heading. */
  lead?: string
  children?: ReactNode
}

/**
 * Every page's outermost element. It carries the elder-mode class, so that the CSS variables
 * the theme defines for elder mode reach every component on the page, NutUI's included. On H5 an
 * inner page also gets its way back and home here (platform.h5.tsx).
 */
export default function PageShell({ title, lead, children }: Props) {
  const elder = useElderMode()
  useElderRootClass(elder)
  useTabBarSelection()
  useFirstScreenHandOver()
  return (
    <View className={elder ? 'pufa-page pufa-elder' : 'pufa-page'} {...a11y({ role: 'main' })}>
      <InnerPageNav />
      <View className='pufa-page__header'>
        <Text className='pufa-page__title' {...a11y({ role: 'heading', level: 1 })}>
          {title}
        </Text>
        {lead ? <Text className='pufa-page__lead'>{lead}</Text> : null}
      </View>
      {children}
    </View>
  )
}
