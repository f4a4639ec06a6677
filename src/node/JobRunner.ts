import { isTriadError } from '../errors/index.ts'
import { computeJob } from './computeJob.ts'
import type { NodeContext } from './NodeContext.ts'

/**
 * Runs the jobs bridges hand over, many at once. Each (job, attempt) runs at most once: a
 * hand-over of an attempt the node already has changes nothing, so bridges may retry freely.
 * When an attempt fails (a peer was lost, the RPC lagged), the bridge hands over the next
 * attempt to all three nodes, which run it in a fresh MPC session.
 */
export class JobRunner {
  readonly #context: NodeContext
  readonly #running = new Map<string, Promise<void>>()

  constructor(context: NodeContext) {
    this.#context = context
  }

  handOver(jobId: bigint, attempt: number): void {
    const key = `${jobId}:${attempt}`
    if (this.#running.has(key) || this.#context.shutdown.aborted) return
    if (!this.#context.store.claimJob(jobId, attempt)) return
    const log = this.#context.logger.child({ jobId: jobId.toString(), attempt })
    const run = computeJob(this.#context, jobId, attempt, log)
      .then(({ sealedShare, signature }) => {
        this.#context.store.finishJob(jobId, attempt, sealedShare, signature)
        log.info('job computed, share sealed and signed')
      })
      .catch((error: unknown) => {
        const retryable = isTriadError(error) ? error.retryable : true
        const message = error instanceof Error ? error.message : String(error)
        this.#context.store.failJob(jobId, attempt, message, retryable)
        log.warn({ retryable, err: message }, 'job failed')
      })
      .finally(() => this.#running.delete(key))
    this.#running.set(key, run)
  }

  /** Waits for the jobs under way (used on shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.#running.values()])
  }
}
