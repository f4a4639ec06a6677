import { randomBytes } from 'node:crypto'
import { TriadError } from '../../errors/index.ts'
import type { PartyIndex } from '../sharing/index.ts'
import type { Frame, NetworkEvent, PartyNetwork } from '../transport/index.ts'
import { sessionIdBytes } from '../transport/index.ts'
import { AesCtrPrf, seedBytes } from './prf.ts'
import { MuxedSession, type Session, setupStep } from './Session.ts'

export interface CreateSessionMuxParameters {
  readonly network: PartyNetwork
  /** Default receive timeout of the sessions, in ms (default 60 000). */
  readonly timeoutMs?: number
  /**
   * Bound on the bytes buffered for sessions not opened yet, all together, and for the future
   * steps of one open session (default 64 MiB).
   */
  readonly maxBufferedBytes?: number
  /** Bound on the number of not-yet-opened sessions with buffered frames (default 1 024). */
  readonly maxPendingSessions?: number
}

export interface OpenSessionParameters {
  /** 32 bytes, the same at all three parties; see `sessionIdForJob`. */
  readonly sessionId: Uint8Array
  /** Overrides the mux's receive timeout for this session. */
  readonly timeoutMs?: number
}

/** Runs many sessions concurrently over one network, routing frames by session id. */
export interface SessionMux {
  /**
   * Opens a session and sets up its correlated randomness: party i samples a seed k_{i+1}, sends
   * it to party i+1 and receives k_i from party i−1 (one round, step 0). Frames that arrived
   * before the session was opened are delivered to it.
   */
  open(parameters: OpenSessionParameters): Promise<Session>
  /** The number of open sessions. */
  readonly openSessions: number
  /** Fails and forgets every session and stops listening to the network. The network stays open. */
  close(): void
}

interface PendingFrames {
  readonly frames: { readonly from: PartyIndex; readonly frame: Frame }[]
  bytes: number
}

/** How many closed session ids are remembered so their late frames are dropped, not buffered. */
const closedMemory = 4096

/**
 * Creates the session layer over a network. One mux per network; the node service opens one
 * session per job on it.
 *
 * @example
 * const mux = createSessionMux({ network })
 * const session = await mux.open({ sessionId: sessionIdForJob(jobId) })
 * try { … } finally { session.close() }
 */
export function createSessionMux(parameters: CreateSessionMuxParameters): SessionMux {
  const { network } = parameters
  const timeoutMs = parameters.timeoutMs ?? 60_000
  const maxBufferedBytes = parameters.maxBufferedBytes ?? 64 * 1024 * 1024
  const maxPendingSessions = parameters.maxPendingSessions ?? 1024

  const sessions = new Map<string, MuxedSession>()
  const pending = new Map<string, PendingFrames>()
  let pendingBytes = 0
  /** Sessions whose early frames were dropped at the bound: opening them fails at once. */
  const overflowed = new Set<string>()
  const recentlyClosed = new Set<string>()
  let failure: TriadError | undefined

  function remember(set: Set<string>, key: string): void {
    set.add(key)
    if (set.size > closedMemory) set.delete(set.values().next().value!)
  }

  function failAll(error: TriadError, tellPeers: boolean): void {
    for (const session of sessions.values())
      if (tellPeers) session.abort(error)
      else session.fail(error)
  }

  function onEvent(event: NetworkEvent): void {
    switch (event.kind) {
      case 'frame': {
        const key = keyOf(event.frame.sessionId)
        const session = sessions.get(key)
        if (session !== undefined) {
          session.deliver(event.from, event.frame.step, event.frame.payload)
          return
        }
        if (recentlyClosed.has(key) || overflowed.has(key)) return
        const entry = pending.get(key)
        const size = event.frame.payload.length
        if (
          pendingBytes + size > maxBufferedBytes ||
          (entry === undefined && pending.size >= maxPendingSessions)
        ) {
          if (entry !== undefined) {
            pendingBytes -= entry.bytes
            pending.delete(key)
          }
          remember(overflowed, key)
          return
        }
        const target = entry ?? { frames: [], bytes: 0 }
        target.frames.push({ from: event.from, frame: event.frame })
        target.bytes += size
        pendingBytes += size
        pending.set(key, target)
        return
      }
      case 'peerLost':
        // The other peer may still be connected and waiting: the abort tells it at once.
        failAll(event.error, true)
        return
      case 'closed':
        failure = new TriadError(
          'TRIAD_ERR_NETWORK_CLOSED',
          'The network under the sessions closed',
        )
        failAll(failure, false)
        return
      case 'peerUp':
      case 'peerRejected':
        return
    }
  }

  const unsubscribe = network.subscribe(onEvent)

  return {
    get openSessions() {
      return sessions.size
    },

    async open(options: OpenSessionParameters): Promise<Session> {
      if (failure) throw failure
      if (options.sessionId.length !== sessionIdBytes)
        throw new TriadError('TRIAD_ERR_PEER_PROTOCOL', 'A session id must be 32 bytes', {
          details: `${options.sessionId.length} bytes`,
        })
      const key = keyOf(options.sessionId)
      if (sessions.has(key) || recentlyClosed.has(key))
        throw new TriadError('TRIAD_ERR_SESSION_DUPLICATE', 'This session id was already used', {
          details: key,
          hint: 'Derive a fresh id for a retried job (sessionIdForJob with the next attempt).',
        })
      if (overflowed.has(key))
        throw new TriadError('TRIAD_ERR_PEER_PROTOCOL', 'Frames for this session were dropped', {
          details: `${key}: the buffer for not-yet-opened sessions was full`,
          hint: 'Open sessions promptly, or raise maxBufferedBytes / maxPendingSessions.',
        })
      const session = new MuxedSession({
        id: options.sessionId.slice(),
        network,
        timeoutMs: options.timeoutMs ?? timeoutMs,
        maxBufferedBytes,
        onClose: () => {
          sessions.delete(key)
          remember(recentlyClosed, key)
        },
      })
      sessions.set(key, session)
      const early = pending.get(key)
      if (early !== undefined) {
        pending.delete(key)
        pendingBytes -= early.bytes
        for (const { from, frame } of early.frames) session.deliver(from, frame.step, frame.payload)
      }
      try {
        const { next, previous } = session.neighbours
        const seedForNext = randomBytes(seedBytes)
        const [, seedFromPrevious] = await Promise.all([
          session.send(next, setupStep, seedForNext),
          session.receive(previous, setupStep),
        ])
        if (seedFromPrevious.length !== seedBytes)
          throw new TriadError(
            'TRIAD_ERR_PEER_PROTOCOL',
            `Party ${previous} sent a malformed seed`,
            {
              details: `${seedFromPrevious.length} bytes`,
            },
          )
        session.setPrfs({ own: new AesCtrPrf(seedFromPrevious), next: new AesCtrPrf(seedForNext) })
        return session
      } catch (error) {
        session.close()
        throw error
      }
    },

    close(): void {
      unsubscribe()
      failure ??= new TriadError('TRIAD_ERR_SESSION_CLOSED', 'The session mux is closed')
      for (const session of [...sessions.values()]) {
        session.fail(failure)
        session.close()
      }
      pending.clear()
      pendingBytes = 0
    },
  }
}

function keyOf(sessionId: Uint8Array): string {
  return Buffer.from(sessionId.buffer, sessionId.byteOffset, sessionId.byteLength).toString('hex')
}
