import { type Address, type Hex, isHex } from 'viem'
import { z } from 'zod'
import { address, decimalString, hex32 } from './zodTypes.ts'

/**
 * The body of `POST /v1/uploads`: a seller's shares for one node, sealed to that node's key,
 * with the hashes of all three sealed blobs (so the node can check the commitment) and the
 * seller's signature over the upload (so nobody can write in another seller's name).
 */
export const uploadRequestSchema = z.object({
  poolId: decimalString,
  seller: address,
  rows: z.number().int().positive().max(10_000_000),
  commitment: hex32,
  sealedShareHashes: z.array(hex32).length(3),
  /** The sealed share, base64. */
  sealedShare: z.string().base64(),
  /** The seller's EIP-712 `Upload` signature. */
  signature: z.string().refine((value) => isHex(value) && value.length === 132, '65 bytes of hex'),
})

export type UploadRequest = z.output<typeof uploadRequestSchema>
export type UploadRequestBody = z.input<typeof uploadRequestSchema>

/** What a node answers to an accepted upload. */
export interface UploadReceipt {
  readonly nodeIndex: number
  readonly seller: Address
  /** The node's EIP-712 `Receipt` signature, passed to the contract's `contribute`. */
  readonly receipt: Hex
}
