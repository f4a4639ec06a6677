import { gramMatrix, randomShares } from '../../../src/mpc/index.ts'
import type { BenchCase } from '../BenchCase.ts'

/** X^T·X of five fixed-point columns of the batch's length, truncated in the same round. */
export const gramMatrixCase: BenchCase = {
  name: 'gramMatrix5',
  description: 'X^T·X of 5 fixed-point columns (15 dot products, one round)',
  batches: [100_000, 1_000_000],
  operationsPerCall: () => 1,
  prepare(session, batch) {
    const columns = Array.from({ length: 5 }, () => randomShares(session, batch))
    return () => gramMatrix(session, columns, 16)
  },
}
