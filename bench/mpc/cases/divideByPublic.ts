import { divideByPublic, randomShares } from '../../../src/mpc/index.ts'
import type { BenchCase } from '../BenchCase.ts'

/** Division by a public integer that is not a power of two (BigInt division per element). */
export const divideByPublicCase: BenchCase = {
  name: 'divideByPublic',
  description: 'x / 1000 element-wise, stochastic rounding (one round)',
  batches: [100_000],
  prepare(session, batch) {
    const x = randomShares(session, batch)
    return () => divideByPublic(session, x, 1000n)
  },
}
