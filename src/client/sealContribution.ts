import { type Hex, keccak256 } from 'viem'
import type { NodeInfo, TriadClient } from '../chain/index.ts'
import { encodeReplicatedShare, type ReplicatedShares } from '../mpc/sharing/index.ts'
import { contributionCommitment } from '../protocol/commitment.ts'
import { type MarketRef, uploadContext } from '../protocol/contexts.ts'
import { triadDomain } from '../protocol/eip712.ts'
import { uploadAuthorizationTypes } from '../protocol/uploadAuthorization.ts'
import type { UploadRequestBody } from '../protocol/uploadRequest.ts'
import { seal } from '../sealing/index.ts'

/** A contribution ready to upload: one sealed, seller-signed upload per committee node. */
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
 * Seals node i's share to node i's key for this pool, commits to the three sealed blobs and
 * signs the seller's authorisation of the upload. Takes shares already dealt (see
 * `prepareContribution`, which validates, encodes and shares the rows first).
 *
 * @example
 * const prepared = await sealContribution(seller, { market, poolId, nodes, rows, shares: shareReplicated(encodeTable(table)) })
 */
export async function sealContribution(
  client: TriadClient,
  parameters: {
    market: MarketRef
    poolId: bigint
    nodes: readonly NodeInfo[]
    /** The rows the shares hold (each share is rows × the schema's layout vectors long). */
    rows: number
    shares: ReplicatedShares
  },
): Promise<PreparedContribution> {
  const { market, poolId, nodes, rows, shares } = parameters
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
  const signature = await client.account.signTypedData!({
    domain: triadDomain({ chainId: market.chainId, verifyingContract: market.market }),
    types: uploadAuthorizationTypes,
    primaryType: 'Upload',
    message: { poolId, rows: BigInt(rows), commitment },
  })
  const uploads = sealed.map((blob) => ({
    poolId: poolId.toString(),
    seller: client.account.address,
    rows,
    commitment,
    sealedShareHashes,
    sealedShare: bytesToBase64(blob),
    signature,
  }))
  return { poolId, rows: BigInt(rows), commitment, nodes, uploads }
}

/** Base64 of bytes without Node's `Buffer`, so sealing runs in a browser too. */
function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let start = 0; start < bytes.length; start += chunk) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunk))
  }
  return btoa(binary)
}
