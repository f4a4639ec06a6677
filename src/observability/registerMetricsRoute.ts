import type { FastifyInstance } from 'fastify'
import type { Registry } from 'prom-client'

/**
 * Serves a service's metrics registry at `GET /metrics` in the Prometheus text format.
 *
 * @example
 * registerMetricsRoute(app, metrics.registry)
 */
export function registerMetricsRoute(app: FastifyInstance, registry: Registry): void {
  app.get('/metrics', async (_request, reply) => {
    const text = await registry.metrics()
    return reply.header('content-type', registry.contentType).send(text)
  })
}
