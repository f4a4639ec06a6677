import { TriadError } from '../errors/index.ts'
import type { ChainIndex, IndexedJobRequest, SnapshotContribution } from './ChainIndex.ts'

export type { SnapshotContribution } from './ChainIndex.ts'

/**
 * The contributions a job uses, in the order they were registered: those of its pool with
 * `joinedAt <= job.sequence < revokedAt`, from the node's chain index. Cross-checked against the
 * job's on-chain snapshot (rows and distinct sellers), so a node never computes over a set the
 * contract did not charge for.
 *
 * @example
 * const snapshot = snapshotContributions(store.index, job)
 */
export function snapshotContributions(
  index: ChainIndex,
  job: IndexedJobRequest,
): SnapshotContribution[] {
  const snapshot = index.snapshot(job.poolId, job.sequence)
  const rows = snapshot.reduce((total, contribution) => total + contribution.rows, 0n)
  const sellers = new Set(snapshot.map((contribution) => contribution.seller.toLowerCase())).size
  if (rows !== job.rowsSnapshot || sellers !== job.contributorsSnapshot) {
    throw new TriadError(
      'TRIAD_ERR_JOB_NOT_AUTHORISED',
      `Job ${job.jobId}: the contributions do not match the paid snapshot`,
      {
        details: `the index gives ${sellers} sellers / ${rows} rows; the job fixed ${job.contributorsSnapshot} sellers / ${job.rowsSnapshot} rows`,
        hint: 'The node’s chain index may be rolling back a reorganisation; the bridge retries with a new attempt.',
        retryable: true,
      },
    )
  }
  return snapshot
}
