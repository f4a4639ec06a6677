import { createServer } from 'node:net'

/**
 * A TCP port on 127.0.0.1 that was free a moment ago: the OS picks it for a throwaway listener.
 * Used where a port must be known before its server starts (a committee's endpoints are
 * registered on chain before the nodes listen).
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
