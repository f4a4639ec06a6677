import { isTriadError, TriadError } from '../errors/index.ts'
import { authoriseJob } from './authoriseJob.ts'
import { computeJob } from './computeJob.ts'
import type { NodeContext } from './NodeContext.ts'

/** Attempts beyond this are refused: a job that failed this often is left to its refund. */
export const MAX_ATTEMPTS = 16

/** What a hand-over did. */
export type HandOverOutcome = 'started' | 'already-known'

/**
 * Runs the jobs bridges hand over, many at once. A job is checked on chain (`authoriseJob`)
 * before the node records anything, so nobody can fill the store or pre-empt attempts with job
 * ids the chain does not know. Each (job, attempt) then runs at most once: handing over an
 * attempt the node already has changes nothing, so bridges may retry freely. When an attempt
 * fails (a peer was lost, the RPC lagged), the bridge hands over the next attempt to all three
 * nodes, which run it in a fresh MPC session.
 */
export class JobRunner {
  readonly #context: NodeContext
  readonly #running = new Map<string, Promise<void>>()

  constructor(context: NodeContext) {
    this.#context = context
  }

  /**
   * Starts an attempt of a job after checking it on chain. Throws the check's TriadError
   * (unknown job, not pending, other committee, expired) without recording anything.
   */
  async handOver(jobId: bigint, attempt: number): Promise<HandOverOutcome> {
    if (attempt >= MAX_ATTEMPTS) {
      throw new TriadError(
        'TRIAD_ERR_JOB_NOT_AUTHORISED',
        `Attempt ${attempt} of job ${jobId} is beyond the limit`,
        {
          details: `at most ${MAX_ATTEMPTS} attempts per job`,
          hint: 'The job will be refunded after its deadline.',
        },
      )
    }
    const key = `${jobId}:${attempt}`
    if (this.#running.has(key) || this.#context.store.jobState(jobId, attempt))
      return 'already-known'
    const authorised = await authoriseJob(this.#context, jobId)
    if (this.#context.shutdown.aborted || !this.#context.store.claimJob(jobId, attempt)) {
      return 'already-known'
    }
    // Every line about this attempt, here and in computeJob, carries its job id and attempt.
    const log = this.#context.logger.child({ jobId: jobId.toString(), attempt })
    const started = performance.now()
    const seconds = () => (performance.now() - started) / 1_000
    log.info('job authorised on chain; computing with the peers')
    const run = computeJob(this.#context, authorised, attempt, log)
      .then(({ sealedShare, signature }) => {
        this.#context.store.finishJob(jobId, attempt, sealedShare, signature)
        this.#context.metrics.jobDuration.observe({ outcome: 'done' }, seconds())
        log.info({ seconds: Number(seconds().toFixed(3)) }, 'job computed, share sealed and signed')
      })
      .catch((error: unknown) => {
        // An attempt cut short by this node's own shutdown is lost, not refused: the bridge
        // starts the next attempt once the node is back.
        const stopping = this.#context.shutdown.aborted
        const retryable = stopping || (isTriadError(error) ? error.retryable : true)
        const message = stopping
          ? `interrupted by the node's shutdown (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`
          : error instanceof Error
            ? error.message
            : String(error)
        this.#context.store.failJob(jobId, attempt, message, retryable)
        this.#context.metrics.jobDuration.observe({ outcome: 'failed' }, seconds())
        log.warn(
          {
            retryable,
            code: isTriadError(error) ? error.code : undefined,
            err: message,
            seconds: Number(seconds().toFixed(3)),
          },
          'job failed',
        )
      })
      .finally(() => this.#running.delete(key))
    this.#running.set(key, run)
    return 'started'
  }

  /** The number of attempts computing now. */
  get running(): number {
    return this.#running.size
  }

  /** Waits for the jobs under way (used on shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.#running.values()])
  }
}
