import { getAbiItem, type Hash, type Hex } from 'viem'
import { getLogs } from 'viem/actions'
import { sleep } from '../async/sleep.ts'
import type { TriadReadClient } from '../chain/createTriadClient.ts'
import { readJob } from '../chain/readJob.ts'
import { readMarketTime } from '../chain/readMarketTime.ts'
import { seatsOf } from '../chain/submitResult.ts'
import { TriadError } from '../errors/index.ts'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import { type BridgeJobView, readBridgeJob } from './readBridgeJob.ts'

const completedEvent = getAbiItem({ abi: triadMarketAbi, name: 'JobCompleted' })
/** How long a delivered job's event may stay missing from the endpoint's logs. */
const EVENT_GRACE_MS = 10_000

export interface WaitForResultParameters {
  market: Hex
  jobId: bigint
  /** Where to start looking for the completion event (the request's block is a good start). */
  fromBlock: bigint
  pollIntervalMs?: number
  /** Called on every poll with the seconds waited, for progress output. */
  onWait?: (secondsWaited: number) => void
  /**
   * A bridge whose status API to ask on every poll, for progress: `onProgress` then gets its
   * view of the job (queued, computing, submitted; the attempt; why an attempt failed).
   */
  bridgeUrl?: string
  onProgress?: (progress: { secondsWaited: number; bridge: BridgeJobView | undefined }) => void
  signal?: AbortSignal
}

export interface WaitForResultReturnType {
  /** Seat `seats[i]`'s result share, sealed to the buyer's key, in seat order. */
  readonly sealedShares: readonly Hex[]
  /** The seats whose shares these are (all three when the whole committee signed). */
  readonly seats: readonly number[]
  /** The MPC attempt the three shares come from. */
  readonly attempt: number
  /** The transaction that delivered the result. */
  readonly transactionHash: Hash
  readonly blockNumber: bigint
}

/**
 * Waits until the job is settled and returns the sealed result shares from its `JobCompleted`
 * event, in committee order. Throws `TRIAD_ERR_JOB_EXPIRED` when the job was refunded or its
 * deadline passed without a result.
 *
 * @example
 * const { sealedShares } = await waitForResult(buyer, { market, jobId, fromBlock })
 */
export async function waitForResult(
  client: TriadReadClient,
  parameters: WaitForResultParameters,
): Promise<WaitForResultReturnType> {
  const started = Date.now()
  let missingSince: number | undefined
  for (;;) {
    parameters.signal?.throwIfAborted()
    const job = await readJob(client, { market: parameters.market, jobId: parameters.jobId })
    if (job.state === 'delivered') {
      const logs = await getLogs(client, {
        address: parameters.market,
        event: completedEvent,
        args: { jobId: parameters.jobId },
        fromBlock: parameters.fromBlock,
        strict: true,
      })
      const log = logs[0]
      // An endpoint may show the new state a moment before it serves the block's logs (a node
      // under load, or a provider whose servers lag each other): look again for a while.
      if (!log) missingSince ??= Date.now()
      if (!log && missingSince !== undefined && Date.now() - missingSince < EVENT_GRACE_MS) {
        await sleep(parameters.pollIntervalMs ?? 250, parameters.signal)
        continue
      }
      if (!log) {
        throw new TriadError(
          'TRIAD_ERR_CHAIN_UNREACHABLE',
          `Job ${parameters.jobId} is delivered but its event was not found`,
          {
            hint: 'Give an earlier fromBlock, or an RPC endpoint that keeps logs.',
          },
        )
      }
      return {
        sealedShares: log.args.sealedShares,
        seats: seatsOf(log.args.seats),
        attempt: log.args.attempt,
        transactionHash: log.transactionHash,
        blockNumber: log.blockNumber,
      }
    }
    const late = job.state === 'pending' && (await readMarketTime(client)) > job.deadline
    if (job.state !== 'pending' || late) {
      const what = {
        pending: 'not delivered by its deadline',
        refunded: 'refunded',
        refused: 'refused by the committee and refunded',
      }[job.state]
      throw new TriadError(
        'TRIAD_ERR_JOB_EXPIRED',
        `Job ${parameters.jobId} has no result: it was ${what}`,
        {
          hint:
            job.state === 'pending'
              ? `A bridge refunds it; anyone may also return the price to the buyer (\`triad job refund ${parameters.jobId}\`, or refundJob).`
              : 'The price was paid back to the buyer.',
        },
      )
    }
    const secondsWaited = (Date.now() - started) / 1000
    parameters.onWait?.(secondsWaited)
    if (parameters.onProgress) {
      const bridge = parameters.bridgeUrl
        ? await readBridgeJob({ bridgeUrl: parameters.bridgeUrl, jobId: parameters.jobId }).catch(
            () => undefined,
          )
        : undefined
      parameters.onProgress({ secondsWaited, bridge })
    }
    await sleep(parameters.pollIntervalMs ?? 250, parameters.signal)
  }
}
