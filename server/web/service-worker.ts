import { createHash } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import path from 'node:path'

// Only the app itself is cached: code, styles and images of the H5 build. API answers are not:
// synced content lives in the app's own storage.
const CACHED_DIRS = ['js', 'css', 'static']

async function listFiles(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true }).catch(() => [])
  const nested = await Promise.all(
    entries.map((entry) => {
      const relative = path.posix.join(dir, entry.name)
      if (entry.isDirectory()) return listFiles(root, relative)
      // Licence notes, source maps and the precompressed copies (the browser asks for the file itself).
      return /\.(LICENSE\.txt|map|br|gz)$/.test(entry.name) ? [] : [relative]
    }),
  )
  return nested.flat()
}

/**
 * The H5 app's service worker: it keeps the whole app (every page's code, not only the pages
 * visited) so that a phone that has opened it once can open it again with no network and read
 * what it synced. The file list is read from the build, so a new build gets a new cache.
 */
export async function serviceWorkerScript(h5Dir: string, indexVersion: string): Promise<string> {
  const files = (await Promise.all(CACHED_DIRS.map((dir) => listFiles(h5Dir, dir)))).flat().sort()
  const precache = ['/', ...files.map((file) => `/${file}`)]
  const version = createHash('sha256').update(indexVersion).update(precache.join('\n')).digest('hex').slice(0, 16)
  return `'use strict';
const CACHE = 'pufa-app-${version}';
const PRECACHE = ${JSON.stringify(precache)};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('pufa-app-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // The API and the staff console (another app under this origin) are none of its business.
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/console')) return;
  if (request.mode === 'navigate') {
    // The page itself: fresh when online, the cached copy when not.
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          if (response.ok) caches.open(CACHE).then((cache) => cache.put('/', copy));
          return response;
        })
        .catch(() => caches.match('/')),
    );
    return;
  }
  // Built files never change under the same name: the cache first.
  event.respondWith(caches.match(request).then((cached) => cached || fetch(request)));
});
`
}
