import path from 'node:path'

import type { PolicyCategory } from '../../src/core/content/model'

// Not imported from config.ts, which reads sources from the environment with these functions.
const REPO_ROOT = path.resolve(__dirname, '..', '..')

/**
 * Where a feed comes from: a URL polled with conditional GET, or a file on this machine.
 * `defaultCategory` (CONTENT_SOURCE_CATEGORIES) files the RSS and Atom items whose own
 * `<category>` names none of ours.
 */
export type ContentSource = (
  | { kind: 'url'; url: string; name: string }
  | { kind: 'file'; path: string; name: string }
) & { defaultCategory?: PolicyCategory }

/**
 * A source from what an operator wrote (CONTENT_SOURCES, `pufa ingest --url/--file`). Its name
 * is what health and the CLI show and what stored items point at: the URL without credentials,
 * or the file path relative to the project when it lies inside it.
 */
export function urlSource(text: string): ContentSource | undefined {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  url.hash = ''
  const fetched = url.href
  url.username = ''
  url.password = ''
  return { kind: 'url', url: fetched, name: url.href }
}

export function fileSource(text: string, cwd = process.cwd()): ContentSource {
  const absolute = path.resolve(cwd, text)
  const relative = path.relative(REPO_ROOT, absolute)
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
  return { kind: 'file', path: absolute, name: inside ? relative.split(path.sep).join('/') : absolute }
}

/** A URL when it has a scheme, else a file path. */
export function parseSourceLocation(text: string, cwd = process.cwd()): ContentSource | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? urlSource(text) : fileSource(text, cwd)
}

/** A short, id-safe name for the ids of RSS and Atom items, which have no ids of our kind. */
export function idPrefix(source: ContentSource): string {
  const raw = source.kind === 'url' ? new URL(source.url).hostname : path.basename(source.path).replace(/\.[^.]*$/, '')
  const cleaned = raw.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60)
  return cleaned === '' ? 'feed' : cleaned
}
