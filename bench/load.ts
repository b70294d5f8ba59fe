// What the load benchmarks share: a fixed number of operations, so many at a time, each timed; the
// figures made from those times; one HTTP exchange on a kept-alive agent; and the printed table.
import http from 'node:http'

export interface Run {
  seconds: number
  latenciesMs: number[]
}

/** Runs `operation(first … first+count-1)`, `concurrency` at a time, timing each. */
export async function runConcurrently(concurrency: number, count: number, first: number, operation: (index: number) => Promise<void>): Promise<Run> {
  const latenciesMs: number[] = []
  let next = first
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < first + count) {
        const index = next
        next += 1
        const begun = performance.now()
        await operation(index)
        latenciesMs.push(performance.now() - begun)
      }
    }),
  )
  return { seconds: (performance.now() - started) / 1000, latenciesMs }
}

function percentile(sortedMs: number[], fraction: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil(fraction * sortedMs.length) - 1)]
}

export interface Figures {
  perSecond: number
  p50: number
  p99: number
}

export function figuresOf(run: Run): Figures {
  const sorted = [...run.latenciesMs].sort((a, b) => a - b)
  return { perSecond: run.latenciesMs.length / run.seconds, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) }
}

export interface Reply {
  status: number
  body: string
}

/** One request on `agent` (kept-alive connections, as behind a reverse proxy); `payload` is sent as JSON. */
export function send(agent: http.Agent, method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method,
        agent,
        headers: payload === undefined ? headers : { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
        response.on('error', reject)
      },
    )
    request.on('error', reject)
    request.end(payload)
  })
}

/** The first `textColumns` columns align left, the figures after them right. */
export function printTable(header: string[], rows: string[][], textColumns: number): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)))
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column < textColumns ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')
  console.log(`\n${line(header)}`)
  for (const row of rows) console.log(line(row))
}
