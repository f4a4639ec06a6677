import { type Hex, keccak256 } from 'viem'
import { contribute, readCommittee, readPool, type TriadClient } from '../chain/index.ts'
import { encodeSigned } from '../mpc/ring/index.ts'
import { encodeReplicatedShare, shareReplicated } from '../mpc/sharing/index.ts'
import { contributionCommitment } from '../protocol/commitment.ts'
import { uploadContext } from '../protocol/contexts.ts'
import { triadDomain } from '../protocol/eip712.ts'
import { poolSchemaFromUri, validateColumnValues } from '../protocol/poolSchema.ts'
import { uploadAuthorizationTypes } from '../protocol/uploadAuthorization.ts'
import { seal } from '../sealing/index.ts'
import { uploadToNode } from './nodeUploadClient.ts'

export interface ContributeRowsParameters {
  market: { chainId: number; market: Hex }
  poolId: bigint
  /** The column the values belong to (the pool schema's only column for now). */
  column: string
  values: readonly bigint[]
  /** Called as each stage completes, for progress output. */
  onProgress?: (event: ContributeRowsProgress) => void
}

export type ContributeRowsProgress =
  | { stage: 'validated'; rows: number }
  | { stage: 'shared'; rows: number }
  | { stage: 'uploaded'; node: number; of: number }
  | { stage: 'registered'; contributionId: bigint }

export interface ContributeRowsReturnType {
  contributionId: bigint
  commitment: Hex
  rows: bigint
  gasUsed: bigint
}

/**
 * A seller's whole contribution: validate the values against the pool's schema, split them into
 * 3-party replicated shares, seal each node's share to that node's key, upload to every node of
 * the pool's committee, collect their receipts and register the contribution on chain. No value
 * and no share goes on chain; the chain gets the row count and a commitment.
 *
 * @example
 * const { contributionId } = await contributeRows(seller, { market, poolId: 1n, column: 'value', values: [3n, 5n] })
 */
export async function contributeRows(
  client: TriadClient,
  parameters: ContributeRowsParameters,
): Promise<ContributeRowsReturnType> {
  const { market, poolId, values } = parameters
  const progress = parameters.onProgress ?? (() => {})
  const pool = await readPool(client, { market: market.market, poolId })
  const schema = poolSchemaFromUri(pool.schemaURI, pool.schemaHash)
  validateColumnValues(schema, parameters.column, values)
  progress({ stage: 'validated', rows: values.length })

  const nodes = await readCommittee(client, {
    market: market.market,
    committeeId: pool.committeeId,
  })
  const shares = shareReplicated(encodeSigned(values))
  progress({ stage: 'shared', rows: values.length })
  const sealed = await Promise.all(
    nodes.map((node, index) =>
      seal(
        node.encryptionKey,
        encodeReplicatedShare(shares[index]!),
        uploadContext(market, poolId, index),
      ),
    ),
  )
  const sealedShareHashes = sealed.map((blob) => keccak256(blob))
  const commitment = contributionCommitment(sealedShareHashes)
  const rows = BigInt(values.length)
  const signature = await client.account.signTypedData!({
    domain: triadDomain({ chainId: market.chainId, verifyingContract: market.market }),
    types: uploadAuthorizationTypes,
    primaryType: 'Upload',
    message: { poolId, rows, commitment },
  })

  let uploaded = 0
  const receipts = await Promise.all(
    nodes.map(async (node, index) => {
      const receipt = await uploadToNode(node.apiUrl, {
        poolId: poolId.toString(),
        seller: client.account.address,
        rows: values.length,
        commitment,
        sealedShareHashes,
        sealedShare: Buffer.from(sealed[index]!).toString('base64'),
        signature,
      })
      uploaded += 1
      progress({ stage: 'uploaded', node: uploaded, of: nodes.length })
      return receipt
    }),
  )
  const { contributionId, gasUsed } = await contribute(client, {
    market: market.market,
    poolId,
    rows,
    commitment,
    receipts,
  })
  progress({ stage: 'registered', contributionId })
  return { contributionId, commitment, rows, gasUsed }
}
