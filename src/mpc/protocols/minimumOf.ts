import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { reduceVector } from './circuits/reduceVector.ts'
import { minimum } from './minimum.ts'

/**
 * The smallest element of a vector of signed 64-bit integers, as a one-element share, by a tree
 * of element-wise minimums: ⌈log2 n⌉ levels of 11 rounds, n − 1 comparisons and selections in all.
 * Exact when no two elements differ by 2^63 or more.
 *
 * @throws TriadError TRIAD_ERR_VECTOR_EMPTY for an empty vector.
 * @leakage none
 * @example
 * const lowest = await minimumOf(session, column)
 */
export function minimumOf(session: Session, x: ReplicatedShare): Promise<ReplicatedShare> {
  return reduceVector(session, x, minimum, 'minimum')
}
