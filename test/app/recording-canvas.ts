/**
 * jsdom draws nothing: a canvas context that keeps the texts drawn, a PNG blob for it at `blobUrl`,
 * and a link that keeps what it would download ("name url"), for the pictures the app saves
 * (the contest certificate, the report's receipt). Undo with jest.restoreAllMocks().
 */
export function recordingCanvas(blobUrl: string): { drawn: string[]; downloads: string[] } {
  const drawn: string[] = []
  const context = new Proxy({ fillText: (text: string) => drawn.push(text) } as Record<string, unknown>, {
    get: (target, key) => (key in target ? target[key as string] : () => undefined),
    set: () => true,
  })
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(context as never)
  jest.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((done) => done(new Blob(['png'], { type: 'image/png' })))
  Object.assign(URL, { createObjectURL: () => blobUrl, revokeObjectURL: () => undefined })
  const downloads: string[] = []
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push(`${this.download} ${this.href}`)
  })
  return { drawn, downloads }
}
