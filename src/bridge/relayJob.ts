import type { Logger } from 'pino'
import type { Address } from 'viem'
import { readCommittee, readPool, submitResult, type TriadClient } from '../chain/index.ts'
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
 * signatures in one transaction. A node that failed is handed the job again; a job another
 * bridge settled first is recorded as settled, not submitted twice.
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

  const reports: NodeJobReport[] = nodes.map(() => ({ status: 'unknown' }))
  while (!context.shutdown.aborted) {
    if (BigInt(Math.floor(Date.now() / 1000)) >= job.deadline) {
      context.store.setStatus(job.jobId, 'failed', {
        reason: 'The deadline passed before all nodes delivered; the buyer can be refunded.',
      })
      log.warn('deadline passed before delivery')
      return
    }
    await Promise.all(
      nodes.map(async (node, index) => {
        if (reports[index]?.status === 'done') return
        try {
          if (reports[index]?.status !== 'computing') await handOverJob(node.apiUrl, job.jobId)
          reports[index] = await fetchJobReport(node.apiUrl, job.jobId)
        } catch (error) {
          reports[index] = {
            status: 'failed',
            error: error instanceof Error ? error.message : String(error),
          }
        }
      }),
    )
    if (reports.every((report) => report.status === 'done')) break
    const failures = reports.flatMap((report, index) =>
      report.status === 'failed' ? [`node ${index}: ${report.error}`] : [],
    )
    if (failures.length > 0) {
      context.store.setStatus(job.jobId, 'computing', { reason: failures.join('; ') })
      log.warn({ failures }, 'a node has not delivered yet; handing over again')
    }
    await sleep(context.pollIntervalMs, context.shutdown)
  }
  if (context.shutdown.aborted) return

  const done = reports as Extract<NodeJobReport, { status: 'done' }>[]
  try {
    const { hash, gasUsed } = await submitResult(context.client, {
      market: context.market,
      jobId: job.jobId,
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
