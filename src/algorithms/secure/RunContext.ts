import type { Session } from '../../mpc/index.ts'
import type { TableShares } from '../../table/index.ts'
import type { PublicContext } from '../definition/AlgorithmDefinition.ts'
import type { SecureRelease } from './releaseToBuyer.ts'

/** What the secure half of an algorithm runs with at one party: the job's public context, the session and this party's shares of the table. */
export interface RunContext<P> extends PublicContext<P> {
  readonly session: Session
  readonly table: TableShares
}

/**
 * The secure half of an algorithm: computes, at one party, the blocks it releases. The guards,
 * the noise and the reveal to the buyer follow (`releaseToBuyer`), the same for every algorithm.
 */
export type AlgorithmRun<P> = (context: RunContext<P>) => Promise<SecureRelease>
