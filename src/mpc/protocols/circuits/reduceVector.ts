import { TriadError } from '../../../errors/index.ts'
import type { Session } from '../../session/index.ts'
import type { ReplicatedShare } from '../../sharing/index.ts'

/** An element-wise operation on two shared vectors of equal length. */
export type PairwiseOperation = (
  session: Session,
  x: ReplicatedShare,
  y: ReplicatedShare,
) => Promise<ReplicatedShare>

/**
 * Folds a vector to one element by a balanced tree of `combine`: each level combines the first
 * half with the second half in one batch (an odd element waits for the next level), so a vector of
 * n elements takes ⌈log2 n⌉ levels.
 *
 * @throws TriadError TRIAD_ERR_VECTOR_EMPTY for an empty vector.
 */
export async function reduceVector(
  session: Session,
  x: ReplicatedShare,
  combine: PairwiseOperation,
  what: string,
): Promise<ReplicatedShare> {
  if (x.first.length === 0)
    throw new TriadError('TRIAD_ERR_VECTOR_EMPTY', `The ${what} of an empty vector is undefined`, {
      hint: 'Check that the column has rows before asking for its extremes.',
    })
  let current = x
  while (current.first.length > 1) {
    const length = current.first.length
    const half = Math.floor(length / 2)
    const low = { first: current.first.subarray(0, half), second: current.second.subarray(0, half) }
    const high = {
      first: current.first.subarray(half, 2 * half),
      second: current.second.subarray(half, 2 * half),
    }
    const combined = await combine(session, low, high)
    const nextLength = half + (length % 2)
    const first = new BigUint64Array(nextLength)
    const second = new BigUint64Array(nextLength)
    first.set(combined.first)
    second.set(combined.second)
    if (length % 2 === 1) {
      first[half] = current.first[length - 1]!
      second[half] = current.second[length - 1]!
    }
    current = { first, second }
  }
  return current
}
