import type { ReplicatedShare } from './ReplicatedShare.ts'

/**
 * One party's shares of several vectors, joined end to end into its share of the concatenated
 * vector (for example every seller's rows into one column). Local, no communication.
 *
 * @example
 * const column = concatenateShares([sellerA, sellerB])
 */
export function concatenateShares(shares: readonly ReplicatedShare[]): ReplicatedShare {
  const length = shares.reduce((total, share) => total + share.first.length, 0)
  const first = new BigUint64Array(length)
  const second = new BigUint64Array(length)
  let offset = 0
  for (const share of shares) {
    first.set(share.first, offset)
    second.set(share.second, offset)
    offset += share.first.length
  }
  return { first, second }
}
