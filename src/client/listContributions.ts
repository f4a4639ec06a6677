import { type Address, getAbiItem, type Hash, type Hex } from 'viem'
import { getLogs } from 'viem/actions'
import type { TriadReadClient } from '../chain/createTriadClient.ts'
import { decodeTriadError } from '../chain/decodeTriadError.ts'
import { notRevoked, readContribution } from '../chain/readContribution.ts'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'

const contributedEvent = getAbiItem({ abi: triadMarketAbi, name: 'Contributed' })

/** One of a seller's contributions, with what it has earned and not yet claimed. */
export interface SellerContribution {
  readonly poolId: bigint
  /** Its position among the pool's contributions. */
  readonly index: bigint
  /** Its name on chain, with pool and seller. */
  readonly commitment: Hex
  readonly rows: bigint
  /** The first job (by the pool's sequence) that uses it. */
  readonly joinedAt: bigint
  /** The first job that no longer uses it, once revoked. */
  readonly revokedAt: bigint | undefined
  readonly active: boolean
  /** What a claim would credit now, in the pool's token base units. */
  readonly claimable: bigint
  readonly transactionHash: Hash
  readonly blockNumber: bigint
}

export interface ListContributionsParameters {
  market: Address
  /** Whose contributions; default the client's account. */
  seller?: Address
  /** Only this pool's. */
  poolId?: bigint
  /** Where to look for them from: the market's deployment block. */
  fromBlock: bigint
}

/**
 * A seller's contributions, oldest first, each with its state (active or revoked) and what it
 * has earned and not yet claimed.
 *
 * @example
 * const contributions = await listContributions(seller, { market, fromBlock: deployBlock })
 * const unclaimed = contributions.reduce((total, c) => total + c.claimable, 0n)
 */
export async function listContributions(
  client: TriadReadClient,
  parameters: ListContributionsParameters,
): Promise<SellerContribution[]> {
  const seller = parameters.seller ?? client.account?.address
  if (!seller) throw new TypeError('listContributions needs a seller or a client with an account')
  let logs: Awaited<ReturnType<typeof readLogs>>
  try {
    logs = await readLogs(
      client,
      parameters.market,
      seller,
      parameters.fromBlock,
      parameters.poolId,
    )
  } catch (error) {
    throw decodeTriadError(error)
  }
  return Promise.all(
    logs.map(async (log) => {
      const { poolId, commitment } = log.args
      const stored = await readContribution(client, {
        market: parameters.market,
        poolId,
        seller,
        commitment,
      })
      const revoked = stored.revokedAt !== notRevoked
      return {
        poolId,
        index: stored.index,
        commitment,
        rows: stored.rows,
        joinedAt: stored.joinedAt,
        revokedAt: revoked ? stored.revokedAt : undefined,
        active: !revoked,
        claimable: stored.claimable,
        transactionHash: log.transactionHash,
        blockNumber: log.blockNumber,
      }
    }),
  )
}

function readLogs(
  client: TriadReadClient,
  market: Address,
  seller: Address,
  fromBlock: bigint,
  poolId: bigint | undefined,
) {
  return getLogs(client, {
    address: market,
    event: contributedEvent,
    args: poolId === undefined ? { seller } : { poolId, seller },
    fromBlock,
    strict: true,
  })
}
