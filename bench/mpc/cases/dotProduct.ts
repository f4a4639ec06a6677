import { dotProduct, randomShares } from '../../../src/mpc/index.ts'
import type { BenchCase } from '../BenchCase.ts'

/** One 64-bit dot product of two shared vectors of the batch's length (one round, 8 bytes). */
export const dotProductCase: BenchCase = {
  name: 'dotProduct',
  description: 'one dot product of two vectors of the batch length',
  batches: [1_000_000, 100_000],
  operationsPerCall: () => 1,
  target: { kind: 'msPerCall', atMost: 10, stretch: 3 },
  prepare(session, batch) {
    const x = randomShares(session, batch)
    const y = randomShares(session, batch)
    return () => dotProduct(session, x, y)
  },
}
