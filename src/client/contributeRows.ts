import type { TriadClient } from '../chain/createTriadClient.ts'
import type { NodeApiClient } from './nodeApiClient.ts'
import { type PrepareContributionParameters, prepareContribution } from './prepareContribution.ts'
import {
  type SubmitContributionProgress,
  type SubmitContributionReturnType,
  submitContribution,
} from './submitContribution.ts'

export interface ContributeRowsParameters extends PrepareContributionParameters {
  /** Called as each stage completes, for progress output. */
  onProgress?: (event: ContributeRowsProgress) => void
  /** The client for the nodes' APIs; default one made (and closed) for this call. */
  nodeApi?: NodeApiClient
}

export type ContributeRowsProgress =
  | { stage: 'prepared'; rows: number }
  | SubmitContributionProgress

export type ContributeRowsReturnType = SubmitContributionReturnType

/**
 * A seller's whole contribution: prepare it (read and validate the rows, encode, share, seal,
 * sign), then submit it (upload each node its sealed share, collect the three receipts,
 * register on chain). No value and no share goes on chain: the chain gets the row count and a
 * commitment.
 *
 * @example
 * const { contributionId } = await contributeRows(seller, {
 *   market,
 *   poolId: 1n,
 *   data: { rows: [{ age: 34, income: '52000.50', smoker: null, region: 'north' }] },
 * })
 */
export async function contributeRows(
  client: TriadClient,
  parameters: ContributeRowsParameters,
): Promise<ContributeRowsReturnType> {
  const prepared = await prepareContribution(client, parameters)
  parameters.onProgress?.({ stage: 'prepared', rows: Number(prepared.rows) })
  return submitContribution(client, {
    market: parameters.market,
    prepared,
    ...(parameters.onProgress ? { onProgress: parameters.onProgress } : {}),
    ...(parameters.nodeApi ? { nodeApi: parameters.nodeApi } : {}),
  })
}
