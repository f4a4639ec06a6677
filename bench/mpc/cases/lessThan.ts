import { lessThan, randomShares } from '../../../src/mpc/index.ts'
import type { BenchCase } from '../BenchCase.ts'

/** Element-wise x < y of shared signed 64-bit values, secret bits out (8 rounds). */
export const lessThanCase: BenchCase = {
  name: 'lessThan',
  description: '64-bit signed x < y, element-wise, secret bits out',
  batches: [100_000, 1_000_000, 10_000],
  target: { kind: 'opsPerSecond', atLeast: 1e6, stretch: 3e6 },
  prepare(session, batch) {
    const x = randomShares(session, batch)
    const y = randomShares(session, batch)
    return () => lessThan(session, x, y)
  },
}
