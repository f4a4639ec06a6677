import { equal, randomShares } from '../../../src/mpc/index.ts'
import type { BenchCase } from '../BenchCase.ts'

/** Element-wise x = y of shared 64-bit values, secret bits out (7 rounds). */
export const equalCase: BenchCase = {
  name: 'equal',
  description: '64-bit x = y, element-wise, secret bits out',
  batches: [100_000, 1_000_000, 10_000],
  target: { kind: 'opsPerSecond', atLeast: 1e6, stretch: 2.5e6 },
  prepare(session, batch) {
    const x = randomShares(session, batch)
    const y = randomShares(session, batch)
    return () => equal(session, x, y)
  },
}
