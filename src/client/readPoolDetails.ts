import { type Address, getAbiItem, type Hex } from 'viem'
import { getLogs } from 'viem/actions'
import type { TriadReadClient } from '../chain/createTriadClient.ts'
import { decodeTriadError } from '../chain/decodeTriadError.ts'
import { type Pool, readPool } from '../chain/readPool.ts'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { PoolSchema } from '../protocol/schema/index.ts'
import { poolSchemaFromUri } from '../protocol/schema/poolSchemaUri.ts'
import { knownAlgorithms } from './knownAlgorithms.ts'
import { readOpenPool } from './readOpenPool.ts'

const poolCreatedEvent = getAbiItem({ abi: triadMarketAbi, name: 'PoolCreated' })

/** An algorithm a pool allows: named when this client's library has it. */
export interface PoolAlgorithm {
  readonly id: Hex
  /** Its name in the library, or undefined for an id this client does not know. */
  readonly name: string | undefined
}

/** A pool with its schema read and its allowed algorithms named: what a buyer looks at. */
export interface PoolDetails extends Pool {
  readonly schema: PoolSchema
  readonly algorithms: readonly PoolAlgorithm[]
}

export interface ReadPoolDetailsParameters {
  market: Address
  poolId: bigint
  /** Where the pool's PoolCreated event may be found from: the market's deployment block. */
  fromBlock: bigint
}

/**
 * Reads a pool, its schema (from the `data:` URI on chain, checked against the committed hash)
 * and its allowed algorithms (from its PoolCreated event). Unknown pools throw
 * TRIAD_ERR_POOL_UNKNOWN.
 *
 * @example
 * const pool = await readPoolDetails(client, { market, poolId: 1n, fromBlock: deployBlock })
 * pool.schema.columns.map((column) => column.name) // ['age', 'income', ...]
 */
export async function readPoolDetails(
  client: TriadReadClient,
  parameters: ReadPoolDetailsParameters,
): Promise<PoolDetails> {
  const [pool, allowed] = await Promise.all([
    readOpenPool(client, parameters),
    readAllowedAlgorithms(client, parameters.market, parameters.fromBlock, parameters.poolId),
  ])
  return detailsOf(pool, allowed.get(parameters.poolId) ?? [])
}

/**
 * Every pool of the market with its schema and named algorithms, oldest first.
 *
 * @example
 * const pools = await listPools(client, { market, fromBlock: deployBlock })
 */
export async function listPools(
  client: TriadReadClient,
  parameters: { market: Address; fromBlock: bigint },
): Promise<PoolDetails[]> {
  const allowed = await readAllowedAlgorithms(client, parameters.market, parameters.fromBlock)
  const pools = await Promise.all(
    [...allowed.keys()]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((poolId) => readPool(client, { market: parameters.market, poolId })),
  )
  return pools.map((pool) => detailsOf(pool, allowed.get(pool.poolId) ?? []))
}

function detailsOf(pool: Pool, allowed: readonly Hex[]): PoolDetails {
  const names = new Map(
    knownAlgorithms().map((algorithm) => [algorithm.id.toLowerCase(), algorithm.name]),
  )
  return {
    ...pool,
    schema: poolSchemaFromUri(pool.schemaURI, pool.schemaHash),
    algorithms: allowed.map((id) => ({ id, name: names.get(id.toLowerCase()) })),
  }
}

async function readAllowedAlgorithms(
  client: TriadReadClient,
  market: Address,
  fromBlock: bigint,
  poolId?: bigint,
): Promise<Map<bigint, readonly Hex[]>> {
  try {
    const logs = await getLogs(client, {
      address: market,
      event: poolCreatedEvent,
      ...(poolId === undefined ? {} : { args: { poolId } }),
      fromBlock,
      strict: true,
    })
    return new Map(logs.map((log) => [log.args.poolId, log.args.params.allowedAlgorithms]))
  } catch (error) {
    throw decodeTriadError(error)
  }
}
