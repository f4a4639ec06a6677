import { createConnection, createServer, type Server, type Socket } from 'node:net'

export interface TcpProxy {
  /** The proxy's address, `127.0.0.1:<port>`; the port stays the same across stop and start. */
  readonly host: string
  readonly port: number
  /** Whether it forwards connections now. */
  readonly running: boolean
  /** Cuts every connection and stops listening: to its clients the target is unreachable. */
  stop(): Promise<void>
  /** Listens again on the same port and forwards new connections. */
  start(): Promise<void>
  /** Stops for good. */
  close(): Promise<void>
}

/**
 * A TCP proxy on 127.0.0.1 in front of `target` (e.g. anvil's JSON-RPC port), for fault tests:
 * services are configured with the proxy's address, and `stop()` makes the chain unreachable to
 * them (connections cut, connects refused) until `start()`, while the chain itself keeps running.
 *
 * @example
 * const proxy = await startTcpProxy({ host: '127.0.0.1', port: 8545 })
 * await proxy.stop() // an RPC outage
 * await proxy.start()
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let port = 0

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((client) => {
        const upstream = createConnection(target)
        sockets.add(client)
        sockets.add(upstream)
        const drop = () => {
          client.destroy()
          upstream.destroy()
          sockets.delete(client)
          sockets.delete(upstream)
        }
        client.on('error', drop).on('close', drop)
        upstream.on('error', drop).on('close', drop)
        client.pipe(upstream)
        upstream.pipe(client)
      })
      next.once('error', reject)
      next.listen({ host: '127.0.0.1', port }, () => {
        const address = next.address()
        if (typeof address === 'object' && address) port = address.port
        server = next
        resolve()
      })
    })

  const stop = async () => {
    const current = server
    server = undefined
    for (const socket of sockets) socket.destroy()
    sockets.clear()
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()))
  }

  await listen()
  return {
    host: '127.0.0.1',
    get port() {
      return port
    },
    get running() {
      return server !== undefined
    },
    stop,
    async start() {
      if (!server) await listen()
    },
    close: stop,
  }
}
