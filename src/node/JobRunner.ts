import { isTriadError } from '../errors/index.ts'
import { computeJob } from './computeJob.ts'
import type { NodeContext } from './NodeContext.ts'

/**
 * Runs the jobs bridges hand over, many at once, each at most once at a time. A hand-over of a
 * job that is done or computing changes nothing (bridges retry freely); a job that failed for a
 * retryable reason (a peer was down, the RPC lagged) is tried again on the next hand-over.
 */
export class JobRunner {
  readonly #context: NodeContext
  readonly #running = new Map<bigint, Promise<void>>()

  constructor(context: NodeContext) {
    this.#context = context
  }

  handOver(jobId: bigint): void {
    if (this.#running.has(jobId) || this.#context.shutdown.aborted) return
    const state = this.#context.store.jobState(jobId)
    if (state?.status === 'failed' && state.retryable) this.#context.store.releaseFailedJob(jobId)
    if (!this.#context.store.claimJob(jobId)) return
    const log = this.#context.logger.child({ jobId: jobId.toString() })
    const run = computeJob(this.#context, jobId, log)
      .then(({ sealedShare, signature }) => {
        this.#context.store.finishJob(jobId, sealedShare, signature)
        log.info('job computed, share sealed and signed')
      })
      .catch((error: unknown) => {
        const retryable = isTriadError(error) ? error.retryable : true
        const message = error instanceof Error ? error.message : String(error)
        this.#context.store.failJob(jobId, message, retryable)
        log.warn({ retryable, err: message }, 'job failed')
      })
      .finally(() => this.#running.delete(jobId))
    this.#running.set(jobId, run)
  }

  /** Waits for the jobs under way (used on shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.#running.values()])
  }
}
