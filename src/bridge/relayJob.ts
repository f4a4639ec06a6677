import type { Logger } from 'pino'
import type { Address } from 'viem'
import {
  readCommittee,
  readPool,
  refundJob,
  submitResult,
  type TriadClient,
} from '../chain/index.ts'
import { isTriadError } from '../errors/index.ts'
import { fetchJobReport, handOverJob, type NodeJobReport } from './nodeApiClient.ts'
import type { BridgeJob, BridgeStore } from './store.ts'

export interface RelayContext {
  readonly client: TriadClient
  readonly market: Address
  readonly store: BridgeStore
  readonly logger: Logger
  readonly pollIntervalMs: number
  readonly shutdown: AbortSignal
}

/**
 * Carries one job from request to settlement: hands it to the three nodes of its pool's
 * committee, waits until each has sealed and signed its share, and submits the shares and
 * signatures in one transaction. The three shares always come from one MPC attempt: when a
 * node reports the attempt failed, all three are handed the next one (with backoff). A node
 * that does not answer is asked again about the same attempt. A job another bridge settled
 * first is recorded as settled, not submitted twice.
 */
export async function relayJob(context: RelayContext, job: BridgeJob): Promise<void> {
  const log = context.logger.child({ jobId: job.jobId.toString() })
  const pool = await readPool(context.client, { market: context.market, poolId: job.poolId })
  const nodes = await readCommittee(context.client, {
    market: context.market,
    committeeId: pool.committeeId,
  })
  context.store.setStatus(job.jobId, 'computing')
  log.info({ nodes: nodes.length }, 'handing job to the committee')

  let attempt = 0
  let reports: NodeJobReport[] = nodes.map(() => ({ status: 'unknown' }))
  while (!context.shutdown.aborted) {
    const { timestamp } = await context.client.getBlock({ blockTag: 'latest' })
    if (timestamp > job.deadline) {
      await refundExpired(context, job, log)
      return
    }
    await Promise.all(
      nodes.map(async (node, index) => {
        const report = reports[index]
        if (report?.status === 'done' || report?.status === 'failed') return
        try {
          if (report?.status !== 'computing') await handOverJob(node.apiUrl, job.jobId, attempt)
          reports[index] = await fetchJobReport(node.apiUrl, job.jobId, attempt)
        } catch (error) {
          // Unreachable is not failed: keep asking about the same attempt until it answers.
          const reason = error instanceof Error ? error.message : String(error)
          context.store.setStatus(job.jobId, 'computing', { reason: `node ${index}: ${reason}` })
          reports[index] = { status: 'unknown' }
        }
      }),
    )
    if (reports.every((report) => report.status === 'done')) break
    const failures = reports.flatMap((report, index) =>
      report.status === 'failed' ? [`node ${index}: ${report.error}`] : [],
    )
    if (failures.length > 0) {
      // The attempt is lost for all: its shares would not combine with another attempt's.
      attempt += 1
      reports = nodes.map(() => ({ status: 'unknown' }))
      context.store.setStatus(job.jobId, 'computing', { reason: failures.join('; ') })
      const backoff = Math.min(30_000, 500 * 2 ** attempt)
      log.warn({ failures, attempt, backoffMs: backoff }, 'attempt failed; starting a new one')
      await sleep(backoff, context.shutdown)
      continue
    }
    await sleep(context.pollIntervalMs, context.shutdown)
  }
  if (context.shutdown.aborted) return

  const done = reports as Extract<NodeJobReport, { status: 'done' }>[]
  try {
    const { hash, gasUsed } = await submitResult(context.client, {
      market: context.market,
      jobId: job.jobId,
      attempt,
      sealedShares: done.map((report) => report.sealedShare),
      signatures: done.map((report) => report.signature),
    })
    context.store.setStatus(job.jobId, 'settled', { txHash: hash })
    log.info({ tx: hash, gasUsed: gasUsed.toString() }, 'result submitted, job settled')
  } catch (error) {
    if (isTriadError(error) && /TriadJobNotPending/.test(error.message)) {
      context.store.setStatus(job.jobId, 'settled', { reason: 'settled by another submitter' })
      log.info('job already settled by another submitter')
      return
    }
    throw error
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        resolve()
      },
      { once: true },
    )
  })
}

/**
 * A job past its deadline without a result: refund it, so the buyer is never left hanging. Anyone
 * may call refund; if another party already did, the job is recorded as refunded all the same.
 */
async function refundExpired(context: RelayContext, job: BridgeJob, log: Logger): Promise<void> {
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
    log.warn({ tx: hash, amount: amount.toString() }, 'deadline passed; job refunded to the buyer')
  } catch (error) {
    if (isTriadError(error) && /TriadJobNotPending/.test(error.message)) {
      context.store.setStatus(job.jobId, 'refunded', {
        reason: 'settled or refunded by someone else',
      })
      return
    }
    throw error
  }
}
