import { randomShares, reciprocalFixed } from '../../../src/mpc/index.ts'
import type { BenchCase } from '../BenchCase.ts'

/** 1/x in fixed point (f = 16) by normalisation and Newton's iteration. */
export const reciprocalFixedCase: BenchCase = {
  name: 'reciprocalFixed',
  description: '1/x in fixed point, element-wise (24 rounds)',
  batches: [10_000],
  prepare(session, batch) {
    const x = randomShares(session, batch)
    // Positive values below 2^47 (the top 17 bits cleared; the values are still secret).
    for (const component of [x.first, x.second])
      for (let i = 0; i < batch; i++) component[i] = component[i]! >> 19n
    return () => reciprocalFixed(session, x, 16)
  },
}
