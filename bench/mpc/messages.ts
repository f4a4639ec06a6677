import type { Hex } from 'viem'
import type { PartyIndex, TlsIdentity } from '../../src/mpc/index.ts'

/** What the bench coordinator tells a party process (over the fork IPC channel). */
export type ToParty =
  | {
      readonly kind: 'start'
      readonly partyIndex: PartyIndex
      readonly identity: TlsIdentity
      /** Ports of the peers with a higher index (the ones this party dials). */
      readonly peers: readonly {
        readonly index: PartyIndex
        readonly port: number
        readonly fingerprint: Hex
      }[]
    }
  | { readonly kind: 'ready' }
  | {
      readonly kind: 'run'
      readonly caseName: string
      readonly batch: number
      readonly calls: number
      /** Hex of the 32-byte session id, the same on all parties. */
      readonly sessionId: Hex
      /** Untimed calls before the timed ones. */
      readonly warmup: number
    }
  | { readonly kind: 'exit' }

/** What a party process reports. */
export type FromParty =
  | { readonly kind: 'listening'; readonly port: number }
  | { readonly kind: 'ready' }
  | { readonly kind: 'progress'; readonly done: number }
  | {
      readonly kind: 'result'
      readonly elapsedMs: number
      /** CPU time of the party process (user + system) during the timed calls. */
      readonly cpuMs: number
      readonly payloadBytesSent: number
      readonly framesSent: number
      readonly steps: number
    }
  | { readonly kind: 'failed'; readonly code: string | undefined; readonly message: string }
