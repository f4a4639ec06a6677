import type { Hex } from 'viem'
import { fetchPinned } from '../http/fetchPinned.ts'
import { PinnedAgent } from '../http/PinnedAgent.ts'
import type { NodeTransport } from './nodeTransport.ts'

/**
 * The Node transport to the nodes' APIs: HTTPS pinned to each node's certificate fingerprint
 * (`TRIAD_ERR_TLS_PIN_MISMATCH` before anything is sent otherwise), one kept-alive agent per
 * certificate; `http:` URLs (dev nodes with `api.insecurePlainHttp`) in the clear. This is the
 * default of every SDK call in Node (package.json maps `#triad/nodeTransport` here).
 *
 * @example
 * const transport = createNodeTransport()
 * const response = await transport.fetch(`${node.apiUrl}/healthz`, { fingerprint: node.tlsFingerprint })
 * transport.close()
 */
export function createNodeTransport(): NodeTransport {
  const agents = new Map<Hex, PinnedAgent>()
  const agentFor = (fingerprint: Hex) => {
    const key = fingerprint.toLowerCase() as Hex
    let agent = agents.get(key)
    if (!agent) {
      agent = new PinnedAgent(key)
      agents.set(key, agent)
    }
    return agent
  }
  return {
    fetch(url, init) {
      return fetchPinned(url, {
        ...(init.method ? { method: init.method } : {}),
        ...(init.headers ? { headers: init.headers } : {}),
        ...(init.body === undefined ? {} : { body: init.body }),
        ...(init.timeoutMs === undefined ? {} : { timeoutMs: init.timeoutMs }),
        ...(init.signal ? { signal: init.signal } : {}),
        ...(url.startsWith('https:') ? { agent: agentFor(init.fingerprint) } : {}),
      })
    },
    close() {
      for (const agent of agents.values()) agent.destroy()
      agents.clear()
    },
  }
}
