import { useEffect } from 'react'

export const PLATFORM_NAME = '法治人社工作人员平台'

/** The browser tab names the page first: staff keep several open. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} - ${PLATFORM_NAME}`
  }, [title])
}
