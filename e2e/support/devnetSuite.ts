import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before } from 'node:test'
import { sleep } from '../../src/async/sleep.ts'
import {
  type Devnet,
  type StartDevnetParameters,
  startDevnet,
} from '../../src/devnet/startDevnet.ts'
import type { MarketRef } from '../../src/protocol/contexts.ts'

/**
 * Starts a whole dev market (anvil, contracts, three node processes, a bridge) in a temporary
 * folder before the suite's tests and stops it and removes the folder after them, always.
 * Call inside a `describe`; read the devnet from the returned getter inside tests.
 */
export function useDevnet(
  parameters: { name: string; sellers: number } & Omit<StartDevnetParameters, 'stateDir'>,
): () => Devnet {
  const stateDir = mkdtempSync(join(tmpdir(), `triad-${parameters.name}-`))
  let devnet: Devnet | undefined
  before(async () => {
    const { name: _name, ...options } = parameters
    devnet = await startDevnet({ ...options, stateDir })
  })
  after(async () => {
    await devnet?.stop()
    rmSync(stateDir, { recursive: true, force: true })
  })
  return () => {
    if (!devnet) throw new Error('the devnet is not running (its start-up failed)')
    return devnet
  }
}

/** The market a devnet runs, as the SDK takes it. */
export function marketOf(devnet: Devnet): MarketRef {
  return { chainId: devnet.deployment.chainId, market: devnet.deployment.market }
}

/** A job as the bridge's status API reports it. */
export interface BridgeJobView {
  status: string
  attempt: number
  reason: string | null
  txHash: string | null
}

/**
 * Polls the bridge's status of a job until `until` holds or `timeoutMs` passes; returns the
 * last view, so the caller's assertion shows what the bridge said.
 */
export async function waitForBridge(
  devnet: Devnet,
  jobId: bigint,
  until: (view: BridgeJobView) => boolean,
  timeoutMs = 15_000,
): Promise<BridgeJobView> {
  const deadline = Date.now() + timeoutMs
  let view: BridgeJobView = { status: 'unknown', attempt: 0, reason: null, txHash: null }
  while (Date.now() < deadline) {
    view = (await (await fetch(`${devnet.bridgeUrl}/v1/jobs/${jobId}`)).json()) as BridgeJobView
    if (until(view)) break
    await sleep(100)
  }
  return view
}

/**
 * The sum of the samples of a metric in a Prometheus text exposition whose labels include all
 * of `labels`; undefined when no sample matches.
 */
export function metricValue(
  exposition: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  let total: number | undefined
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const present = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map(
        (pair) => [pair[1], pair[2]],
      ),
    )
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) {
      total = (total ?? 0) + Number(match[3])
    }
  }
  return total
}
