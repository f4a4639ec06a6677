import https from 'node:https'
import type { Duplex } from 'node:stream'
import tls from 'node:tls'
import type { Hex } from 'viem'
import { TriadError } from '../errors/index.ts'
import { fingerprintOfDer } from '../mpc/transport/identity.ts'

/**
 * An HTTPS agent that trusts exactly one certificate: the one whose SHA-256 fingerprint (of its
 * DER) is pinned, as the committee registers each node's on chain. No CA is consulted and the
 * host name is not checked: a node's certificate is self-signed and its identity is the
 * fingerprint. The check runs after the TLS handshake and before the agent hands the socket to
 * the request, so not one byte of a request goes to a server with another certificate.
 *
 * Keeps connections alive (idle sockets do not hold the process open). Use one agent per node
 * and `destroy()` it when done.
 *
 * @example
 * const agent = new PinnedAgent(node.tlsFingerprint)
 * const response = await fetchPinned(`${node.apiUrl}/healthz`, { agent })
 * agent.destroy()
 */
export class PinnedAgent extends https.Agent {
  readonly fingerprint: Hex

  constructor(fingerprint: Hex) {
    // No TLS session cache: a resumed session would skip the handshake the pin is checked on.
    super({ keepAlive: true, maxCachedSessions: 0 })
    this.fingerprint = fingerprint.toLowerCase() as Hex
  }

  override createConnection(
    requestOptions: https.RequestOptions,
    callback?: (error: Error | null, socket: Duplex) => void,
  ): Duplex | undefined {
    const options = requestOptions as tls.ConnectionOptions
    const done = once(callback ?? (() => {}))
    const socket = tls.connect({ ...options, rejectUnauthorized: false })
    socket.once('secureConnect', () => {
      const raw = socket.getPeerCertificate()?.raw
      const presented = raw ? fingerprintOfDer(raw) : undefined
      if (presented !== this.fingerprint) {
        socket.destroy()
        done(
          new TriadError(
            'TRIAD_ERR_TLS_PIN_MISMATCH',
            `${options.host}:${options.port} presented a certificate other than the pinned one`,
            {
              details: `presented ${presented ?? 'no certificate'}, pinned ${this.fingerprint}`,
              hint: 'The committee on chain pins each node’s TLS certificate: the node runs with another key file, or the address leads elsewhere.',
            },
          ),
          socket,
        )
        return
      }
      done(null, socket)
    })
    socket.once('error', (error) => done(error, socket))
    return undefined
  }
}

function once<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  let called = false
  return (...args) => {
    if (called) return
    called = true
    fn(...args)
  }
}
