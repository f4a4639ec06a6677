import { multiply, randomShares } from '../../../src/mpc/index.ts'
import type { BenchCase } from '../BenchCase.ts'

/** Element-wise 64-bit products of two shared vectors (one round). */
export const multiplyCase: BenchCase = {
  name: 'multiply',
  description: '64-bit products, element-wise',
  batches: [100_000, 1_000_000, 10_000],
  target: { kind: 'opsPerSecond', atLeast: 10e6, stretch: 15e6 },
  prepare(session, batch) {
    const x = randomShares(session, batch)
    const y = randomShares(session, batch)
    return () => multiply(session, x, y)
  },
}
