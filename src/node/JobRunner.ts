import { isTriadError, TriadError } from '../errors/index.ts'
import { signRefusal } from '../protocol/signRefusal.ts'
import { authoriseJob, type PoolFacts } from './authoriseJob.ts'
import { computeJob } from './computeJob.ts'
import type { NodeContext } from './NodeContext.ts'

/** Attempts beyond this are refused: a job that failed this often is left to its refund. */
export const MAX_ATTEMPTS = 16

/** What a hand-over did. */
export type HandOverOutcome = 'started' | 'already-known'

/**
 * Runs the jobs bridges hand over, many at once (up to `jobs.maxConcurrent`, each in its own
 * MPC session). A job is checked on chain (`authoriseJob`) before the node records anything, so
 * nobody can fill the store or pre-empt attempts with job ids the chain does not know. Each
 * (job, attempt) then runs at most once: handing over an attempt the node already has changes
 * nothing, so bridges may retry freely. When an attempt fails (a peer was lost, the RPC lagged),
 * the bridge hands over the next attempt to all three nodes, which run it in a fresh MPC
 * session. A hand-over beyond the limit is refused as retryable (`TRIAD_ERR_NODE_BUSY`, 503)
 * without recording anything, so the bridge hands the same attempt over again later.
 */
export class JobRunner {
  readonly #context: NodeContext
  readonly #running = new Map<string, Promise<void>>()
  /** Hand-overs being checked on chain: they count against the limit too. */
  #authorising = 0
  /** What each pool fixes for life (committee, schema), read once. */
  readonly #pools = new Map<bigint, Promise<PoolFacts>>()

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
    const limit = this.#context.config.jobs.maxConcurrent
    if (this.#running.size + this.#authorising >= limit) {
      throw new TriadError('TRIAD_ERR_NODE_BUSY', `The node runs ${limit} jobs already`, {
        details: `job ${jobId} attempt ${attempt} was not started; nothing was recorded`,
        hint: 'Hand the same attempt over again shortly (bridges do), or raise jobs.maxConcurrent.',
        retryable: true,
      })
    }
    this.#authorising += 1
    let authorised: Awaited<ReturnType<typeof authoriseJob>>
    try {
      authorised = await authoriseJob(this.#context, jobId, this.#pools)
    } finally {
      this.#authorising -= 1
    }
    if (
      this.#context.shutdown.aborted ||
      this.#running.has(key) ||
      !this.#context.store.claimJob(jobId, attempt, authorised.job.transactionHash)
    ) {
      return 'already-known'
    }
    // Every line about this attempt, here and in computeJob, carries its job id and attempt.
    const log = this.#context.logger.child({ jobId: jobId.toString(), attempt })
    const started = performance.now()
    const seconds = () => (performance.now() - started) / 1_000
    log.info('job authorised on chain; computing with the peers')
    const run = computeJob(this.#context, authorised, attempt, log)
      .then(({ sealedShare, signature }) => {
        if (!this.#context.store.finishJob(jobId, attempt, sealedShare, signature)) {
          // A reorganisation dropped the request while this attempt ran: never hand it out.
          this.#context.metrics.jobDuration.observe({ outcome: 'failed' }, seconds())
          log.warn('job computed, but its request left the chain meanwhile; share discarded')
          return
        }
        this.#context.metrics.jobDuration.observe({ outcome: 'done' }, seconds())
        log.info({ seconds: Number(seconds().toFixed(3)) }, 'job computed, share sealed and signed')
      })
      .catch(async (error: unknown) => {
        // An attempt cut short by this node's own shutdown is lost, not refused: the bridge
        // starts the next attempt once the node is back.
        const stopping = this.#context.shutdown.aborted
        const retryable = stopping || (isTriadError(error) ? error.retryable : true)
        const message = stopping
          ? `interrupted by the node's shutdown (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`
          : error instanceof Error
            ? error.message
            : String(error)
        // A job this node authorised but cannot compute for good (bad shares, shares it lacks):
        // it signs a refusal, so with its peers' the bridge can refund the buyer at once.
        const refusal = retryable
          ? undefined
          : await signRefusal({
              account: this.#context.signer,
              chainId: this.#context.market.chainId,
              market: this.#context.market.market,
              jobId,
              attempt,
            })
        this.#context.store.failJob(jobId, attempt, message, retryable, refusal)
        this.#context.metrics.jobDuration.observe({ outcome: 'failed' }, seconds())
        log.warn(
          {
            retryable,
            code: isTriadError(error) ? error.code : undefined,
            err: message,
            refused: refusal !== undefined,
            seconds: Number(seconds().toFixed(3)),
          },
          'job failed',
        )
      })
      .finally(() => this.#running.delete(key))
    this.#running.set(key, run)
    return 'started'
  }

  /**
   * Waits until an attempt running here ends, or `ms` passed (whichever comes first); at once
   * when it is not running.
   */
  async settled(jobId: bigint, attempt: number, ms: number): Promise<void> {
    const run = this.#running.get(`${jobId}:${attempt}`)
    if (!run) return
    let timer: NodeJS.Timeout | undefined
    await Promise.race([run, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))])
    clearTimeout(timer)
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
