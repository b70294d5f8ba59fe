import { useCallback, useEffect, useRef, useState } from 'react'
import type { HttpResult } from '../services/http'

export type Requested<T> = { step: 'loading' } | { step: 'failed'; message: string } | { step: 'ready'; data: T }

/**
 * One GET a page needs from the service: requested when `key` changes, again on `reload` (a
 * retry button). Network failures become a message for the person, never an exception; an
 * answer that arrives after a newer request was made is dropped.
 */
export function useRequest<T>(fetch: () => Promise<HttpResult<T>>, key: string): { requested: Requested<T>; reload: () => void } {
  const [requested, setRequested] = useState<Requested<T>>({ step: 'loading' })
  const latest = useRef({ fetch, generation: 0 })
  latest.current.fetch = fetch
  const reload = useCallback(() => {
    const generation = ++latest.current.generation
    setRequested({ step: 'loading' })
    void latest.current.fetch().then((answer) => {
      if (generation !== latest.current.generation) return
      setRequested(answer.ok ? { step: 'ready', data: answer.data } : { step: 'failed', message: answer.message })
    })
  }, [])
  useEffect(reload, [reload, key])
  return { requested, reload }
}
