import { type Address, type Hex, isHex } from 'viem'
import { z } from 'zod'
import { address, decimalString, hex32 } from './zodTypes.ts'

/** The largest upload body a node accepts (64 MiB). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024

/**
 * The most ring elements (rows × layout vectors) one upload can carry within
 * `MAX_UPLOAD_BYTES`: each element takes 16 bytes in a share (two components), base64 adds a
 * third, and the body keeps 4 KiB for the other fields, the share header and the HPKE overhead.
 * About 3.1 million: 3.1 million rows of a one-column pool, 450,000 of a seven-vector one.
 */
export const MAX_SHARE_ELEMENTS = Math.floor(((MAX_UPLOAD_BYTES - 4096) * 3) / 4 / 16)

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
