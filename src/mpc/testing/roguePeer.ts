import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import tls from 'node:tls'
import { setupStep } from '../session/Session.ts'
import type { PartyIndex } from '../sharing/index.ts'
import { encodeWireMessage, WireDecoder, wireVersion } from '../transport/frame.ts'
import { fingerprintOfDer } from '../transport/identity.ts'
import {
  createTlsNetwork,
  type Frame,
  generateTlsIdentity,
  type TlsIdentity,
  type TlsNetwork,
} from '../transport/index.ts'

/** One TLS connection of the rogue party, from a real party. */
export interface RogueConnection {
  readonly socket: tls.TLSSocket
  /** Data frames received so far, in order. */
  readonly frames: Frame[]
  /** Sends a well-formed data frame. */
  send(frame: Frame): void
  /** Writes bytes as they are, with no framing. */
  writeRaw(bytes: Uint8Array): void
}

/**
 * Test support: party 2 played by a rogue on a real TLS 1.3 listener with its pinned identity. It
 * answers the hello and the session set-up (a seed for party 0 whenever party 1 sends it one) and
 * pings, and otherwise does only what the test makes it do: send garbage, stop reading, fall
 * silent, or vanish.
 */
export interface RoguePeer {
  /** The two real parties' networks (party 0 and party 1), connected to the rogue. */
  readonly networks: readonly [TlsNetwork, TlsNetwork]
  /** The connection from a real party. */
  connection(from: 0 | 1): RogueConnection
  /** Stops pinging, so the real parties' heartbeat gives up on it. */
  silence(): void
  /** Closes everything: the rogue's listener and sockets and the two real networks. */
  close(): Promise<void>
}

export async function startRoguePeer(
  options: { readonly heartbeatMs?: number; readonly maxQueuedBytes?: number } = {},
): Promise<RoguePeer> {
  const identities = (await Promise.all([0, 1, 2].map(() => generateTlsIdentity()))) as [
    TlsIdentity,
    TlsIdentity,
    TlsIdentity,
  ]
  const connections = new Map<PartyIndex, RogueConnection>()
  const sockets = new Set<tls.TLSSocket>()
  let pinging = true
  const pingMs = Math.max(10, Math.floor((options.heartbeatMs ?? 5_000) / 3))
  const pinger = setInterval(() => {
    if (!pinging) return
    for (const { socket } of connections.values())
      for (const chunk of encodeWireMessage({ kind: 'ping' })) socket.write(chunk)
  }, pingMs)

  const server = tls.createServer(
    {
      cert: identities[2].certPem,
      key: identities[2].keyPem,
      minVersion: 'TLSv1.3',
      requestCert: true,
      rejectUnauthorized: false,
    },
    (socket) => {
      sockets.add(socket)
      socket.on('error', () => {})
      const raw = socket.getPeerCertificate().raw
      const fingerprint = raw ? fingerprintOfDer(raw) : undefined
      const from = identities.findIndex((identity) => identity.fingerprint === fingerprint)
      if (from !== 0 && from !== 1) {
        socket.destroy()
        return
      }
      const decoder = new WireDecoder(1 << 30)
      const write = (chunks: Uint8Array[]) => {
        for (const chunk of chunks) socket.write(chunk)
      }
      const connection: RogueConnection = {
        socket,
        frames: [],
        send: (frame) => write(encodeWireMessage({ kind: 'data', frame })),
        writeRaw: (bytes) => socket.write(bytes),
      }
      connections.set(from, connection)
      write(encodeWireMessage({ kind: 'hello', version: wireVersion, party: 2 }))
      socket.on('data', (chunk: Buffer) => {
        for (const message of decoder.push(chunk)) {
          if (message.kind !== 'data') continue
          connection.frames.push(message.frame)
          // Party 1 opens a session by sending its seed to party 2; party 0 waits for one from 2.
          if (from === 1 && message.frame.step === setupStep)
            connections.get(0)?.send({
              sessionId: message.frame.sessionId,
              step: setupStep,
              payload: randomBytes(32),
            })
        }
      })
    },
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const roguePort = (server.address() as AddressInfo).port

  const networks: TlsNetwork[] = []
  const closeAll = async () => {
    clearInterval(pinger)
    await Promise.all(networks.map((network) => network.close()))
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  try {
    await connectRealParties()
  } catch (error) {
    await closeAll()
    throw error
  }

  async function connectRealParties(): Promise<void> {
    for (const index of [1, 0] as const) {
      const network = await createTlsNetwork({
        partyIndex: index,
        identity: identities[index],
        listen: { host: '127.0.0.1', port: 0 },
        peers: ([0, 1, 2] as const)
          .filter((peer) => peer !== index)
          .map((peer) => ({
            index: peer,
            host: '127.0.0.1',
            // Party 1 never dials party 0 (the lower index dials), so its port there is unused.
            port: peer === 2 ? roguePort : (networks[peer]?.port ?? 1),
            fingerprint: identities[peer].fingerprint,
          })),
        timeoutMs: 5_000,
        heartbeatMs: options.heartbeatMs,
        maxQueuedBytes: options.maxQueuedBytes,
      })
      networks[index] = network
    }
    await Promise.all(networks.map((network) => network.ready()))
  }

  return {
    networks: [networks[0]!, networks[1]!],
    connection(from) {
      const connection = connections.get(from)
      if (connection === undefined) throw new Error(`party ${from} is not connected to the rogue`)
      return connection
    },
    silence() {
      pinging = false
    },
    close: closeAll,
  }
}
