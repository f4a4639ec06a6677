import { type Address, getAbiItem, type Hex } from 'viem'
import { getLogs } from 'viem/actions'
import type { JobRequest, TriadReadClient } from '../chain/index.ts'
import { TriadError } from '../errors/index.ts'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'

/** One contribution a job computes over. */
export interface SnapshotContribution {
  /** Its index among the pool's contributions (on chain it is named by pool, seller, commitment). */
  readonly contributionId: bigint
  readonly seller: Address
  readonly rows: bigint
  readonly commitment: Hex
}

const contributedEvent = getAbiItem({ abi: triadMarketAbi, name: 'Contributed' })
const revokedEvent = getAbiItem({ abi: triadMarketAbi, name: 'ContributionRevoked' })

/**
 * The contributions a job uses, in the order they were registered: those of its pool with
 * `joinedAt <= job.sequence < revokedAt`, read from the chain's logs. Cross-checked against the
 * job's on-chain snapshot (rows and distinct sellers), so a node never computes over a set the
 * contract did not charge for.
 */
export async function snapshotContributions(
  client: TriadReadClient,
  parameters: { market: Address; fromBlock: bigint; job: JobRequest },
): Promise<SnapshotContribution[]> {
  const { market, fromBlock, job } = parameters
  const [contributed, revoked] = await Promise.all([
    getLogs(client, {
      address: market,
      event: contributedEvent,
      args: { poolId: job.poolId },
      fromBlock,
      strict: true,
    }),
    getLogs(client, {
      address: market,
      event: revokedEvent,
      args: { poolId: job.poolId },
      fromBlock,
      strict: true,
    }),
  ])
  const revokedAt = new Map(revoked.map((log) => [log.args.index, log.args.revokedAt]))
  const snapshot = contributed
    .filter((log) => {
      const end = revokedAt.get(log.args.index)
      return log.args.joinedAt <= job.sequence && (end === undefined || job.sequence < end)
    })
    .map((log) => ({
      contributionId: log.args.index,
      seller: log.args.seller,
      rows: log.args.rows,
      commitment: log.args.commitment,
    }))
    .sort((a, b) => (a.contributionId < b.contributionId ? -1 : 1))
  const rows = snapshot.reduce((total, contribution) => total + contribution.rows, 0n)
  const sellers = new Set(snapshot.map((contribution) => contribution.seller.toLowerCase())).size
  if (rows !== job.rowsSnapshot || sellers !== job.contributorsSnapshot) {
    throw new TriadError(
      'TRIAD_ERR_JOB_NOT_AUTHORISED',
      `Job ${job.jobId}: the contributions do not match the paid snapshot`,
      {
        details: `logs give ${sellers} sellers / ${rows} rows; the job fixed ${job.contributorsSnapshot} sellers / ${job.rowsSnapshot} rows`,
        hint: 'The RPC endpoint may be lagging or pruned; the bridge retries with a new attempt.',
        retryable: true,
      },
    )
  }
  return snapshot
}
