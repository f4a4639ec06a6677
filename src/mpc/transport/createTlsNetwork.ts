import type { AddressInfo } from 'node:net'
import { isIP } from 'node:net'
import tls from 'node:tls'
import type { Hex } from 'viem'
import { TriadError } from '../../errors/index.ts'
import { type PartyIndex, partyIndices } from '../sharing/index.ts'
import {
  encodeWireMessage,
  type OutgoingFrame,
  type OutgoingWireMessage,
  payloadLength,
  WireDecoder,
  type WireMessage,
  wireVersion,
} from './frame.ts'
import { fingerprintOfDer, type TlsIdentity } from './identity.ts'
import { Listeners } from './listeners.ts'
import type { PartyNetwork } from './PartyNetwork.ts'

/** Where a peer listens and the certificate fingerprint it must present. */
export interface TlsPeerAddress {
  readonly index: PartyIndex
  readonly host: string
  readonly port: number
  /** `0x` + hex SHA-256 of the peer's certificate DER, as registered in the committee. */
  readonly fingerprint: Hex
}

export interface CreateTlsNetworkParameters {
  readonly partyIndex: PartyIndex
  readonly identity: Pick<TlsIdentity, 'certPem' | 'keyPem'>
  /** Port 0 picks a free port; read it from the network's `port`. */
  readonly listen: { readonly host: string; readonly port: number }
  /** The two other parties. */
  readonly peers: readonly TlsPeerAddress[]
  /** Default wait of `ready()` and the TLS handshake timeout, in ms (default 30 000). */
  readonly timeoutMs?: number
  /** Interval of liveness pings in ms; a peer silent for three intervals is lost (default 5 000). */
  readonly heartbeatMs?: number
  /** Largest frame payload sent or accepted, in bytes (default 256 MiB). */
  readonly maxFrameBytes?: number
  /**
   * Backpressure: a send waits while more than this many bytes wait in the connection's buffer
   * for the peer to read them, so a slow or stalled reader holds at most this plus one frame in
   * this party's memory, however many sessions send (default 8 MiB).
   */
  readonly maxQueuedBytes?: number
}

export interface TlsNetwork extends PartyNetwork {
  /** The bound address, useful with `listen.port` 0. */
  readonly host: string
  readonly port: number
}

interface Link {
  readonly peer: PartyIndex
  readonly socket: tls.TLSSocket
  readonly decoder: WireDecoder
  up: boolean
  lastHeard: number
  /** Why this side dropped the link, if it did. */
  failure: TriadError | undefined
  readonly drainWaiters: { resolve: () => void; reject: (error: TriadError) => void }[]
  /** The last queued send: sends to one peer are written one after the other, in call order. */
  tail: Promise<void>
  /** Why the link closed, once it has. */
  lost: TriadError | undefined
}

interface ReadyWaiter {
  readonly resolve: () => void
  readonly reject: (error: TriadError) => void
  readonly timer: NodeJS.Timeout
}

const hex32 = /^0x[0-9a-f]{64}$/

/**
 * Starts one party's network: a TLS 1.3 listener plus one long-lived, mutually authenticated
 * connection to each peer. The lower party index dials the higher one; each side checks that the
 * other's certificate has the pinned SHA-256 fingerprint (self-signed certificates, no CA) and
 * drops the connection otherwise, reporting TRIAD_ERR_PEER_IDENTITY. After the TLS handshake both
 * sides exchange a hello naming their party index, so a dialer knows the acceptor accepted it.
 *
 * Resolves once listening; dialing goes on in the background (and again after a connection is
 * lost) until `close()`. Await `ready()` before opening sessions. Because only lower indices dial,
 * parties started with port 0 in one process are created highest index first.
 *
 * @example
 * const network = await createTlsNetwork({
 *   partyIndex: 0,
 *   identity,
 *   listen: { host: '0.0.0.0', port: 7100 },
 *   peers: [
 *     { index: 1, host: 'node1.example', port: 7100, fingerprint: '0x…' },
 *     { index: 2, host: 'node2.example', port: 7100, fingerprint: '0x…' },
 *   ],
 * })
 * await network.ready()
 */
export async function createTlsNetwork(
  parameters: CreateTlsNetworkParameters,
): Promise<TlsNetwork> {
  const self = parameters.partyIndex
  const peers = validatePeers(self, parameters.peers)
  const timeoutMs = parameters.timeoutMs ?? 30_000
  const heartbeatMs = parameters.heartbeatMs ?? 5_000
  const maxFrameBytes = parameters.maxFrameBytes ?? 256 * 1024 * 1024
  const maxQueuedBytes = parameters.maxQueuedBytes ?? 8 * 1024 * 1024
  const tlsOptions = {
    cert: parameters.identity.certPem,
    key: parameters.identity.keyPem,
    minVersion: 'TLSv1.3',
    maxVersion: 'TLSv1.3',
  } as const

  const listeners = new Listeners()
  const current = new Map<PartyIndex, Link>()
  const sockets = new Set<tls.TLSSocket>()
  const dialTimers = new Map<PartyIndex, NodeJS.Timeout>()
  const dialAttempts = new Map<PartyIndex, number>()
  const lastFailure = new Map<PartyIndex, TriadError>()
  let lastRejected: TriadError | undefined
  const readyWaiters = new Set<ReadyWaiter>()
  let closed = false
  const counters = {
    framesSent: 0,
    payloadBytesSent: 0,
    framesReceived: 0,
    payloadBytesReceived: 0,
  }

  const allUp = () => peers.every((peer) => current.get(peer.index)?.up === true)

  function reject(error: TriadError, socket: tls.TLSSocket, peer?: PartyIndex): void {
    if (peer !== undefined) lastFailure.set(peer, error)
    else lastRejected = error
    socket.destroy()
    listeners.emit({ kind: 'peerRejected', error })
  }

  function writeMessage(link: Link, message: OutgoingWireMessage): boolean {
    const { socket } = link
    socket.cork()
    let ok = true
    for (const chunk of encodeWireMessage(message)) ok = socket.write(chunk)
    socket.uncork()
    return ok
  }

  function drop(link: Link, error: TriadError): void {
    link.failure ??= error
    link.socket.destroy()
  }

  /** Takes over a socket whose certificate matched `peer`'s pin. */
  function adopt(socket: tls.TLSSocket, peer: PartyIndex): void {
    const link: Link = {
      peer,
      socket,
      decoder: new WireDecoder(maxFrameBytes),
      up: false,
      lastHeard: Date.now(),
      failure: undefined,
      drainWaiters: [],
      tail: Promise.resolve(),
      lost: undefined,
    }
    socket.setNoDelay(true)
    socket.setKeepAlive(true, heartbeatMs)
    socket.on('data', (chunk: Buffer) => {
      link.lastHeard = Date.now()
      let messages: WireMessage[]
      try {
        messages = link.decoder.push(chunk)
      } catch (error) {
        drop(link, error as TriadError)
        return
      }
      for (const message of messages) {
        if (socket.destroyed) return
        receive(link, message)
      }
    })
    socket.on('drain', () => {
      for (const waiter of link.drainWaiters.splice(0)) waiter.resolve()
    })
    socket.once('close', () => {
      const error = new TriadError('TRIAD_ERR_PEER_LOST', `Lost the connection to party ${peer}`, {
        details: link.failure?.shortMessage ?? 'the connection closed',
        cause: link.failure,
        retryable: true,
      })
      link.lost = error
      for (const waiter of link.drainWaiters.splice(0)) waiter.reject(error)
      if (!link.up) {
        lastFailure.set(
          peer,
          link.failure ??
            new TriadError('TRIAD_ERR_PEER_UNREACHABLE', `Party ${peer} closed before its hello`, {
              details: 'the peer may not pin this node’s certificate',
            }),
        )
        return
      }
      if (current.get(peer) !== link) return
      current.delete(peer)
      if (!closed) listeners.emit({ kind: 'peerLost', peer, error })
    })
    writeMessage(link, { kind: 'hello', version: wireVersion, party: self })
  }

  function receive(link: Link, message: WireMessage): void {
    switch (message.kind) {
      case 'hello': {
        if (link.up || message.party !== link.peer || message.version !== wireVersion) {
          drop(
            link,
            new TriadError(
              'TRIAD_ERR_PEER_PROTOCOL',
              `Party ${link.peer} sent an unexpected hello`,
              {
                details: `party ${message.party}, wire version ${message.version}`,
              },
            ),
          )
          return
        }
        const previous = current.get(link.peer)
        if (previous !== undefined) {
          // The peer reconnected before its old connection was seen to die: the old one is lost.
          current.delete(link.peer)
          previous.failure ??= new TriadError('TRIAD_ERR_PEER_LOST', 'The peer reconnected')
          previous.socket.destroy()
          listeners.emit({
            kind: 'peerLost',
            peer: link.peer,
            error: new TriadError('TRIAD_ERR_PEER_LOST', `Party ${link.peer} reconnected`, {
              retryable: true,
            }),
          })
        }
        link.up = true
        current.set(link.peer, link)
        dialAttempts.delete(link.peer)
        lastFailure.delete(link.peer)
        listeners.emit({ kind: 'peerUp', peer: link.peer })
        if (allUp())
          for (const waiter of readyWaiters) {
            readyWaiters.delete(waiter)
            clearTimeout(waiter.timer)
            waiter.resolve()
          }
        return
      }
      case 'data':
        if (!link.up) {
          drop(
            link,
            new TriadError('TRIAD_ERR_PEER_PROTOCOL', 'A data frame arrived before the hello'),
          )
          return
        }
        counters.framesReceived++
        counters.payloadBytesReceived += message.frame.payload.length
        listeners.emit({ kind: 'frame', from: link.peer, frame: message.frame })
        return
      case 'ping':
        return
    }
  }

  function track(socket: tls.TLSSocket): void {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    // Errors surface as 'close'; the reason is kept in lastFailure or link.failure.
    socket.on('error', () => {})
  }

  function dial(peer: TlsPeerAddress): void {
    if (closed) return
    const socket = tls.connect({
      ...tlsOptions,
      host: peer.host,
      port: peer.port,
      rejectUnauthorized: false,
      ...(isIP(peer.host) === 0 ? { servername: peer.host } : {}),
    })
    track(socket)
    const handshakeTimer = setTimeout(() => socket.destroy(), timeoutMs)
    socket.on('error', (error) => {
      if (current.get(peer.index)?.socket !== socket)
        lastFailure.set(
          peer.index,
          new TriadError('TRIAD_ERR_PEER_UNREACHABLE', `Cannot connect to party ${peer.index}`, {
            details: `${peer.host}:${peer.port}: ${error.message}`,
            cause: error,
          }),
        )
    })
    socket.once('secureConnect', () => {
      clearTimeout(handshakeTimer)
      const fingerprint = peerFingerprint(socket)
      if (fingerprint !== peer.fingerprint) {
        reject(
          identityError(peer.index, fingerprint, `${peer.host}:${peer.port}`),
          socket,
          peer.index,
        )
        return
      }
      adopt(socket, peer.index)
    })
    socket.once('close', () => {
      clearTimeout(handshakeTimer)
      scheduleDial(peer)
    })
  }

  function scheduleDial(peer: TlsPeerAddress): void {
    if (closed || dialTimers.has(peer.index)) return
    const attempt = dialAttempts.get(peer.index) ?? 0
    dialAttempts.set(peer.index, attempt + 1)
    const delay = Math.min(1_000, 50 * 2 ** attempt)
    dialTimers.set(
      peer.index,
      setTimeout(() => {
        dialTimers.delete(peer.index)
        dial(peer)
      }, delay),
    )
  }

  const server = tls.createServer(
    { ...tlsOptions, requestCert: true, rejectUnauthorized: false, handshakeTimeout: timeoutMs },
    (socket) => {
      track(socket)
      if (closed) {
        socket.destroy()
        return
      }
      const fingerprint = peerFingerprint(socket)
      const peer = peers.find((candidate) => candidate.fingerprint === fingerprint)
      const where = `${socket.remoteAddress}:${socket.remotePort}`
      if (peer === undefined) {
        reject(identityError(undefined, fingerprint, where), socket)
        return
      }
      if (peer.index > self) {
        reject(
          new TriadError('TRIAD_ERR_PEER_PROTOCOL', `Party ${peer.index} dialled party ${self}`, {
            details: 'the lower party index dials the higher one',
          }),
          socket,
          peer.index,
        )
        return
      }
      adopt(socket, peer.index)
    },
  )
  server.on('tlsClientError', () => {})

  await new Promise<void>((resolve, rejectListen) => {
    server.once('error', (cause) =>
      rejectListen(
        new TriadError(
          'TRIAD_ERR_CONFIG_INVALID',
          `Cannot listen on ${parameters.listen.host}:${parameters.listen.port}`,
          { cause },
        ),
      ),
    )
    server.listen(parameters.listen.port, parameters.listen.host, () => resolve())
  })
  server.on('error', () => {})
  const address = server.address() as AddressInfo

  const heartbeat = setInterval(() => {
    const now = Date.now()
    for (const link of current.values()) {
      if (now - link.lastHeard > 3 * heartbeatMs)
        drop(
          link,
          new TriadError('TRIAD_ERR_PEER_LOST', `Party ${link.peer} stopped answering`, {
            details: `nothing heard for ${now - link.lastHeard} ms`,
          }),
        )
      else writeMessage(link, { kind: 'ping' })
    }
  }, heartbeatMs)
  heartbeat.unref()

  for (const peer of peers) if (peer.index > self) dial(peer)

  const closedError = () =>
    new TriadError('TRIAD_ERR_NETWORK_CLOSED', `Party ${self}'s network is closed`)

  return {
    partyIndex: self,
    host: address.address,
    port: address.port,

    async send(to: PartyIndex, frame: OutgoingFrame): Promise<void> {
      if (closed) throw closedError()
      const length = payloadLength(frame)
      if (to === self)
        throw new TriadError('TRIAD_ERR_PEER_PROTOCOL', `Party ${self} cannot send to itself`)
      if (length > maxFrameBytes)
        throw new TriadError('TRIAD_ERR_PEER_PROTOCOL', 'A frame is too large to send', {
          details: `${length} bytes, limit ${maxFrameBytes}`,
        })
      const link = current.get(to)
      if (link === undefined)
        throw new TriadError('TRIAD_ERR_PEER_LOST', `Party ${to} is not connected`, {
          retryable: true,
        })
      counters.framesSent++
      counters.payloadBytesSent += length
      const turn = link.tail.then(async () => {
        if (link.lost) throw link.lost
        writeMessage(link, { kind: 'data', frame })
        while (link.socket.writableLength > maxQueuedBytes)
          await new Promise<void>((resolve, rejectSend) => {
            link.drainWaiters.push({ resolve, reject: rejectSend })
          })
      })
      link.tail = turn.catch(() => {})
      await turn
    },

    subscribe: (listener) => listeners.add(listener),

    stats: () => {
      let queuedBytes = 0
      for (const link of current.values()) queuedBytes += link.socket.writableLength
      return { ...counters, queuedBytes }
    },

    isConnected: (peer) => current.get(peer)?.up === true,

    ready(options = {}): Promise<void> {
      if (closed) return Promise.reject(closedError())
      if (allUp()) return Promise.resolve()
      const waitMs = options.timeoutMs ?? timeoutMs
      return new Promise<void>((resolve, rejectReady) => {
        const waiter: ReadyWaiter = {
          resolve,
          reject: rejectReady,
          timer: setTimeout(() => {
            readyWaiters.delete(waiter)
            rejectReady(notReadyError(waitMs))
          }, waitMs),
        }
        readyWaiters.add(waiter)
      })
    },

    async close(): Promise<void> {
      if (closed) return
      closed = true
      clearInterval(heartbeat)
      for (const timer of dialTimers.values()) clearTimeout(timer)
      dialTimers.clear()
      for (const waiter of readyWaiters) {
        clearTimeout(waiter.timer)
        waiter.reject(closedError())
      }
      readyWaiters.clear()
      listeners.emit({ kind: 'closed' })
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      current.clear()
      await serverClosed
    },
  }

  function notReadyError(waitMs: number): TriadError {
    const missing = peers.filter((peer) => current.get(peer.index)?.up !== true)
    const reasons = missing.map((peer) => {
      const failure = lastFailure.get(peer.index) ?? (peer.index < self ? lastRejected : undefined)
      const how = peer.index > self ? 'dialled' : 'waited for'
      return {
        failure,
        text: `party ${peer.index} (${how} at ${peer.host}:${peer.port}): ${
          failure
            ? `${failure.shortMessage}${failure.details ? ` (${failure.details})` : ''}`
            : 'no connection'
        }`,
      }
    })
    const identity = reasons.find((reason) => reason.failure?.code === 'TRIAD_ERR_PEER_IDENTITY')
    return new TriadError(
      identity ? 'TRIAD_ERR_PEER_IDENTITY' : 'TRIAD_ERR_PEER_UNREACHABLE',
      `Party ${self} could not reach ${missing.map((peer) => `party ${peer.index}`).join(' and ')} within ${waitMs} ms`,
      {
        details: reasons.map((reason) => reason.text).join('; '),
        hint: identity
          ? 'Check that every node runs with the TLS certificate whose fingerprint the committee pins.'
          : 'Check that the peers are running and that host, port and firewall allow the connection.',
        cause: identity?.failure,
        retryable: !identity,
      },
    )
  }
}

function peerFingerprint(socket: tls.TLSSocket): Hex | undefined {
  const certificate = socket.getPeerCertificate()
  return certificate?.raw ? fingerprintOfDer(certificate.raw) : undefined
}

function identityError(peer: PartyIndex | undefined, fingerprint: Hex | undefined, where: string) {
  return new TriadError(
    'TRIAD_ERR_PEER_IDENTITY',
    peer === undefined
      ? 'A connection presented a certificate no committee member pins'
      : `Party ${peer} presented a certificate that is not the pinned one`,
    {
      details: `${where} presented ${fingerprint ?? 'no certificate'}`,
      hint: 'The committee pins each node’s TLS certificate fingerprint; check the node’s key file.',
    },
  )
}

function validatePeers(self: PartyIndex, peers: readonly TlsPeerAddress[]): TlsPeerAddress[] {
  const expected = partyIndices.filter((index) => index !== self)
  const sorted = [...peers].sort((a, b) => a.index - b.index)
  if (sorted.length !== 2 || sorted.some((peer, i) => peer.index !== expected[i]))
    throw new TriadError('TRIAD_ERR_CONFIG_INVALID', `Party ${self} needs exactly its two peers`, {
      details: `peers ${peers.map((peer) => peer.index).join(', ')}, expected ${expected.join(', ')}`,
    })
  return sorted.map((peer) => {
    const fingerprint = peer.fingerprint.toLowerCase() as Hex
    if (!hex32.test(fingerprint))
      throw new TriadError(
        'TRIAD_ERR_CONFIG_INVALID',
        `Party ${peer.index}'s fingerprint is malformed`,
        {
          details: `${peer.fingerprint}, expected 0x and 64 hex digits`,
        },
      )
    return { ...peer, fingerprint }
  })
}
