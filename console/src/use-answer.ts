import { useCallback, useState } from 'react'

import { ApiError } from './api/client'
import { useKeyedEffect } from './use-keyed-effect'

export interface Answer<T> {
  /** The last answer; kept while the next one loads, so a list does not jump about. */
  value: T | undefined
  loading: boolean
  /** The service's message when the last request failed. */
  error: string | undefined
  retry(): void
}

const UNEXPECTED = '出现了意外的错误，请刷新页面后再试'

/** Loads `load()` again whenever `key` changes (the page's query); an answer overtaken by a newer request is dropped. */
export function useAnswer<T>(load: () => Promise<T>, key: string): Answer<T> {
  const [value, setValue] = useState<T>()
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string>()
  const [attempt, setAttempt] = useState(0)

  useKeyedEffect(() => {
    let current = true
    setLoading(true)
    load().then(
      (answer) => {
        if (!current) return
        setValue(answer)
        setError(undefined)
        setLoading(false)
      },
      (failure: unknown) => {
        if (!current) return
        setError(failure instanceof ApiError ? failure.message : UNEXPECTED)
        setLoading(false)
      },
    )
    return () => {
      current = false
    }
    // `load` is a new function every render; `key` says when it asks for something else.
  }, `${attempt}:${key}`)

  const retry = useCallback(() => setAttempt((count) => count + 1), [])
  return { value, loading, error, retry }
}
