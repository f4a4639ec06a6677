import { multiplyFixed, randomShares } from '../../../src/mpc/index.ts'
import type { BenchCase } from '../BenchCase.ts'

/** Element-wise fixed-point products (16 fractional bits) with the truncation fused in. */
export const multiplyFixedCase: BenchCase = {
  name: 'multiplyFixed',
  description: 'fixed-point products with probabilistic truncation, element-wise',
  batches: [100_000, 1_000_000],
  target: { kind: 'opsPerSecond', atLeast: 2e6, stretch: 4.5e6 },
  prepare(session, batch) {
    const x = randomShares(session, batch)
    const y = randomShares(session, batch)
    return () => multiplyFixed(session, x, y, 16)
  },
}
