/**
 * Why a source as a whole could not be used. The message is plain Chinese for the bureau's
 * operators (shown by the CLI and in /api/v1/health): no stack, no driver text, no internals.
 */
export class SourceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'SourceError'
  }
}
