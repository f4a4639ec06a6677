import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify'
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import { registerHealthRoute } from './registerHealthRoute.ts'
import { registerMetricsRoute } from './registerMetricsRoute.ts'

/**
 * A small plain-HTTP server with only `/metrics` and `/healthz`, for an operator who keeps them
 * off the public API: it listens on a private interface for Prometheus and the orchestrator.
 *
 * @example
 * const ops = buildOpsServer({ logger, registry: metrics.registry, health })
 * await ops.listen({ host: '10.0.0.5', port: 9464 })
 */
export function buildOpsServer(parameters: {
  readonly logger: Logger
  readonly registry: Registry
  readonly health: () => Promise<{ readonly ready: boolean }>
}): FastifyInstance {
  const app = Fastify({
    loggerInstance: parameters.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
  })
  registerHealthRoute(app, parameters.health)
  registerMetricsRoute(app, parameters.registry)
  return app
}
