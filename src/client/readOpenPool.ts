import type { Address } from 'viem'
import type { TriadReadClient } from '../chain/createTriadClient.ts'
import { type Pool, readPool } from '../chain/readPool.ts'
import { isTriadError, TriadError } from '../errors/index.ts'

/**
 * Reads a pool for a seller or buyer about to use it, with errors that say what to do: an
 * unknown pool (TRIAD_ERR_POOL_UNKNOWN) and, with `mustBeOpen`, a paused or closed one
 * (TRIAD_ERR_POOL_NOT_OPEN).
 *
 * @example
 * const pool = await readOpenPool(client, { market, poolId: 2n, mustBeOpen: true })
 */
export async function readOpenPool(
  client: TriadReadClient,
  parameters: { market: Address; poolId: bigint; mustBeOpen?: boolean },
): Promise<Pool> {
  const { poolId } = parameters
  let pool: Pool
  try {
    pool = await readPool(client, parameters)
  } catch (error) {
    if (isTriadError(error, 'TRIAD_ERR_POOL_UNKNOWN')) {
      throw new TriadError('TRIAD_ERR_POOL_UNKNOWN', `Pool ${poolId} does not exist`, {
        cause: error,
        details: `market ${parameters.market}`,
        hint: 'List the pools with `triad pool list` (listPools in the SDK).',
      })
    }
    throw error
  }
  if (parameters.mustBeOpen && pool.status !== 'open') {
    throw new TriadError('TRIAD_ERR_POOL_NOT_OPEN', `Pool ${poolId} is ${pool.status}`, {
      hint:
        pool.status === 'paused'
          ? 'Its curator paused it: it takes no contributions or jobs until unpaused.'
          : 'A closed pool takes no more contributions or jobs; list the open ones with `triad pool list`.',
    })
  }
  return pool
}
