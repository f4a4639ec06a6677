import type { Hex } from 'viem'
import { contribute } from '../chain/contribute.ts'
import type { TriadClient } from '../chain/createTriadClient.ts'
import type { MarketRef } from '../protocol/contexts.ts'
import { createNodeApiClient, type NodeApiClient } from './nodeApiClient.ts'
import type { PreparedContribution } from './sealContribution.ts'

/** What a contribution is doing, for progress output. */
export type SubmitContributionProgress =
  | {
      stage: 'uploading'
      /** The seat of the node the upload goes to. */
      node: number
      /** The size of its request body. */
      bytes: number
    }
  | {
      stage: 'uploaded'
      /** The seat of the node that answered with its receipt. */
      seat: number
      bytes: number
      /** How many nodes hold their share so far, out of `of`. */
      node: number
      of: number
    }
  | { stage: 'registering' }
  | { stage: 'registered'; contributionId: bigint }

export interface SubmitContributionParameters {
  market: MarketRef
  prepared: PreparedContribution
  onProgress?: (event: SubmitContributionProgress) => void
  /** The client for the nodes' APIs; default one made (and closed) for this call. */
  nodeApi?: NodeApiClient
}

export interface SubmitContributionReturnType {
  /** The contribution's index in its pool; on chain it is named by (pool, seller, commitment). */
  contributionId: bigint
  commitment: Hex
  rows: bigint
  /** The bytes uploaded to the three nodes together. */
  uploadedBytes: number
  hash: Hex
  gasUsed: bigint
}

/**
 * Uploads each node its sealed share (in parallel), collects the three receipts and registers
 * the contribution on chain. Nothing is registered unless all three nodes stored their share.
 *
 * @example
 * const { contributionId } = await submitContribution(seller, { market, prepared })
 */
export async function submitContribution(
  client: TriadClient,
  parameters: SubmitContributionParameters,
): Promise<SubmitContributionReturnType> {
  const { prepared } = parameters
  const progress = parameters.onProgress ?? (() => {})
  const nodeApi = parameters.nodeApi ?? createNodeApiClient()
  let uploaded = 0
  let uploadedBytes = 0
  let receipts: Hex[]
  try {
    receipts = await Promise.all(
      prepared.nodes.map(async (node, seat) => {
        const upload = prepared.uploads[seat]!
        const bytes = upload.sealedShare.length
        progress({ stage: 'uploading', node: seat, bytes })
        const receipt = await nodeApi.upload(node, upload)
        uploaded += 1
        uploadedBytes += bytes
        progress({ stage: 'uploaded', seat, bytes, node: uploaded, of: prepared.nodes.length })
        return receipt
      }),
    )
  } finally {
    if (!parameters.nodeApi) nodeApi.close()
  }
  progress({ stage: 'registering' })
  const {
    index: contributionId,
    hash,
    gasUsed,
  } = await contribute(client, {
    market: parameters.market.market,
    poolId: prepared.poolId,
    rows: prepared.rows,
    commitment: prepared.commitment,
    receipts,
  })
  progress({ stage: 'registered', contributionId })
  return {
    contributionId,
    commitment: prepared.commitment,
    rows: prepared.rows,
    uploadedBytes,
    hash,
    gasUsed,
  }
}
