import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify'

import { app as pufaApp } from './app'
import { localUrl, prepareDataDir, type Config, type LogLevel } from './config'
import { ADVISORY_LOCKS, whileLocked } from './db/advisory-locks'
import { migrate } from './db/migrations'
import { answerClientError, answerFrameworkError } from './errors'
import type { IngestReport } from './ingest/ingest'
import { loadSampleContentIfEmpty } from './ingest/sample'
import { upkeepWorkspace } from './tips/workspace-upkeep'

export const BODY_LIMIT_BYTES = 1024 * 1024
const REQUEST_TIMEOUT_MS = 120_000
const SHUTDOWN_TIMEOUT_MS = 10_000
const LOGGED_PATH_MAX = 200

export interface LogDestination {
  write(line: string): void
}

export interface CreateServerOptions {
  /** `false`: no logs. Otherwise JSON lines at the configured level, to stdout unless a destination is given. */
  logger?: false | { destination?: LogDestination; level?: LogLevel }
}

// Only what an operator needs. Drivers attach more (pg's `detail` quotes the offending values,
// which may be personal data), so nothing else of an error object reaches the log.
function serializeError(error: FastifyError) {
  return { type: String(error.name), code: error.code, message: String(error.message), stack: String(error.stack) }
}

// Route parameters can be secrets (a report's tracking code), so matched routes are logged by
// their pattern; query strings are never logged.
function loggedPath(request: FastifyRequest): string {
  const pattern = request.routeOptions.url
  if (pattern !== undefined && pattern.includes(':')) return pattern
  const path = request.url.split('?', 1)[0]
  return path.length > LOGGED_PATH_MAX ? `${path.slice(0, LOGGED_PATH_MAX)}…` : path
}

function loggerOptions(config: Config, logger: CreateServerOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === false) return false
  return {
    level: logger?.level ?? config.logLevel,
    stream: logger?.destination,
    serializers: {
      req: (request: { method?: string }) => ({ method: request.method }),
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
      err: serializeError,
    },
  }
}

/** The options every instance of the service is built with. */
export function serverOptions(config: Config, options: CreateServerOptions = {}): FastifyServerOptions {
  return {
    logger: loggerOptions(config, options.logger),
    disableRequestLogging: true,
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: REQUEST_TIMEOUT_MS,
    trustProxy: config.trustProxy,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    ajv: {
      customOptions: {
        // Report every bad field at once, reject unknown properties instead of dropping them,
        // and never turn a wrong JSON type into a right one. `verbose` keeps each error's schema,
        // whose title names the field in the Chinese message.
        allErrors: true,
        removeAdditional: false,
        coerceTypes: false,
        verbose: true,
        keywords: ['errorMessages', 'errorCode'],
        // A body told apart by one property (the workspace's actions) is checked against its own branch only.
        discriminator: true,
      },
    },
  }
}

/** A Fastify instance with the whole app registered; call `ready()` or `inject()` on it. */
export async function createServer(loaded: Config, options: CreateServerOptions = {}): Promise<FastifyInstance> {
  const config = prepareDataDir(loaded)
  const server = Fastify(serverOptions(config, options))

  server.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, path: loggedPath(request), statusCode: reply.statusCode, responseTimeMs: Math.round(reply.elapsedTime) },
      'request',
    )
  })

  await server.register(pufaApp, { config })
  return server
}

/** Where people should point a browser: a wildcard address is not one. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown
  removeListener(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown
}

export interface ListenOptions extends CreateServerOptions {
  signals?: SignalSource
  shutdownTimeoutMs?: number
  /** Folder of sample feeds loaded into an empty database when no CONTENT_SOURCES are set (default assets/feed). */
  sampleFeedDir?: string
}

export interface RunningServer {
  server: FastifyInstance
  url: string
  /** Migrations applied on this start. */
  applied: string[]
  /** The sample feeds loaded on this start (into an empty database), if any. */
  sampleContent: IngestReport[] | undefined
  /** Settles with the exit code once a signal has stopped the server: 0 clean, 1 forced. */
  stopped: Promise<number>
}

/**
 * Builds the server, migrates, listens, and stops gracefully on SIGTERM/SIGINT: no new
 * connections, in-flight requests finish, the database closes. A second signal or a stop that
 * takes longer than the timeout settles with 1, so the caller can exit at once.
 */
export async function listen(loaded: Config, options: ListenOptions = {}): Promise<RunningServer> {
  const server = await createServer(loaded, options)
  const { config } = server
  let applied: string[] = []
  let sampleContent: IngestReport[] | undefined
  try {
    await server.ready()
    // Instances starting together on one database do this one at a time: one loads the sample, the others find it.
    await whileLocked(server.db, server.dialect, ADVISORY_LOCKS.startUp, async () => {
      applied = await migrate(server.db)
      await upkeepWorkspace(server.db, config)
      // Sample content is for trying the product out: a bureau with its own feeds never gets it.
      if (config.contentSources.length === 0) sampleContent = await loadSampleContentIfEmpty(server.db, options.sampleFeedDir)
    })
    await server.listen({ port: config.port, host: config.host })
    server.contentPoller.start()
    server.noticeSender?.start()
  } catch (error) {
    await server.close().catch(() => undefined)
    throw error
  }

  const signals = options.signals ?? process
  const timeoutMs = options.shutdownTimeoutMs ?? SHUTDOWN_TIMEOUT_MS
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined
  const stopped = new Promise<number>((resolve) => {
    let stopping = false
    onSignal = (signal) => {
      if (stopping) {
        server.log.warn({ signal }, 'second signal: stopping now')
        resolve(1)
        return
      }
      stopping = true
      server.log.info({ signal }, 'shutting down')
      const timer = setTimeout(() => {
        server.log.error({ timeoutMs }, 'shutdown timed out')
        resolve(1)
      }, timeoutMs)
      timer.unref()
      server.close().then(
        () => {
          clearTimeout(timer)
          resolve(0)
        },
        (error: unknown) => {
          clearTimeout(timer)
          server.log.error({ err: error }, 'shutdown failed')
          resolve(1)
        },
      )
    }
    signals.on('SIGTERM', onSignal)
    signals.on('SIGINT', onSignal)
  })
  void stopped.then(() => {
    signals.removeListener('SIGTERM', onSignal)
    signals.removeListener('SIGINT', onSignal)
  })

  const address = server.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.port
  return { server, url: localUrl(config.host, port), applied, sampleContent, stopped }
}
