import { type Hex, keccak256 } from 'viem'
import { type NodeInfo, readCommittee, readPool, type TriadClient } from '../chain/index.ts'
import { encodeSigned } from '../mpc/ring/index.ts'
import { encodeReplicatedShare, shareReplicated } from '../mpc/sharing/index.ts'
import { contributionCommitment } from '../protocol/commitment.ts'
import { type MarketRef, uploadContext } from '../protocol/contexts.ts'
import { triadDomain } from '../protocol/eip712.ts'
import { poolSchemaFromUri, validateColumnValues } from '../protocol/poolSchema.ts'
import { uploadAuthorizationTypes } from '../protocol/uploadAuthorization.ts'
import type { UploadRequestBody } from '../protocol/uploadRequest.ts'
import { seal } from '../sealing/index.ts'

export interface PrepareContributionParameters {
  market: MarketRef
  poolId: bigint
  /** The column the values belong to. */
  column: string
  values: readonly bigint[]
}

export interface PreparedContribution {
  readonly poolId: bigint
  readonly rows: bigint
  readonly commitment: Hex
  /** The pool's committee, in seat order. */
  readonly nodes: readonly NodeInfo[]
  /** The upload for node i, sealed to node i's key and signed by the seller. */
  readonly uploads: readonly UploadRequestBody[]
}

/**
 * Everything a contribution needs before it touches the network: the values validated against
 * the pool's schema (from the chain, checked against its hash), split into 3-party replicated
 * shares over Z_2^64, each node's share sealed to that node's key for this pool, the commitment
 * to the three sealed blobs, and the seller's signature authorising the upload.
 *
 * @example
 * const prepared = await prepareContribution(seller, { market, poolId: 1n, column: 'value', values })
 */
export async function prepareContribution(
  client: TriadClient,
  parameters: PrepareContributionParameters,
): Promise<PreparedContribution> {
  const { market, poolId, values } = parameters
  const pool = await readPool(client, { market: market.market, poolId })
  const schema = poolSchemaFromUri(pool.schemaURI, pool.schemaHash)
  validateColumnValues(schema, parameters.column, values)

  const nodes = await readCommittee(client, {
    market: market.market,
    committeeId: pool.committeeId,
  })
  const shares = shareReplicated(encodeSigned(values))
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
  const uploads = sealed.map((blob) => ({
    poolId: poolId.toString(),
    seller: client.account.address,
    rows: values.length,
    commitment,
    sealedShareHashes,
    sealedShare: Buffer.from(blob).toString('base64'),
    signature,
  }))
  return { poolId, rows, commitment, nodes, uploads }
}
