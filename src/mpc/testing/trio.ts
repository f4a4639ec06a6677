import { randomBytes } from 'node:crypto'
import { createSessionMux, type Session, type SessionMux } from '../session/index.ts'
import type { PartyNetwork } from '../transport/index.ts'

/** Test support: three parties' muxes and sessions over three networks. */
export interface Trio {
  readonly muxes: readonly [SessionMux, SessionMux, SessionMux]
  open(sessionId?: Uint8Array, timeoutMs?: number): Promise<[Session, Session, Session]>
  close(): void
}

export function trioOver(networks: readonly [PartyNetwork, PartyNetwork, PartyNetwork]): Trio {
  const muxes = [
    createSessionMux({ network: networks[0] }),
    createSessionMux({ network: networks[1] }),
    createSessionMux({ network: networks[2] }),
  ] as const
  return {
    muxes,
    async open(sessionId = randomBytes(32), timeoutMs) {
      const [a, b, c] = await Promise.all(muxes.map((mux) => mux.open({ sessionId, timeoutMs })))
      return [a!, b!, c!]
    },
    close() {
      for (const mux of muxes) mux.close()
    },
  }
}
