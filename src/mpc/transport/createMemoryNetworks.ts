import { TriadError } from '../../errors/index.ts'
import { type PartyIndex, partyIndices } from '../sharing/index.ts'
import { assertFrame, type Frame, type OutgoingFrame, payloadParts } from './frame.ts'
import { Listeners } from './listeners.ts'
import type { PartyNetwork } from './PartyNetwork.ts'

/**
 * Three connected in-process networks, one per party, with the semantics of the TLS network:
 * frames are copied and delivered asynchronously in order, and closing one network reports
 * `peerLost` to the two others. For unit tests of sessions and protocols.
 *
 * @example
 * const networks = createMemoryNetworks()
 * try { … } finally { await Promise.all(networks.map((n) => n.close())) }
 */
export function createMemoryNetworks(): [PartyNetwork, PartyNetwork, PartyNetwork] {
  const listeners = partyIndices.map(() => new Listeners())
  const open = [true, true, true]
  const counters = partyIndices.map(() => ({
    framesSent: 0,
    payloadBytesSent: 0,
    framesReceived: 0,
    payloadBytesReceived: 0,
  }))

  const network = (self: PartyIndex): PartyNetwork => ({
    partyIndex: self,

    async send(to: PartyIndex, frame: OutgoingFrame): Promise<void> {
      if (!open[self])
        throw new TriadError('TRIAD_ERR_NETWORK_CLOSED', `Party ${self}'s network is closed`)
      if (to === self)
        throw new TriadError('TRIAD_ERR_PEER_PROTOCOL', `Party ${self} cannot send to itself`)
      if (!open[to])
        throw new TriadError('TRIAD_ERR_PEER_LOST', `Party ${to} is not connected`, {
          retryable: true,
        })
      assertFrame(frame)
      const copy: Frame = {
        sessionId: frame.sessionId.slice(),
        step: frame.step,
        payload: joined(payloadParts(frame)),
      }
      counters[self]!.framesSent++
      counters[self]!.payloadBytesSent += copy.payload.length
      setImmediate(() => {
        if (!open[self] || !open[to]) return
        counters[to]!.framesReceived++
        counters[to]!.payloadBytesReceived += copy.payload.length
        listeners[to]!.emit({ kind: 'frame', from: self, frame: copy })
      })
    },

    subscribe: (listener) => listeners[self]!.add(listener),

    stats: () => ({ ...counters[self]!, queuedBytes: 0 }),

    isConnected: (peer) => open[self]! && open[peer]! && peer !== self,

    async ready(): Promise<void> {
      if (!open[self])
        throw new TriadError('TRIAD_ERR_NETWORK_CLOSED', `Party ${self}'s network is closed`)
    },

    async close(): Promise<void> {
      if (!open[self]) return
      open[self] = false
      listeners[self]!.emit({ kind: 'closed' })
      for (const peer of partyIndices)
        if (peer !== self && open[peer])
          listeners[peer]!.emit({
            kind: 'peerLost',
            peer: self,
            error: new TriadError('TRIAD_ERR_PEER_LOST', `Party ${self} disconnected`, {
              retryable: true,
            }),
          })
    },
  })

  return [network(0), network(1), network(2)]
}

/** The parts in one fresh array (offset 0, so ring vectors in it are aligned). */
function joined(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
