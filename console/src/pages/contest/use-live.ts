import { useEffect, useRef, useState } from 'react'

import { ApiError } from '../../api/client'

const UNEXPECTED = '出现了意外的错误，请刷新页面后再试'

export interface Live<T> {
  value: T | undefined
  error: string | undefined
  /** Asks again now (after a change), whatever the timer says. */
  refresh(): void
}

/**
 * Loads `load()` now and again every `everyMs` while `active`, without reloading the page; pauses
 * while the browser tab is hidden and asks again as soon as it shows. One request at a time.
 */
export function useLive<T>(load: () => Promise<T>, everyMs: number, active: boolean): Live<T> {
  const [value, setValue] = useState<T>()
  const [error, setError] = useState<string>()
  const [asked, setAsked] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    let current = true
    let timer: ReturnType<typeof setTimeout> | undefined
    let busy = false
    const ask = () => {
      if (busy || !current) return
      busy = true
      loadRef.current().then(
        (answer) => {
          if (!current) return
          setValue(answer)
          setError(undefined)
        },
        (failure: unknown) => current && setError(failure instanceof ApiError ? failure.message : UNEXPECTED),
      ).finally(() => {
        busy = false
        if (current && active && !document.hidden) timer = setTimeout(ask, everyMs)
      })
    }
    const onVisibility = () => {
      clearTimeout(timer)
      if (!document.hidden && active) ask()
    }
    ask()
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      current = false
      clearTimeout(timer)
      document.removeEventListener('visibilitychange', onVisibility)
    }
  }, [active, everyMs, asked])

  return { value, error, refresh: () => setAsked((count) => count + 1) }
}
