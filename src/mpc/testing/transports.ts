import type { Session } from '../session/index.ts'
import {
  type PartyIndex,
  type ReplicatedShare,
  reconstructReplicated,
  shareReplicated,
} from '../sharing/index.ts'
import { createMemoryNetworks, type PartyNetwork } from '../transport/index.ts'
import { closeAll, startTlsNetworks } from './tlsNetworks.ts'
import { type Trio, trioOver } from './trio.ts'

/** Test support: a way to connect three parties, so one suite runs over each. */
export interface TestTransport {
  readonly name: 'memory' | 'TLS'
  /** Three connected networks and their session muxes; `close` stops everything. */
  start(): Promise<TestTrio>
}

export interface TestTrio extends Trio {
  readonly networks: readonly [PartyNetwork, PartyNetwork, PartyNetwork]
  /** Closes the muxes and the networks. */
  stop(): Promise<void>
}

/** The in-memory transport and real mutual TLS on 127.0.0.1. */
export const testTransports: readonly TestTransport[] = [
  {
    name: 'memory',
    async start() {
      const networks = createMemoryNetworks()
      return withTrio(networks)
    },
  },
  {
    name: 'TLS',
    async start() {
      const networks = await startTlsNetworks()
      await Promise.all(networks.map((network) => network.ready()))
      return withTrio(networks)
    },
  },
]

function withTrio(networks: readonly [PartyNetwork, PartyNetwork, PartyNetwork]): TestTrio {
  const trio = trioOver(networks)
  return {
    ...trio,
    networks,
    async stop() {
      trio.close()
      await closeAll(networks)
    },
  }
}

/** Runs `program` on the three parties' sessions at once and returns the three results. */
export async function onAll<T>(
  sessions: readonly [Session, Session, Session],
  program: (session: Session, party: PartyIndex) => Promise<T> | T,
): Promise<[T, T, T]> {
  const [a, b, c] = await Promise.all(
    sessions.map((session) => program(session, session.partyIndex)),
  )
  return [a!, b!, c!]
}

/** Shares plaintext `values` as a dealer would, for tests. */
export function deal(
  values: BigUint64Array,
): readonly [ReplicatedShare, ReplicatedShare, ReplicatedShare] {
  return shareReplicated(values)
}

/** Reconstructs the three parties' shares (checking that the copies agree). */
export function open(shares: readonly ReplicatedShare[]): BigUint64Array {
  return reconstructReplicated([shares[0]!, shares[1]!, shares[2]!])
}
