import { type Hex, keccak256, recoverTypedDataAddress } from 'viem'
import { readPool } from '../chain/index.ts'
import { TriadError } from '../errors/index.ts'
import { decodeReplicatedShare } from '../mpc/sharing/index.ts'
import { contributionCommitment } from '../protocol/commitment.ts'
import { uploadContext } from '../protocol/contexts.ts'
import { triadDomain } from '../protocol/eip712.ts'
import { poolSchemaFromUri } from '../protocol/schema/index.ts'
import { signReceipt } from '../protocol/signReceipt.ts'
import { uploadAuthorizationTypes } from '../protocol/uploadAuthorization.ts'
import type { UploadReceipt, UploadRequest } from '../protocol/uploadRequest.ts'
import { open } from '../sealing/index.ts'
import { tableLayout } from '../table/index.ts'
import type { NodeContext } from './NodeContext.ts'

/**
 * Validates a seller's upload and, only once it is stored, signs the receipt the contract needs.
 * Checks, in order: the pool exists and is served by this node's committee; the seller signed
 * this upload; the commitment covers the three blob hashes; this node's blob is the committed
 * one; it opens under this node's key for this pool; it decodes to a share of exactly `rows`
 * rows of the pool's schema (rows × the vectors of its layout: values and availability masks). A replay of the same upload returns the same receipt and changes nothing; an upload of a
 * contribution the chain shows revoked is refused (its shares were, or will be, deleted).
 */
export async function acceptUpload(
  context: NodeContext,
  request: UploadRequest,
): Promise<UploadReceipt> {
  const poolId = BigInt(request.poolId)
  const rows = BigInt(request.rows)
  const pool = await readPool(context.chain, { market: context.market.market, poolId })
  if (pool.committeeId !== context.config.committeeId) {
    throw reject(`Pool ${poolId} is served by committee ${pool.committeeId}, not this node's`, {
      hint: "Upload to the nodes of the pool's committee (readCommittee).",
    })
  }

  const signer = await recoverTypedDataAddress({
    domain: triadDomain({
      chainId: context.market.chainId,
      verifyingContract: context.market.market,
    }),
    types: uploadAuthorizationTypes,
    primaryType: 'Upload',
    message: { poolId, rows, commitment: request.commitment },
    signature: request.signature as Hex,
  }).catch(() => undefined)
  if (signer !== request.seller) {
    throw new TriadError(
      'TRIAD_ERR_UPLOAD_UNAUTHENTICATED',
      'The upload is not signed by its seller',
      {
        details: `signed by ${signer ?? 'nobody (malformed signature)'}, seller field ${request.seller}`,
        hint: 'Sign the Upload(poolId, rows, commitment) typed data with the seller account.',
      },
    )
  }

  if (context.store.index.isRevoked(poolId, request.seller, request.commitment)) {
    throw reject('This contribution was revoked on chain; its shares are not taken again', {
      details: `pool ${poolId}, seller ${request.seller}, commitment ${request.commitment}`,
      hint: 'Contribute the rows again under a new commitment (prepareContribution makes one).',
    })
  }
  if (contributionCommitment(request.sealedShareHashes) !== request.commitment) {
    throw reject('The commitment does not cover the three sealed share hashes', {
      hint: 'commitment = keccak256(abi.encode(bytes32[3] sealedShareHashes)).',
    })
  }
  const sealed = new Uint8Array(Buffer.from(request.sealedShare, 'base64'))
  const ownHash = keccak256(sealed)
  if (ownHash !== request.sealedShareHashes[context.index]) {
    throw reject(`The sealed share is not the one committed for node ${context.index}`, {
      details: `hash ${ownHash}, committed ${request.sealedShareHashes[context.index]}`,
      hint: 'Send each node the blob sealed to its own key, in committee order.',
    })
  }

  const plain = await open(
    context.keys.sealing.privateKey,
    sealed,
    uploadContext(context.market, poolId, context.index),
  ).catch((cause: unknown) => {
    throw reject('The sealed share does not open under this node’s key for this pool', {
      hint: 'Seal to the encryptionKey of this node as registered in the committee.',
      cause,
    })
  })
  const share = decodeReplicatedShare(plain)
  const layout = tableLayout(poolSchemaFromUri(pool.schemaURI, pool.schemaHash))
  const expected = request.rows * layout.vectors.length
  if (share.first.length !== expected) {
    throw reject(
      `The share holds ${share.first.length} elements; ${request.rows} rows of this pool need ${expected}`,
      {
        details: `${layout.vectors.length} vectors per row: ${layout.vectors.map((vector) => vector.name).join(', ')}`,
        hint: "Encode the rows with the pool's schema (encodeTable): rows × vectors, column-major.",
      },
    )
  }

  const existing = context.store.findUpload(poolId, request.seller, request.commitment)
  if (existing) {
    return { nodeIndex: context.index, seller: request.seller, receipt: existing.receipt }
  }
  const receipt = await signReceipt({
    account: context.signer,
    chainId: context.market.chainId,
    market: context.market.market,
    poolId,
    seller: request.seller,
    rows,
    commitment: request.commitment,
  })
  const stored = context.store.saveUpload({
    poolId,
    seller: request.seller,
    commitment: request.commitment,
    rows: request.rows,
    share: plain,
    receipt,
  })
  context.logger.info(
    { poolId: request.poolId, seller: request.seller, rows: request.rows },
    'upload stored',
  )
  return { nodeIndex: context.index, seller: request.seller, receipt: stored.receipt }
}

function reject(
  message: string,
  options: { details?: string; hint?: string; cause?: unknown } = {},
) {
  return new TriadError('TRIAD_ERR_UPLOAD_REJECTED', message, options)
}
