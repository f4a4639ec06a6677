import type { Logger } from 'pino'
import { type Address, type Hex, TransactionReceiptNotFoundError } from 'viem'
import { getTransactionReceipt } from 'viem/actions'
import { sleep } from '../async/sleep.ts'
import { readJob, seatBitmap, type TriadClient } from '../chain/index.ts'
import type { NodeApiClient, NodeJobReport } from '../client/nodeApiClient.ts'
import { isTriadError } from '../errors/index.ts'
import type { BridgeMetrics } from './BridgeMetrics.ts'
import type { CommitteeDirectory } from './createCommitteeDirectory.ts'
import type { BridgeJob, BridgeStore } from './store.ts'
import type { OutboxCall, TransactionOutbox } from './TransactionOutbox.ts'

export interface RelayContext {
  readonly client: TriadClient
  readonly market: Address
  readonly store: BridgeStore
  readonly logger: Logger
  readonly pollIntervalMs: number
  readonly shutdown: AbortSignal
  /** The nodes' APIs, over HTTPS pinned to the certificates the committee registers. */
  readonly nodeApi: NodeApiClient
  readonly committees: CommitteeDirectory
  /** The bridge's transactions: managed nonces, fee bumps, one send per key. */
  readonly outbox: TransactionOutbox
  /** The chain's time (latest block timestamp), refreshed by the bridge's scheduler. */
  readonly chainTime: () => bigint | undefined
  readonly metrics: BridgeMetrics
}

type Done = Extract<NodeJobReport, { status: 'done' }>

/** How long a node may hold a report request open while the attempt computes. */
const REPORT_WAIT_MS = 5_000
/** How long the relay waits for the rest of the committee once a node refused for good. */
const REFUSAL_WAIT_MS = 30_000

/**
 * Carries one job from its request to a sent settlement or refund. It hands the job's current
 * attempt to the three nodes of its pool's committee, waits (long-polling) until each has sealed
 * and signed its share, and submits the three, which always come from one attempt, in one
 * transaction through the outbox (key `submit:<job>:<attempt>`: never twice).
 *
 * - A node that reports the attempt failed for a retryable reason (a peer lost, its chain index
 *   behind, busy) makes the bridge start the next attempt with all three (with backoff; the
 *   attempt number is saved, so a restarted bridge goes on from it).
 * - Nodes that refuse for good (a seller dealt bad shares, the node lost its shares) sign a
 *   refusal: with the pool's threshold of them the bridge sends `refuseJob`, which refunds the
 *   buyer at once; otherwise the job is `refused` and refunded at its deadline.
 * - A node that does not answer is asked again about the same attempt.
 * - The job's state comes from the chain watcher (the store): a job settled or refunded by
 *   someone else, or dropped by a reorganisation, ends the relay; a submission that loses the
 *   race is refused at gas estimation and costs nothing.
 * - Past the deadline the bridge refunds the job, so the buyer is never left hanging.
 *
 * Returns once a transaction was mined (the watcher then records the outcome), the job ended,
 * or the job is refused and waits for its deadline; the bridge's scheduler calls it again for a
 * job still open later.
 */
export async function relayJob(context: RelayContext, job: BridgeJob): Promise<void> {
  const { store } = context
  let log = context.logger.child({ jobId: job.jobId.toString(), attempt: job.attempt })
  const started = performance.now()
  if (job.status === 'submitted' && (await submittedStillStands(context, job, log))) return
  const { nodes, threshold } = await context.committees.of(job.poolId)
  let attempt = job.attempt
  let reports: NodeJobReport[] = nodes.map(() => ({ status: 'unknown' }))
  let refusedAt: number | undefined
  if (job.status !== 'refused') store.setStatus(job.jobId, 'computing', { attempt })

  while (!context.shutdown.aborted) {
    const current = store.job(job.jobId)
    if (!current || ['settled', 'refunded', 'dropped'].includes(current.status)) return
    const now = context.chainTime()
    if (now !== undefined && now > job.deadline) {
      await refundExpired(context, job, log)
      return
    }
    if (current.status === 'refused' && refusedAt === undefined) {
      // Refused earlier (by this process or before a restart): try the signed refusal again.
      reports = await Promise.all(
        nodes.map((node) =>
          context.nodeApi
            .fetchJobReport(node, job.jobId, attempt)
            .catch((): NodeJobReport => ({ status: 'unknown' })),
        ),
      )
      await submitRefusal(context, job, attempt, reports, threshold, log)
      return
    }

    await Promise.all(
      nodes.map(async (node, index) => {
        const report = reports[index]
        if (report?.status === 'done' || report?.status === 'failed') return
        try {
          if (report?.status !== 'computing') {
            await context.nodeApi.handOverJob(node, job.jobId, attempt)
          }
          reports[index] = await context.nodeApi.fetchJobReport(node, job.jobId, attempt, {
            waitMs: REPORT_WAIT_MS,
          })
        } catch (error) {
          const reason = `node ${index}: ${error instanceof Error ? error.message : String(error)}`
          if (isTriadError(error) && !error.retryable) {
            reports[index] = { status: 'failed', error: reason, retryable: false }
          } else {
            // Unreachable or busy is not failed: ask again about the same attempt.
            store.setStatus(job.jobId, 'computing', { attempt, reason })
            reports[index] = { status: 'unknown' }
          }
        }
      }),
    )
    if (reports.every((report) => report.status === 'done')) {
      const outcome = await submit(context, job, attempt, reports as Done[], log)
      if (outcome === 'sent') {
        context.metrics.jobDuration.observe((performance.now() - started) / 1_000)
      }
      if (outcome !== 'resend') return
      continue
    }
    const failures = reports.flatMap((report, index) =>
      report.status === 'failed' ? [{ index, ...report }] : [],
    )
    const final = failures.find((failure) => !failure.retryable)
    if (final) {
      if (refusedAt === undefined) {
        refusedAt = Date.now()
        store.setStatus(job.jobId, 'refused', {
          attempt,
          reason: `node ${final.index}: ${final.error}`,
        })
        log.warn({ reason: final.error }, 'the committee refuses the job')
      }
      const settled = reports.every(
        (report) => report.status === 'done' || report.status === 'failed',
      )
      if (settled || Date.now() - refusedAt > REFUSAL_WAIT_MS) {
        await submitRefusal(context, job, attempt, reports, threshold, log)
        return
      }
      await sleep(context.pollIntervalMs, context.shutdown)
      continue
    }
    if (failures.length > 0) {
      // The attempt is lost for all: its shares would not combine with another attempt's.
      attempt += 1
      context.metrics.attemptsRetried.inc()
      reports = nodes.map(() => ({ status: 'unknown' }))
      const reason = failures.map((failure) => `node ${failure.index}: ${failure.error}`).join('; ')
      store.setStatus(job.jobId, 'computing', { attempt, reason })
      const backoff = Math.min(30_000, 250 * 2 ** Math.min(attempt, 7))
      log.warn({ reason, nextAttempt: attempt, backoffMs: backoff }, 'attempt failed')
      log = context.logger.child({ jobId: job.jobId.toString(), attempt })
      await sleep(backoff, context.shutdown)
      continue
    }
    if (reports.some((report) => report.status === 'unknown')) {
      await sleep(context.pollIntervalMs, context.shutdown)
    }
  }
}

/**
 * Sends a transaction for a job through the outbox and reports how it went: `sent` (mined and
 * succeeded), `lost` (the job was no longer pending: someone else settled or refunded it; nothing
 * was paid), `resend` (the mined transaction left the chain; the key was forgotten).
 */
async function send(
  context: RelayContext,
  job: BridgeJob,
  key: string,
  call: OutboxCall,
  log: Logger,
): Promise<{ outcome: 'sent' | 'lost'; hash?: Hex; gasUsed?: bigint } | { outcome: 'resend' }> {
  const previous = context.outbox.mined(key)
  if (previous && !(await onChain(context, previous.hash))) {
    // Sent and mined before, but its block left the chain: send it again.
    context.outbox.forget(key)
    log.warn({ key, tx: previous.hash }, 'a mined transaction left the chain; sending it again')
  }
  try {
    const receipt = await context.outbox.send(key, call)
    if (receipt.status === 'success') {
      context.metrics.gasUsed.inc({ tx: call.functionName }, Number(receipt.gasUsed))
      return { outcome: 'sent', hash: receipt.hash, gasUsed: receipt.gasUsed }
    }
    // Mined but reverted: someone else got there first between estimate and inclusion.
    const onChain = await readJob(context.client, { market: context.market, jobId: job.jobId })
    if (onChain.state !== 'pending') return { outcome: 'lost' }
    context.outbox.forget(key)
    log.warn(
      { key, tx: receipt.hash },
      'transaction reverted although the job is pending; retrying',
    )
    return { outcome: 'resend' }
  } catch (error) {
    if (isTriadError(error, 'TRIAD_ERR_JOB_NOT_PENDING')) return { outcome: 'lost' }
    throw error
  }
}

async function submit(
  context: RelayContext,
  job: BridgeJob,
  attempt: number,
  done: readonly Done[],
  log: Logger,
): Promise<'sent' | 'lost' | 'resend'> {
  const key = `submit:${job.jobId}:${attempt}`
  const result = await send(
    context,
    job,
    key,
    {
      functionName: 'submitResult',
      args: [
        job.jobId,
        attempt,
        seatBitmap(done.map((_, seat) => seat)),
        done.map((report) => report.sealedShare),
        done.map((report) => report.signature),
      ],
    },
    log,
  )
  if (result.outcome === 'lost') {
    context.metrics.submissions.inc({ outcome: 'lost_race' })
    context.store.setStatus(job.jobId, 'submitted', {
      attempt,
      reason: 'settled or refunded by another submitter; waiting for the chain watcher to read it',
    })
    log.info('job already settled or refunded by another submitter')
    return 'lost'
  }
  if (result.outcome === 'resend') return 'resend'
  context.metrics.submissions.inc({ outcome: 'settled' })
  context.store.setStatus(job.jobId, 'submitted', { attempt, txHash: result.hash })
  log.info(
    { tx: result.hash, gasUsed: result.gasUsed?.toString() },
    'result submitted; the job settles once the chain watcher reads it',
  )
  return 'sent'
}

/**
 * The committee refused: with the pool's threshold of signed refusals of one attempt, send
 * `refuseJob` (the buyer is refunded at once); with fewer, the job waits for its deadline.
 */
async function submitRefusal(
  context: RelayContext,
  job: BridgeJob,
  attempt: number,
  reports: readonly NodeJobReport[],
  threshold: number,
  log: Logger,
): Promise<void> {
  const signed = reports.flatMap((report, seat) =>
    report.status === 'failed' && report.refusal ? [{ seat, signature: report.refusal }] : [],
  )
  if (signed.length < threshold) {
    log.info(
      { refusals: signed.length, threshold },
      'too few signed refusals; the job is refunded at its deadline',
    )
    return
  }
  const result = await send(
    context,
    job,
    `refuse:${job.jobId}:${attempt}`,
    {
      functionName: 'refuseJob',
      args: [
        job.jobId,
        attempt,
        seatBitmap(signed.map((entry) => entry.seat)),
        signed.map((entry) => entry.signature),
      ],
    },
    log,
  )
  if (result.outcome === 'sent') {
    context.metrics.refunds.inc()
    context.store.setStatus(job.jobId, 'refused', {
      attempt,
      txHash: result.hash,
      reason: context.store.job(job.jobId)?.reason ?? 'the committee refused the job',
    })
    log.warn({ tx: result.hash }, 'signed refusal submitted; the buyer is refunded')
  }
}

/**
 * A job past its deadline without a result: refund it through the outbox. If someone else
 * already refunded or settled it, the watcher records that; if the chain's clock has not
 * reached the deadline at the pending block yet, the next relay tries again.
 */
async function refundExpired(context: RelayContext, job: BridgeJob, log: Logger): Promise<void> {
  try {
    const result = await send(
      context,
      job,
      `refund:${job.jobId}`,
      { functionName: 'refund', args: [job.jobId] },
      log,
    )
    if (result.outcome === 'lost') {
      context.store.setStatus(job.jobId, 'submitted', {
        reason: 'settled or refunded by someone else; waiting for the chain watcher to read it',
      })
    }
    if (result.outcome === 'sent') {
      context.metrics.refunds.inc()
      context.store.setStatus(job.jobId, 'refused', {
        txHash: result.hash,
        reason:
          'The deadline passed before the committee delivered; the price was credited back to the buyer.',
      })
      log.warn({ tx: result.hash }, 'deadline passed; job refunded to the buyer')
    }
  } catch (error) {
    if (isTriadError(error, 'TRIAD_ERR_JOB_NOT_EXPIRED')) return
    throw error
  }
}

/**
 * A job this bridge submitted a result for and the watcher has not seen settle yet: whether
 * that still stands (the transaction is on chain, or the job is no longer pending). When the
 * transaction left the chain (a reorganisation), its outbox key is forgotten and the job goes
 * back to computing, so the same attempt's shares are submitted again.
 */
async function submittedStillStands(
  context: RelayContext,
  job: BridgeJob,
  log: Logger,
): Promise<boolean> {
  const state = await readJob(context.client, { market: context.market, jobId: job.jobId })
  if (state.state !== 'pending') return true
  const key = `submit:${job.jobId}:${job.attempt}`
  if (context.outbox.status(key) === 'pending') return true
  const mined = context.outbox.mined(key)
  if (mined && (await onChain(context, mined.hash))) return true
  log.warn('the submitted result is no longer on chain; submitting again')
  context.store.setStatus(job.jobId, 'computing', {
    attempt: job.attempt,
    reason: 'the result transaction left the chain; submitting again',
  })
  return false
}

/** Whether a transaction is (still) in a block of the chain. */
async function onChain(context: RelayContext, hash: Hex): Promise<boolean> {
  try {
    await getTransactionReceipt(context.client, { hash })
    return true
  } catch (error) {
    if (error instanceof TransactionReceiptNotFoundError) return false
    throw error
  }
}
