import { TriadError } from '../../errors/index.ts'
import { nextParty, type PartyIndex, partyIndices, previousParty } from '../sharing/index.ts'
import type { PartyNetwork } from '../transport/index.ts'
import { abortedBy, abortStep, encodeAbort } from './abortMessage.ts'
import type { AesCtrPrf } from './prf.ts'

/**
 * One computation among the three parties. Messages are addressed by the session id and a step
 * number: every protocol takes its step from `nextStep()`, and because all parties run the same
 * program over the same public inputs they advance the counter identically. Step 0 is the session
 * set-up (the exchange of PRF seeds).
 *
 * A session fails as a whole: a lost peer, a timeout or a protocol violation fails every waiting
 * and later operation, and the party tells its peers (an abort message), so all three parties stop
 * promptly with an error that names the cause, never a hang.
 */
export interface Session {
  /** 32 bytes. */
  readonly id: Uint8Array
  readonly partyIndex: PartyIndex
  readonly network: PartyNetwork
  /** The next step number; call it exactly where the other parties call it. */
  nextStep(): number
  /** How many steps this session has used so far (the set-up not counted). */
  readonly stepCount: number
  /**
   * Sends `payload` for `step` to party `to`. A payload in parts is written without joining them
   * and arrives as one. Do not write to the bytes until the promise settles.
   */
  send(to: PartyIndex, step: number, payload: Uint8Array | readonly Uint8Array[]): Promise<void>
  /**
   * The payload party `from` sent for `step`. Rejects with TRIAD_ERR_SESSION_TIMEOUT after the
   * session's timeout (or `options.timeoutMs`), which also aborts the session;
   * TRIAD_ERR_PEER_LOST as soon as any peer is lost; TRIAD_ERR_SESSION_ABORTED when a peer aborts.
   */
  receive(
    from: PartyIndex,
    step: number,
    options?: { readonly timeoutMs?: number },
  ): Promise<Uint8Array>
  /**
   * This party's share α_i of a fresh pseudorandom sharing of zero, without communication:
   * α_i = PRF(k_i) − PRF(k_{i+1}), so α_0 + α_1 + α_2 = 0. All parties must call it with the same
   * lengths in the same order.
   */
  zeroShares(length: number): BigUint64Array
  /**
   * The next `length` elements of the PRF keyed by k_i, which this party (i) shares with party
   * i−1: party i−1 draws the same elements with `nextRandom`. Party i+1 cannot predict them.
   */
  ownRandom(length: number): BigUint64Array
  /** The next `length` elements of the PRF keyed by k_{i+1}, shared with party i+1 (`ownRandom`). */
  nextRandom(length: number): BigUint64Array
  /**
   * Fails the session here with `error` and tells both peers, whose waiting operations then fail
   * with TRIAD_ERR_SESSION_ABORTED. For a protocol that detects a violation, or a caller whose own
   * part failed. Idempotent: the first failure wins.
   */
  abort(error: TriadError): void
  /** Frees the session; waiting receives fail with TRIAD_ERR_SESSION_CLOSED. Idempotent. */
  close(): void
}

interface Waiter {
  readonly resolve: (payload: Uint8Array) => void
  readonly reject: (error: TriadError) => void
  readonly timer: NodeJS.Timeout
}

/** The session's two PRFs: keyed by k_i (from party i−1) and k_{i+1} (sent to party i+1). */
export interface SessionPrfs {
  readonly own: AesCtrPrf
  readonly next: AesCtrPrf
}

/** Step 0 carries the PRF seeds; protocol steps start at 1. */
export const setupStep = 0

/** The last step a protocol may use; the one after it carries aborts. */
const maxStep = abortStep - 1

/** The implementation behind `Session`; created by a SessionMux. */
export class MuxedSession implements Session {
  readonly id: Uint8Array
  readonly partyIndex: PartyIndex
  readonly network: PartyNetwork
  readonly #timeoutMs: number
  readonly #maxBufferedBytes: number
  readonly #onClose: () => void
  readonly #inbox = new Map<number, Uint8Array>()
  readonly #waiters = new Map<number, Waiter>()
  #bufferedBytes = 0
  #step = setupStep + 1
  #failure: TriadError | undefined
  /** Rejects with the failure, so a send stuck behind a stalled peer stops when the session does. */
  readonly #failed: Promise<never>
  #rejectFailed: (error: TriadError) => void = () => {}
  #closed = false
  #prfs: SessionPrfs | undefined

  constructor(parameters: {
    readonly id: Uint8Array
    readonly network: PartyNetwork
    readonly timeoutMs: number
    readonly maxBufferedBytes: number
    readonly onClose: () => void
  }) {
    this.id = parameters.id
    this.network = parameters.network
    this.partyIndex = parameters.network.partyIndex
    this.#timeoutMs = parameters.timeoutMs
    this.#maxBufferedBytes = parameters.maxBufferedBytes
    this.#onClose = parameters.onClose
    this.#failed = new Promise<never>((_, reject) => {
      this.#rejectFailed = reject
    })
    this.#failed.catch(() => {})
  }

  nextStep(): number {
    if (this.#step > maxStep)
      throw new TriadError('TRIAD_ERR_PEER_PROTOCOL', 'The session ran out of step numbers')
    return this.#step++
  }

  get stepCount(): number {
    return this.#step - setupStep - 1
  }

  async send(
    to: PartyIndex,
    step: number,
    payload: Uint8Array | readonly Uint8Array[],
  ): Promise<void> {
    if (this.#failure) throw this.#failure
    await Promise.race([this.network.send(to, { sessionId: this.id, step, payload }), this.#failed])
  }

  receive(
    from: PartyIndex,
    step: number,
    options: { readonly timeoutMs?: number } = {},
  ): Promise<Uint8Array> {
    if (this.#failure) return Promise.reject(this.#failure)
    const key = keyOf(from, step)
    const payload = this.#inbox.get(key)
    if (payload !== undefined) {
      this.#inbox.delete(key)
      this.#bufferedBytes -= payload.length
      return Promise.resolve(payload)
    }
    if (this.#waiters.has(key))
      return Promise.reject(
        new TriadError('TRIAD_ERR_PEER_PROTOCOL', 'Two receives wait for the same message', {
          details: `from party ${from}, step ${step}`,
        }),
      )
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(key)
        const error = new TriadError(
          'TRIAD_ERR_SESSION_TIMEOUT',
          `Party ${from} did not answer in time`,
          {
            details: `party ${this.partyIndex} waited ${timeoutMs} ms for step ${step}`,
            retryable: true,
          },
        )
        reject(error)
        this.abort(error)
      }, timeoutMs)
      this.#waiters.set(key, { resolve, reject, timer })
    })
  }

  zeroShares(length: number): BigUint64Array {
    const own = this.ownRandom(length)
    const next = this.nextRandom(length)
    for (let i = 0; i < length; i++) own[i] = own[i]! - next[i]!
    return own
  }

  ownRandom(length: number): BigUint64Array {
    return this.#setUp().own.next(length)
  }

  nextRandom(length: number): BigUint64Array {
    return this.#setUp().next.next(length)
  }

  #setUp(): SessionPrfs {
    if (this.#failure) throw this.#failure
    if (this.#prfs === undefined)
      throw new TriadError('TRIAD_ERR_SESSION_CLOSED', 'The session is not set up yet')
    return this.#prfs
  }

  abort(error: TriadError): void {
    if (this.#failure) return
    this.fail(error)
    const payload = encodeAbort(error)
    for (const peer of partyIndices)
      if (peer !== this.partyIndex && this.network.isConnected(peer))
        this.network.send(peer, { sessionId: this.id, step: abortStep, payload }).catch(() => {
          // Best effort: a peer that cannot be told is lost, and learns that on its own.
        })
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.fail(new TriadError('TRIAD_ERR_SESSION_CLOSED', 'The session is closed'))
    this.#onClose()
  }

  /** Installs the PRFs once the seeds are exchanged. */
  setPrfs(prfs: SessionPrfs): void {
    this.#prfs = prfs
  }

  /** A frame for this session arrived from `from`. */
  deliver(from: PartyIndex, step: number, payload: Uint8Array): void {
    if (this.#failure) return
    if (step === abortStep) {
      this.fail(abortedBy(from, payload))
      return
    }
    const key = keyOf(from, step)
    const waiter = this.#waiters.get(key)
    if (waiter !== undefined) {
      this.#waiters.delete(key)
      clearTimeout(waiter.timer)
      waiter.resolve(payload)
      return
    }
    if (this.#inbox.has(key)) {
      this.abort(
        new TriadError('TRIAD_ERR_PEER_PROTOCOL', `Party ${from} sent the same step twice`, {
          details: `step ${step}`,
        }),
      )
      return
    }
    if (this.#bufferedBytes + payload.length > this.#maxBufferedBytes) {
      this.abort(
        new TriadError('TRIAD_ERR_PEER_PROTOCOL', `Party ${from} ran too far ahead`, {
          details: `more than ${this.#maxBufferedBytes} bytes buffered for future steps`,
        }),
      )
      return
    }
    this.#inbox.set(key, payload)
    this.#bufferedBytes += payload.length
  }

  /**
   * Fails every waiting and future operation with `error` (the first failure wins), without telling
   * the peers; `abort` tells them.
   */
  fail(error: TriadError): void {
    if (this.#failure) return
    this.#failure = error
    this.#rejectFailed(error)
    for (const waiter of this.#waiters.values()) {
      clearTimeout(waiter.timer)
      waiter.reject(error)
    }
    this.#waiters.clear()
    this.#inbox.clear()
    this.#bufferedBytes = 0
  }

  /** Party i's neighbours, for the set-up. */
  get neighbours(): { readonly next: PartyIndex; readonly previous: PartyIndex } {
    return { next: nextParty(this.partyIndex), previous: previousParty(this.partyIndex) }
  }
}

function keyOf(from: PartyIndex, step: number): number {
  return step * 3 + from
}
