import { TriadError } from '../../errors/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { type DotProductPair, dotProducts } from './dotProducts.ts'
import { dotProductsFixed } from './dotProductsFixed.ts'

/**
 * X^T·X for a shared n×d matrix X held as its d columns: the d×d matrix of the columns' dot
 * products, row-major, in one round. Each of the d(d+1)/2 distinct entries is one dot product
 * (`dotProducts`); the symmetric half is copied locally. With `fractionalBits` the columns are
 * fixed point and every entry is truncated back in the same round (`dotProductsFixed`).
 *
 * Cost: d(d+1)/2 ring elements sent per party, whatever n; one round. Local work 2·n multiplications
 * per entry.
 * @leakage none.
 * @example
 * const xtx = await gramMatrix(session, [ones, age, income], 16) // 3×3, fixed point
 */
export async function gramMatrix(
  session: Session,
  columns: readonly ReplicatedShare[],
  fractionalBits?: number,
): Promise<ReplicatedShare> {
  const d = columns.length
  if (d === 0)
    throw new TriadError('TRIAD_ERR_VECTOR_LENGTH_MISMATCH', 'X^T·X needs at least one column')
  const pairs: DotProductPair[] = []
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) pairs.push([columns[i]!, columns[j]!])
  const upper =
    fractionalBits === undefined
      ? await dotProducts(session, pairs)
      : await dotProductsFixed(session, pairs, fractionalBits)
  const first = new BigUint64Array(d * d)
  const second = new BigUint64Array(d * d)
  let k = 0
  for (let i = 0; i < d; i++)
    for (let j = i; j < d; j++, k++) {
      first[i * d + j] = first[j * d + i] = upper.first[k]!
      second[i * d + j] = second[j * d + i] = upper.second[k]!
    }
  return { first, second }
}
