import { type OutgoingFrame, sessionIdBytes, type TlsNetwork } from '../mpc/transport/index.ts'
import type { NodeMetrics } from './NodeMetrics.ts'

/** The bytes of a frame besides its payload: the session id and the u32 step. */
const frameHeaderBytes = sessionIdBytes + 4

/**
 * The node's MPC network, counting the frame bytes it sends to and receives from each peer
 * into the node's metrics. Everything else passes through unchanged.
 *
 * @example
 * const network = countMpcTraffic(await createTlsNetwork(parameters), metrics)
 */
export function countMpcTraffic(
  network: TlsNetwork,
  metrics: Pick<NodeMetrics, 'mpcBytesSent' | 'mpcBytesReceived'>,
): TlsNetwork {
  const unsubscribe = network.subscribe((event) => {
    if (event.kind === 'frame') {
      metrics.mpcBytesReceived.inc(
        { peer: String(event.from) },
        frameHeaderBytes + event.frame.payload.byteLength,
      )
    }
  })
  return {
    partyIndex: network.partyIndex,
    host: network.host,
    port: network.port,
    async send(to, frame) {
      await network.send(to, frame)
      metrics.mpcBytesSent.inc({ peer: String(to) }, frameHeaderBytes + payloadBytes(frame))
    },
    subscribe: (listener) => network.subscribe(listener),
    stats: () => network.stats(),
    isConnected: (peer) => network.isConnected(peer),
    ready: (options) => network.ready(options),
    async close() {
      unsubscribe()
      await network.close()
    },
  }
}

function payloadBytes(frame: OutgoingFrame): number {
  if (frame.payload instanceof Uint8Array) return frame.payload.byteLength
  return frame.payload.reduce((total, part) => total + part.byteLength, 0)
}
