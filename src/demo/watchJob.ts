import { keccak256 } from 'viem'
import { sleep } from '../async/sleep.ts'
import { createNodeApiClient, type NodeJobReport } from '../client/nodeApiClient.ts'
import { readBridgeJob } from '../client/readBridgeJob.ts'
import type { Devnet } from '../devnet/startDevnet.ts'
import type { Narrate } from './narration.ts'

/**
 * Narrates a job while it runs, from what the bridge and the nodes report: the bridge queueing
 * and handing over the job (step 3), each node computing on its shares (step 4), each node's
 * sealed and signed share and the bridge's submission (step 5). Stops when `signal` aborts;
 * `finish()` then narrates, from the final reports, any node line that was too quick to see.
 */
export function watchJob(
  devnet: Devnet,
  jobId: bigint,
  narrate: Narrate,
  signal: AbortSignal,
  /** The job's algorithm, by name, for the narration. */
  algorithm: string,
): { finish(attempt: number): Promise<void> } {
  const said = new Set<string>()
  const once = (key: string, step: 3 | 4 | 5, message: string) => {
    if (said.has(key)) return
    said.add(key)
    narrate(step, message)
  }
  // The SDK's clients of the node and bridge APIs, as the bridge and a buyer use them.
  const nodeApi = createNodeApiClient()

  const describeNode = (index: number, attempt: number, view: NodeJobReport | undefined) => {
    if (view?.status === 'computing' || view?.status === 'done') {
      once(
        `computing ${index} ${attempt}`,
        4,
        `node ${index}: checked job ${jobId} on chain, agreed on the inputs with its peers over mutual TLS, checked the sellers' shares are consistent, running ${algorithm} on its shares (attempt ${attempt})`,
      )
    }
    if (view?.status === 'done') {
      once(
        `done ${index} ${attempt}`,
        5,
        `node ${index}: output re-randomised, its share sealed to the buyer's key (${(view.sealedShare.length - 2) / 2} bytes, keccak ${keccak256(view.sealedShare).slice(0, 14)}…), Result(job ${jobId}, attempt ${attempt}) signed`,
      )
    }
    if (view?.status === 'failed')
      once(
        `failed ${index} ${attempt}`,
        4,
        `node ${index}: attempt ${attempt} failed; the bridge will start another`,
      )
  }
  const poll = async (attempt: number) => {
    const views = await Promise.all(
      devnet.nodes.map((node) =>
        nodeApi.fetchJobReport(node, jobId, attempt).catch(() => undefined),
      ),
    )
    // Every node's computing line before any node's result line, so one poll reads in step order.
    for (const [index, view] of views.entries()) {
      if (view?.status !== 'done') describeNode(index, attempt, view)
    }
    for (const [index, view] of views.entries()) {
      if (view?.status === 'done') describeNode(index, attempt, { status: 'computing' })
    }
    for (const [index, view] of views.entries()) {
      if (view?.status === 'done') describeNode(index, attempt, view)
    }
  }

  const running = (async () => {
    while (!signal.aborted) {
      const bridge = await readBridgeJob({ bridgeUrl: devnet.bridgeUrl, jobId }).catch(
        () => undefined,
      )
      if (bridge?.status === 'queued')
        once('queued', 3, `bridge saw JobRequested ${jobId} and queued it`)
      if (bridge && bridge.status !== 'queued' && bridge.status !== 'unknown') {
        once(
          'handed',
          3,
          `bridge handed job ${jobId} to the committee's 3 nodes (attempt ${bridge.attempt}); each checks it on chain itself: paid, pending, in time, its committee, a known algorithm, the paid snapshot`,
        )
        await poll(bridge.attempt)
      }
      if (bridge?.status === 'submitted')
        once(
          'submitted',
          5,
          'bridge collected 3 sealed shares + 3 signatures from one attempt and submitted them',
        )
      await sleep(50, signal)
    }
  })()

  return {
    async finish(attempt: number) {
      await running
      await poll(attempt)
      nodeApi.close()
    },
  }
}
