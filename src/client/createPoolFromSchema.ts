import type { Address, Hash, Hex } from 'viem'
import { createPool } from '../chain/createPool.ts'
import type { TriadClient } from '../chain/createTriadClient.ts'
import { TriadError } from '../errors/index.ts'
import { poolSchemaHash } from '../protocol/schema/canonicalSchema.ts'
import type { PoolSchema, PoolSchemaInput } from '../protocol/schema/index.ts'
import { parsePoolSchema } from '../protocol/schema/parsePoolSchema.ts'
import { poolSchemaUri } from '../protocol/schema/poolSchemaUri.ts'
import { findKnownAlgorithm } from './knownAlgorithms.ts'

export interface CreatePoolFromSchemaParameters {
  market: Address
  /** The schema: a parsed object or the text of a schema file (`docs/data.md`). */
  schema: PoolSchemaInput | string
  /** Where `schema` came from, named in errors (a file path). */
  source?: string
  committeeId: bigint
  /** The ERC-20 token jobs are paid in. */
  token: Address
  /** The price of one job, in token base units. */
  price: bigint
  /** The split of every price, in basis points summing to 10000. */
  split: { sellerBps: number; nodeBps: number; marketBps: number }
  /** The algorithms buyers may run, by name (`sum`) or id. */
  algorithms: readonly string[]
  /** The fewest distinct sellers a job needs. Default 3. */
  minContributors?: number
  /** How many nodes must sign a result. Default every node. */
  threshold?: number
  /** Bounds of a job's deadline, in seconds from its request. Default 60 s to one day. */
  minDeadline?: bigint
  maxDeadline?: bigint
}

export interface CreatePoolFromSchemaReturnType {
  poolId: bigint
  schema: PoolSchema
  schemaHash: Hex
  algorithmIds: readonly Hex[]
  hash: Hash
  gasUsed: bigint
}

/**
 * A curator's pool from a schema file: the schema validated (every problem named by field),
 * committed on chain by its hash with a self-contained `data:` URI, the algorithms named, and the
 * pool created with its price, split and policy. The caller becomes the pool's curator (it may
 * pause and close it).
 *
 * @throws TriadError TRIAD_ERR_SCHEMA_INVALID, TRIAD_ERR_ALGORITHM_UNKNOWN, or the contract's
 * refusal (a split outside the market's bounds, a retired committee).
 * @example
 * const { poolId } = await createPoolFromSchema(curator, {
 *   market, schema: readFileSync('examples/survey.schema.json', 'utf8'), committeeId: 1n, token,
 *   price: 5_000_000n, split: { sellerBps: 7000, nodeBps: 2000, marketBps: 1000 }, algorithms: ['sum'],
 * })
 */
export async function createPoolFromSchema(
  client: TriadClient,
  parameters: CreatePoolFromSchemaParameters,
): Promise<CreatePoolFromSchemaReturnType> {
  let input: unknown = parameters.schema
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input)
    } catch (error) {
      throw new TriadError(
        'TRIAD_ERR_SCHEMA_INVALID',
        `${parameters.source ?? 'The schema'} is not JSON`,
        {
          details: (error as Error).message,
          hint: 'A schema is { "version": 2, "columns": [...] }; docs/data.md describes each column type.',
        },
      )
    }
  }
  const schema = parsePoolSchema(input, parameters.source)
  const algorithmIds = parameters.algorithms.map((name) => findKnownAlgorithm(name).id)
  const schemaHash = poolSchemaHash(schema)
  const { poolId, hash, gasUsed } = await createPool(client, {
    market: parameters.market,
    pool: {
      schemaHash,
      schemaURI: poolSchemaUri(schema),
      committeeId: parameters.committeeId,
      token: parameters.token,
      price: parameters.price,
      ...parameters.split,
      minContributors: parameters.minContributors ?? 3,
      threshold: parameters.threshold ?? 0,
      allowedAlgorithms: algorithmIds,
      minDeadline: parameters.minDeadline ?? 60n,
      maxDeadline: parameters.maxDeadline ?? 86_400n,
    },
  })
  return { poolId, schema, schemaHash, algorithmIds, hash, gasUsed }
}
