import type { Hex } from 'viem'
import { contribute, type TriadClient } from '../chain/index.ts'
import { uploadToNode } from './nodeUploadClient.ts'
import { type PrepareContributionParameters, prepareContribution } from './prepareContribution.ts'

export interface ContributeRowsParameters extends PrepareContributionParameters {
  /** Called as each stage completes, for progress output. */
  onProgress?: (event: ContributeRowsProgress) => void
}

export type ContributeRowsProgress =
  | { stage: 'prepared'; rows: number }
  | { stage: 'uploaded'; node: number; of: number }
  | { stage: 'registered'; contributionId: bigint }

export interface ContributeRowsReturnType {
  contributionId: bigint
  commitment: Hex
  rows: bigint
  gasUsed: bigint
}

/**
 * A seller's whole contribution: prepare it (validate, share, seal, sign), upload each node its
 * sealed share, collect the three receipts and register the contribution on chain. No value and
 * no share goes on chain: the chain gets the row count and a commitment. Nothing is registered
 * unless all three nodes stored their share.
 *
 * @example
 * const { contributionId } = await contributeRows(seller, { market, poolId: 1n, column: 'value', values: [3n, 5n] })
 */
export async function contributeRows(
  client: TriadClient,
  parameters: ContributeRowsParameters,
): Promise<ContributeRowsReturnType> {
  const progress = parameters.onProgress ?? (() => {})
  const prepared = await prepareContribution(client, parameters)
  progress({ stage: 'prepared', rows: parameters.values.length })

  let uploaded = 0
  const receipts = await Promise.all(
    prepared.nodes.map(async (node, index) => {
      const receipt = await uploadToNode(node.apiUrl, prepared.uploads[index]!)
      uploaded += 1
      progress({ stage: 'uploaded', node: uploaded, of: prepared.nodes.length })
      return receipt
    }),
  )
  const { contributionId, gasUsed } = await contribute(client, {
    market: parameters.market.market,
    poolId: prepared.poolId,
    rows: prepared.rows,
    commitment: prepared.commitment,
    receipts,
  })
  progress({ stage: 'registered', contributionId })
  return { contributionId, commitment: prepared.commitment, rows: prepared.rows, gasUsed }
}
