import type { Hex } from 'viem'
import { contribute, type TriadClient } from '../chain/index.ts'
import type { MarketRef } from '../protocol/contexts.ts'
import { uploadToNode } from './nodeUploadClient.ts'
import type { PreparedContribution } from './sealContribution.ts'

export type SubmitContributionProgress =
  | { stage: 'uploaded'; node: number; of: number }
  | { stage: 'registered'; contributionId: bigint }

export interface SubmitContributionReturnType {
  /** The contribution's index in its pool; on chain it is named by (pool, seller, commitment). */
  contributionId: bigint
  commitment: Hex
  rows: bigint
  gasUsed: bigint
}

/**
 * Uploads each node its sealed share, collects the three receipts and registers the
 * contribution on chain. Nothing is registered unless all three nodes stored their share.
 *
 * @example
 * const { contributionId } = await submitContribution(seller, { market, prepared })
 */
export async function submitContribution(
  client: TriadClient,
  parameters: {
    market: MarketRef
    prepared: PreparedContribution
    onProgress?: (event: SubmitContributionProgress) => void
  },
): Promise<SubmitContributionReturnType> {
  const { prepared } = parameters
  const progress = parameters.onProgress ?? (() => {})
  let uploaded = 0
  const receipts = await Promise.all(
    prepared.nodes.map(async (node, index) => {
      const receipt = await uploadToNode(node, prepared.uploads[index]!)
      uploaded += 1
      progress({ stage: 'uploaded', node: uploaded, of: prepared.nodes.length })
      return receipt
    }),
  )
  const { index: contributionId, gasUsed } = await contribute(client, {
    market: parameters.market.market,
    poolId: prepared.poolId,
    rows: prepared.rows,
    commitment: prepared.commitment,
    receipts,
  })
  progress({ stage: 'registered', contributionId })
  return { contributionId, commitment: prepared.commitment, rows: prepared.rows, gasUsed }
}
