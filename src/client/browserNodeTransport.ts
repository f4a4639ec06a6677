import type { NodeTransport } from './nodeTransport.ts'

/**
 * The browser transport to the nodes' APIs: the global `fetch`. A browser cannot pin a
 * certificate, so it checks the node's certificate against its CAs instead: a node serving
 * browsers sits behind a CA-signed certificate. Bundlers pick this module through the `browser`
 * condition of `#triad/nodeTransport` in package.json.
 *
 * @example
 * const transport = createNodeTransport()
 */
export function createNodeTransport(): NodeTransport {
  return {
    fetch(url, init) {
      const signals = [AbortSignal.timeout(init.timeoutMs ?? 30_000)]
      if (init.signal) signals.push(init.signal)
      return fetch(url, {
        method: init.method ?? 'GET',
        ...(init.headers ? { headers: init.headers } : {}),
        ...(init.body === undefined ? {} : { body: init.body }),
        signal: AbortSignal.any(signals),
      })
    },
    close() {},
  }
}
