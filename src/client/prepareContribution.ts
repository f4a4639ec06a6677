import { readCommittee, readPool, type TriadClient } from '../chain/index.ts'
import { encodeSigned } from '../mpc/ring/index.ts'
import { shareReplicated } from '../mpc/sharing/index.ts'
import type { MarketRef } from '../protocol/contexts.ts'
import { poolSchemaFromUri, validateColumnValues } from '../protocol/poolSchema.ts'
import { type PreparedContribution, sealContribution } from './sealContribution.ts'

export type { PreparedContribution } from './sealContribution.ts'

export interface PrepareContributionParameters {
  market: MarketRef
  poolId: bigint
  /** The column the values belong to. */
  column: string
  values: readonly bigint[]
}

/**
 * Everything a contribution needs before it touches the network: the values validated against
 * the pool's schema (from the chain, checked against its hash), split into 3-party replicated
 * shares over Z_2^64, then sealed, committed to and signed (`sealContribution`).
 *
 * @example
 * const prepared = await prepareContribution(seller, { market, poolId: 1n, column: 'value', values })
 */
export async function prepareContribution(
  client: TriadClient,
  parameters: PrepareContributionParameters,
): Promise<PreparedContribution> {
  const { market, poolId, values } = parameters
  const pool = await readPool(client, { market: market.market, poolId })
  const schema = poolSchemaFromUri(pool.schemaURI, pool.schemaHash)
  validateColumnValues(schema, parameters.column, values)
  const nodes = await readCommittee(client, {
    market: market.market,
    committeeId: pool.committeeId,
  })
  const shares = shareReplicated(encodeSigned(values))
  return sealContribution(client, { market, poolId, nodes, shares })
}
