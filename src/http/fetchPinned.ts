import http from 'node:http'
import https from 'node:https'
import type { Hex } from 'viem'
import { TriadError } from '../errors/index.ts'
import { PinnedAgent } from './PinnedAgent.ts'

export interface FetchPinnedInit {
  readonly method?: 'GET' | 'POST'
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string | Uint8Array
  /** The agent for an `https:` URL, reused across calls (keep-alive). */
  readonly agent?: PinnedAgent
  /** Or the fingerprint to pin for this one call (a fresh agent, destroyed after). */
  readonly fingerprint?: Hex
  /** Gives up after this long, in ms (default 30 000). */
  readonly timeoutMs?: number
  /** Gives up at once when this aborts (a service shutting down). */
  readonly signal?: AbortSignal
}

/**
 * `fetch` for a Triad node's API: an `https:` URL is reached only if the server presents the
 * certificate whose fingerprint the committee pins on chain (`PinnedAgent`); an `http:` URL
 * (a dev node started with `api.insecurePlainHttp`) is plain HTTP. Returns a standard
 * `Response`. Node 20's global `fetch` cannot pin a certificate without the `undici` package,
 * so this goes through `node:https`.
 *
 * Throws `TRIAD_ERR_TLS_PIN_MISMATCH` when the server presents another certificate (nothing
 * was sent), `TRIAD_ERR_USAGE` for an `https:` URL without a pin, and the socket's error when the
 * server cannot be reached or does not answer in time.
 *
 * @example
 * const response = await fetchPinned(`${node.apiUrl}/v1/uploads`, {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify(upload),
 *   fingerprint: node.tlsFingerprint,
 * })
 */
export async function fetchPinned(url: string, init: FetchPinnedInit = {}): Promise<Response> {
  const target = new URL(url)
  let agent: http.Agent | undefined
  let ownAgent: PinnedAgent | undefined
  if (target.protocol === 'https:') {
    if (!init.agent && !init.fingerprint) {
      throw new TriadError('TRIAD_ERR_USAGE', `No certificate fingerprint to pin for ${url}`, {
        hint: "Pass the node's tlsFingerprint from its committee on chain.",
      })
    }
    ownAgent = init.agent ? undefined : new PinnedAgent(init.fingerprint!)
    agent = init.agent ?? ownAgent
  } else if (target.protocol !== 'http:') {
    throw new TriadError('TRIAD_ERR_USAGE', `${url} is not an http(s) URL`)
  }
  const request = target.protocol === 'https:' ? https.request : http.request
  const timeoutMs = init.timeoutMs ?? 30_000
  const body = init.body === undefined ? undefined : Buffer.from(init.body)
  try {
    return await new Promise<Response>((resolve, reject) => {
      const outgoing = request(
        target,
        {
          method: init.method ?? 'GET',
          agent,
          headers: {
            ...init.headers,
            ...(body ? { 'content-length': String(body.byteLength) } : {}),
          },
        },
        (incoming) => {
          const chunks: Buffer[] = []
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
          incoming.on('error', reject)
          incoming.on('end', () => {
            clearTimeout(timer)
            const status = incoming.statusCode ?? 502
            const headers = new Headers()
            for (const [name, value] of Object.entries(incoming.headers)) {
              if (typeof value === 'string') headers.set(name, value)
              else if (Array.isArray(value)) for (const item of value) headers.append(name, item)
            }
            const empty = status === 204 || status === 304
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers }))
          })
        },
      )
      const timer = setTimeout(() => {
        outgoing.destroy(new Error(`no answer from ${target.origin} within ${timeoutMs} ms`))
      }, timeoutMs)
      const abort = () => outgoing.destroy(new Error(`request to ${target.origin} aborted`))
      if (init.signal?.aborted) abort()
      init.signal?.addEventListener('abort', abort, { once: true })
      outgoing.on('close', () => init.signal?.removeEventListener('abort', abort))
      outgoing.on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      outgoing.end(body)
    })
  } finally {
    ownAgent?.destroy()
  }
}
