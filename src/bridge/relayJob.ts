import type { Logger } from 'pino'
import type { Address } from 'viem'
import { sleep } from '../async/sleep.ts'
import {
  readCommittee,
  readJob,
  readMarketTime,
  readPool,
  refundJob,
  submitResult,
  type TriadClient,
} from '../chain/index.ts'
import type { NodeApiClient, NodeJobReport } from '../client/nodeApiClient.ts'
import { isTriadError } from '../errors/index.ts'
import type { BridgeMetrics } from './BridgeMetrics.ts'
import type { BridgeJob, BridgeStore } from './store.ts'

export interface RelayContext {
  readonly client: TriadClient
  readonly market: Address
  readonly store: BridgeStore
  readonly logger: Logger
  readonly pollIntervalMs: number
  readonly shutdown: AbortSignal
  /** The nodes' APIs, over HTTPS pinned to the certificates the committee registers. */
  readonly nodeApi: NodeApiClient
  readonly metrics: BridgeMetrics
}

type Done = Extract<NodeJobReport, { status: 'done' }>

/**
 * Carries one job from request to settlement or refund. It hands the job's current attempt to
 * the three nodes of its pool's committee, waits until each has sealed and signed its share,
 * and submits the three, which always come from one attempt, in one transaction.
 *
 * - A node that reports the attempt failed for a retryable reason (a peer lost, the RPC lagging)
 *   makes the bridge start the next attempt with all three (with backoff; the attempt number is
 *   saved, so a restarted bridge goes on from it).
 * - A node that refuses for good (the job is not pending, a seller dealt bad shares) moves the
 *   job to `refused`: nobody computes it again, and it is refunded at its deadline.
 * - A node that does not answer is asked again about the same attempt.
 * - The job's state on chain is read every round: a job settled or refunded by someone else is
 *   recorded as such, never submitted twice.
 * - Past the deadline the bridge refunds the job, so the buyer is never left hanging.
 */
export async function relayJob(context: RelayContext, job: BridgeJob): Promise<void> {
  const { store, market } = context
  const started = performance.now()
  let log = context.logger.child({ jobId: job.jobId.toString(), attempt: job.attempt })
  const pool = await readPool(context.client, { market, poolId: job.poolId })
  const nodes = await readCommittee(context.client, { market, committeeId: pool.committeeId })
  let attempt = job.attempt
  let refused = job.status === 'refused' ? (job.reason ?? 'refused') : undefined
  let reports: NodeJobReport[] = nodes.map(() => ({ status: 'unknown' }))
  if (!refused) store.setStatus(job.jobId, 'computing', { attempt })

  while (!context.shutdown.aborted) {
    const onChain = await readJob(context.client, { market, jobId: job.jobId })
    if (onChain.state !== 'pending') {
      store.setStatus(job.jobId, onChain.state === 'delivered' ? 'settled' : 'refunded', {
        reason: 'settled on chain by another submitter',
      })
      return
    }
    if ((await readMarketTime(context.client)) > job.deadline) {
      if (await refundExpired(context, job, log)) return
      await sleep(context.pollIntervalMs, context.shutdown)
      continue
    }
    if (refused) {
      await sleep(context.pollIntervalMs * 4, context.shutdown)
      continue
    }

    await Promise.all(
      nodes.map(async (node, index) => {
        const report = reports[index]
        if (report?.status === 'done' || report?.status === 'failed') return
        try {
          if (report?.status !== 'computing') {
            await context.nodeApi.handOverJob(node, job.jobId, attempt)
          }
          reports[index] = await context.nodeApi.fetchJobReport(node, job.jobId, attempt)
        } catch (error) {
          const reason = `node ${index}: ${error instanceof Error ? error.message : String(error)}`
          if (isTriadError(error) && !error.retryable) {
            reports[index] = { status: 'failed', error: reason, retryable: false }
          } else {
            // Unreachable is not failed: keep asking about the same attempt until it answers.
            store.setStatus(job.jobId, 'computing', { attempt, reason })
            reports[index] = { status: 'unknown' }
          }
        }
      }),
    )
    if (reports.every((report) => report.status === 'done')) {
      await submit(context, job, attempt, reports as Done[], log)
      context.metrics.jobDuration.observe((performance.now() - started) / 1_000)
      return
    }
    const failures = reports.flatMap((report, index) =>
      report.status === 'failed' ? [{ index, ...report }] : [],
    )
    const final = failures.find((failure) => !failure.retryable)
    if (final) {
      refused = final.error
      store.setStatus(job.jobId, 'refused', { attempt, reason: refused })
      log.warn(
        { reason: refused },
        'the committee refuses the job; it will be refunded at its deadline',
      )
      continue
    }
    if (failures.length > 0) {
      // The attempt is lost for all: its shares would not combine with another attempt's.
      attempt += 1
      context.metrics.attemptsRetried.inc()
      reports = nodes.map(() => ({ status: 'unknown' }))
      const reason = failures.map((failure) => `node ${failure.index}: ${failure.error}`).join('; ')
      store.setStatus(job.jobId, 'computing', { attempt, reason })
      const backoff = Math.min(30_000, 250 * 2 ** attempt)
      log.warn({ reason, nextAttempt: attempt, backoffMs: backoff }, 'attempt failed')
      log = context.logger.child({ jobId: job.jobId.toString(), attempt })
      await sleep(backoff, context.shutdown)
      continue
    }
    await sleep(context.pollIntervalMs, context.shutdown)
  }
}

async function submit(
  context: RelayContext,
  job: BridgeJob,
  attempt: number,
  done: readonly Done[],
  log: Logger,
): Promise<void> {
  context.store.setStatus(job.jobId, 'submitted', { attempt })
  try {
    const { hash, gasUsed } = await submitResult(context.client, {
      market: context.market,
      jobId: job.jobId,
      attempt,
      sealedShares: done.map((report) => report.sealedShare),
      signatures: done.map((report) => report.signature),
    })
    context.store.setStatus(job.jobId, 'settled', { txHash: hash, attempt })
    context.metrics.submissions.inc({ outcome: 'settled' })
    context.metrics.gasUsed.inc({ tx: 'submitResult' }, Number(gasUsed))
    log.info({ tx: hash, gasUsed: gasUsed.toString() }, 'result submitted, job settled')
  } catch (error) {
    if (isTriadError(error, 'TRIAD_ERR_JOB_NOT_PENDING')) {
      context.store.setStatus(job.jobId, 'settled', { reason: 'settled by another submitter' })
      context.metrics.submissions.inc({ outcome: 'lost_race' })
      log.info('job already settled by another submitter')
      return
    }
    throw error
  }
}

/**
 * A job past its deadline without a result: refund it. Anyone may call refund; if someone else
 * already did, or settled it, that is recorded instead. Returns false when the chain's clock
 * has not reached the deadline yet (try again later).
 */
async function refundExpired(context: RelayContext, job: BridgeJob, log: Logger): Promise<boolean> {
  try {
    const { hash, amount } = await refundJob(context.client, {
      market: context.market,
      jobId: job.jobId,
    })
    context.store.setStatus(job.jobId, 'refunded', {
      txHash: hash,
      reason:
        'The deadline passed before the committee delivered; the price was credited back to the buyer.',
    })
    context.metrics.refunds.inc()
    log.warn({ tx: hash, amount: amount.toString() }, 'deadline passed; job refunded to the buyer')
    return true
  } catch (error) {
    if (isTriadError(error, 'TRIAD_ERR_JOB_NOT_EXPIRED')) return false
    if (isTriadError(error, 'TRIAD_ERR_JOB_NOT_PENDING')) {
      const onChain = await readJob(context.client, { market: context.market, jobId: job.jobId })
      context.store.setStatus(job.jobId, onChain.state === 'delivered' ? 'settled' : 'refunded', {
        reason: 'settled or refunded by someone else',
      })
      return true
    }
    throw error
  }
}
