/**
 * H5: the start-up work that can wait (services/background-work.ts) is its own chunk, asked for at
 * launch, so that app.js carries only what the first screen needs. The service worker keeps that
 * chunk with the rest of the app, so it loads offline too.
 */
const load = () => import('./services/background-work')

export function startBackgroundWork(): void {
  load()
    .then((work) => work.startBackgroundWork())
    .catch(() => undefined)
}

export function sendUsageCounts(): Promise<void> {
  return load()
    .then((work) => work.sendUsageCounts())
    .catch(() => undefined)
}
