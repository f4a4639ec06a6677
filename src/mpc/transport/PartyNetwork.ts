import type { TriadError } from '../../errors/index.ts'
import type { PartyIndex } from '../sharing/index.ts'
import type { Frame, OutgoingFrame } from './frame.ts'

/** What a network reports to its subscribers (the session layer). */
export type NetworkEvent =
  /** A frame from a peer. Its bytes belong to the subscriber; the network does not reuse them. */
  | { readonly kind: 'frame'; readonly from: PartyIndex; readonly frame: Frame }
  /** A connection to a pinned peer is established (again). */
  | { readonly kind: 'peerUp'; readonly peer: PartyIndex }
  /** The connection to a peer is gone; everything waiting on it must fail (TRIAD_ERR_PEER_LOST). */
  | { readonly kind: 'peerLost'; readonly peer: PartyIndex; readonly error: TriadError }
  /**
   * A connection attempt was refused: an unpinned certificate (TRIAD_ERR_PEER_IDENTITY) or a
   * protocol violation before the peer was known (TRIAD_ERR_PEER_PROTOCOL).
   */
  | { readonly kind: 'peerRejected'; readonly error: TriadError }
  /** This network was closed locally. */
  | { readonly kind: 'closed' }

export type NetworkListener = (event: NetworkEvent) => void

/** Counters of the data frames a network carried, for benchmarks and for tests of protocol cost. */
export interface NetworkStats {
  /** Data frames sent to both peers together. */
  readonly framesSent: number
  /** Payload bytes of those frames (the protocol's cost, without the 41-byte frame headers). */
  readonly payloadBytesSent: number
  readonly framesReceived: number
  readonly payloadBytesReceived: number
  /** Bytes accepted by `send` but not yet handed to the operating system, both peers together. */
  readonly queuedBytes: number
}

/**
 * The links from one party to the two others. Frames between a pair arrive in the order they were
 * sent. Implementations: `createTlsNetwork` (mutual TLS 1.3, pinned identities) and
 * `createMemoryNetworks` (in-process, for tests).
 */
export interface PartyNetwork {
  readonly partyIndex: PartyIndex
  /**
   * Sends a frame to a peer; a payload in parts arrives as one. Resolves when the transport has accepted it, waiting for the
   * connection to drain when its buffer is full (backpressure).
   * Rejects with TRIAD_ERR_PEER_LOST if the peer is not connected, TRIAD_ERR_NETWORK_CLOSED after
   * close.
   */
  send(to: PartyIndex, frame: OutgoingFrame): Promise<void>
  /** Registers a listener for every event; returns the function that removes it. */
  subscribe(listener: NetworkListener): () => void
  /** Counters since the network was created. */
  stats(): NetworkStats
  /** True when the connection to `peer` is established. */
  isConnected(peer: PartyIndex): boolean
  /**
   * Resolves once both peers are connected. Rejects after `timeoutMs` with
   * TRIAD_ERR_PEER_UNREACHABLE (or TRIAD_ERR_PEER_IDENTITY when a peer's certificate is the
   * problem); the network keeps trying in the background until closed.
   */
  ready(options?: { readonly timeoutMs?: number }): Promise<void>
  /** Drops every connection and stops listening. Idempotent. */
  close(): Promise<void>
}
