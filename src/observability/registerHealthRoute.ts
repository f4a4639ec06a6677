import type { FastifyInstance } from 'fastify'

/**
 * Serves a service's health at `GET /healthz`: answering at all is liveness; the status is 200
 * when `check` says the service is ready and 503 when it is not, with the same body either way
 * so an operator sees why.
 *
 * @example
 * registerHealthRoute(app, async () => ({ ready: true, chain: await probeChain(client) }))
 */
export function registerHealthRoute(
  app: FastifyInstance,
  check: () => Promise<{ readonly ready: boolean }>,
): void {
  app.get('/healthz', async (_request, reply) => {
    const health = await check()
    return reply
      .status(health.ready ? 200 : 503)
      .send({ status: health.ready ? 'ready' : 'not ready', live: true, ...health })
  })
}
