import { TriadError } from '../../errors/index.ts'
import { ringSub } from '../ring/index.ts'
import { nextParty, type PartyIndex, previousParty } from '../sharing/index.ts'
import type { PartyNetwork } from '../transport/index.ts'
import type { AesCtrPrf } from './prf.ts'

/**
 * One computation among the three parties. Messages are addressed by the session id and a step
 * number: every protocol takes its step from `nextStep()`, and because all parties run the same
 * program over the same public inputs they advance the counter identically. Step 0 is the session
 * set-up (the exchange of PRF seeds).
 */
export interface Session {
  /** 32 bytes. */
  readonly id: Uint8Array
  readonly partyIndex: PartyIndex
  readonly network: PartyNetwork
  /** The next step number; call it exactly where the other parties call it. */
  nextStep(): number
  /** Sends `payload` for `step` to party `to`. */
  send(to: PartyIndex, step: number, payload: Uint8Array): Promise<void>
  /**
   * The payload party `from` sent for `step`. Rejects with TRIAD_ERR_SESSION_TIMEOUT after the
   * session's timeout (or `options.timeoutMs`), TRIAD_ERR_PEER_LOST as soon as any peer is lost.
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

const maxStep = 0xffffffff

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
  }

  nextStep(): number {
    if (this.#step > maxStep)
      throw new TriadError('TRIAD_ERR_PEER_PROTOCOL', 'The session ran out of step numbers')
    return this.#step++
  }

  async send(to: PartyIndex, step: number, payload: Uint8Array): Promise<void> {
    if (this.#failure) throw this.#failure
    await this.network.send(to, { sessionId: this.id, step, payload })
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
        reject(
          new TriadError('TRIAD_ERR_SESSION_TIMEOUT', `Party ${from} did not answer in time`, {
            details: `party ${this.partyIndex} waited ${timeoutMs} ms for step ${step}`,
            retryable: true,
          }),
        )
      }, timeoutMs)
      this.#waiters.set(key, { resolve, reject, timer })
    })
  }

  zeroShares(length: number): BigUint64Array {
    if (this.#failure) throw this.#failure
    if (this.#prfs === undefined)
      throw new TriadError('TRIAD_ERR_SESSION_CLOSED', 'The session is not set up yet')
    const own = this.#prfs.own.next(length)
    return ringSub(own, this.#prfs.next.next(length), own)
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
    const key = keyOf(from, step)
    const waiter = this.#waiters.get(key)
    if (waiter !== undefined) {
      this.#waiters.delete(key)
      clearTimeout(waiter.timer)
      waiter.resolve(payload)
      return
    }
    if (this.#inbox.has(key)) {
      this.fail(
        new TriadError('TRIAD_ERR_PEER_PROTOCOL', `Party ${from} sent the same step twice`, {
          details: `step ${step}`,
        }),
      )
      return
    }
    if (this.#bufferedBytes + payload.length > this.#maxBufferedBytes) {
      this.fail(
        new TriadError('TRIAD_ERR_PEER_PROTOCOL', `Party ${from} ran too far ahead`, {
          details: `more than ${this.#maxBufferedBytes} bytes buffered for future steps`,
        }),
      )
      return
    }
    this.#inbox.set(key, payload)
    this.#bufferedBytes += payload.length
  }

  /** Fails every waiting and future operation with `error` (the first failure wins). */
  fail(error: TriadError): void {
    if (this.#failure) return
    this.#failure = error
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
