import { useEffect, useLayoutEffect, useRef } from 'react'

/**
 * Runs `effect` after the first render and again whenever `key` changes, with the values of the
 * render that changed it: for an effect keyed by what it is about (the address's query, a record's
 * id) rather than by every value it reads, such as a form that follows the address. Its cleanup, if
 * any, runs before the next run and on unmount.
 */
export function useKeyedEffect(effect: () => void | (() => void), key: string | number | undefined): void {
  const latest = useRef(effect)
  useLayoutEffect(() => {
    latest.current = effect
  })
  useEffect(() => latest.current(), [key])
}
