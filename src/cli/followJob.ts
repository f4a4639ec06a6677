import type { BridgeJobView } from '../client/readBridgeJob.ts'
import { createProgress } from './createProgress.ts'

const stages: Record<string, number> = {
  unknown: 1,
  queued: 1,
  computing: 2,
  refused: 2,
  submitted: 3,
  settled: 4,
  refunded: 4,
}

/**
 * A progress display for a job wait: a bar through requested, computing, submitted, delivered
 * (from the bridge's view when there is a bridge to ask), with the seconds waited.
 *
 * @example
 * const follow = followJob({ quiet: options.json })
 * await readJobResult(buyer, { ..., onProgress: follow.onProgress })
 * follow.stop('delivered')
 */
export function followJob(parameters: { quiet: boolean }) {
  const progress = createProgress({ label: 'job', total: 4, quiet: parameters.quiet })
  return {
    onProgress({
      secondsWaited,
      bridge,
    }: {
      secondsWaited: number
      bridge: BridgeJobView | undefined
    }) {
      const stage = bridge ? (stages[bridge.status] ?? 1) : 1
      const what = bridge
        ? bridge.status === 'computing'
          ? `nodes computing on shares (attempt ${bridge.attempt})`
          : bridge.status === 'unknown'
            ? 'requested; waiting for the bridge to see it'
            : bridge.status === 'submitted'
              ? 'result submitted; the contract checks the signatures'
              : bridge.status
        : 'waiting for delivery on chain'
      const reason = bridge?.reason ? ` (last failure: ${bridge.reason})` : ''
      progress.update(stage, `${what}${reason}, ${Math.floor(secondsWaited)} s`)
    },
    stop(status: string) {
      progress.stop(status)
    },
  }
}
