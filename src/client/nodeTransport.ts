import type { Hex } from 'viem'

/** One request to a node's API. */
export interface NodeRequestInit {
  readonly method?: 'GET' | 'POST'
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
  /** The SHA-256 fingerprint of the node's TLS certificate, as its committee registers it. */
  readonly fingerprint: Hex
  /** Gives up after this long, in ms (default 30 000). */
  readonly timeoutMs?: number
  /** Gives up at once when this aborts. */
  readonly signal?: AbortSignal
}

/**
 * How the SDK reaches the nodes' APIs. In Node (`createNodeTransport` from
 * `pinnedNodeTransport.ts`) an `https:` node is reached only if it presents the certificate its
 * committee pins on chain, over kept-alive connections. In a browser (`browserNodeTransport.ts`,
 * chosen by bundlers through the `browser` condition of `#triad/nodeTransport` in package.json)
 * it is the global `fetch`, so a node needs a certificate the browser trusts (a CA-signed one
 * behind a proxy); shares are sealed to each node's key and uploads signed by the seller either
 * way.
 */
export interface NodeTransport {
  fetch(url: string, init: NodeRequestInit): Promise<Response>
  /** Closes kept-alive connections. */
  close(): void
}
