import type { Address, Hex, LocalAccount } from 'viem'
import { receiptTypes, triadDomain } from './eip712.ts'

export interface SignReceiptParameters {
  /** The node's signing account (its committee `signer`). */
  account: LocalAccount
  chainId: number
  market: Address
  poolId: bigint
  seller: Address
  rows: bigint
  commitment: Hex
}

/**
 * A node's EIP-712 receipt that it holds a seller's sealed shares for a pool; the seller passes
 * the three receipts to `contribute`.
 *
 * @example
 * const receipt = await signReceipt({ account: nodeAccount, chainId, market, poolId, seller, rows, commitment })
 */
export function signReceipt(parameters: SignReceiptParameters): Promise<Hex> {
  return parameters.account.signTypedData({
    domain: triadDomain({ chainId: parameters.chainId, verifyingContract: parameters.market }),
    types: receiptTypes,
    primaryType: 'Receipt',
    message: {
      poolId: parameters.poolId,
      seller: parameters.seller,
      rows: parameters.rows,
      commitment: parameters.commitment,
    },
  })
}
