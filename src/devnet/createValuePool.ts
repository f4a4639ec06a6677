import type { Hex } from 'viem'
import { algorithmCatalog } from '../algorithms/catalog.ts'
import { createPool } from '../chain/index.ts'
import {
  type PoolSchemaInput,
  parsePoolSchema,
  poolSchemaHash,
  poolSchemaUri,
} from '../protocol/schema/index.ts'
import type { Devnet } from './startDevnet.ts'

export interface CreateValuePoolParameters {
  /** The pool's schema. Default one integer column `value` in [0, max]. */
  schema?: PoolSchemaInput
  /** Upper bound of the default `value` column. Default 1,000,000. */
  max?: number
  /** Price per job in tUSD base units (6 decimals). Default 100 tUSD. */
  price?: bigint
  minContributors?: number
  /** Bounds of a job's deadline, in seconds from its request. Default 60 s to one day. */
  minDeadline?: bigint
  maxDeadline?: bigint
  /** The algorithm ids the pool allows. Default every algorithm of the library. */
  allowedAlgorithms?: readonly Hex[]
}

/** The split of every dev pool's price, in basis points. */
export const devSplit = { sellerBps: 7000, nodeBps: 2000, marketBps: 1000 } as const
export const devPrice = 100_000_000n

/**
 * The dev market's pool: by default one integer column `value` in [0, max] (or the given
 * schema), priced in the devnet's test stablecoin, served by the devnet's committee, every
 * algorithm of the library allowed. Created by the curator account.
 *
 * @example
 * const poolId = await createValuePool(devnet, { minContributors: 3 })
 * const surveyPool = await createValuePool(devnet, { schema: JSON.parse(surveySchemaText) })
 */
export async function createValuePool(
  devnet: Devnet,
  parameters: CreateValuePoolParameters = {},
): Promise<bigint> {
  const schema = parsePoolSchema(
    parameters.schema ?? {
      version: 2,
      columns: [{ name: 'value', type: 'integer', min: 0, max: parameters.max ?? 1_000_000 }],
    },
  )
  const { poolId } = await createPool(devnet.accounts.curator, {
    market: devnet.deployment.market,
    pool: {
      schemaHash: poolSchemaHash(schema),
      schemaURI: poolSchemaUri(schema),
      committeeId: devnet.committeeId,
      token: devnet.deployment.token,
      price: parameters.price ?? devPrice,
      ...devSplit,
      minContributors: parameters.minContributors ?? 3,
      allowedAlgorithms: [...(parameters.allowedAlgorithms ?? algorithmCatalog.keys())],
      minDeadline: parameters.minDeadline ?? 60n,
      maxDeadline: parameters.maxDeadline ?? 86_400n,
    },
  })
  return poolId
}
