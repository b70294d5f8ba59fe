export interface SaveOutcome {
  ok: boolean
  /** What to tell the person, in a status line on the page. */
  message: string
  /** WeChat refused the album: offer the settings page, where the person can allow it. */
  offerSettings?: boolean
}
