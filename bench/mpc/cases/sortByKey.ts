import { createHash } from 'node:crypto'
import { type ReplicatedShare, type Session, sortByKey } from '../../../src/mpc/index.ts'
import type { BenchCase } from '../BenchCase.ts'

/**
 * Keys in [−2^61, 2^61) (where comparisons are exact), the same at every party, shared with no
 * randomness (component x_0 holds them): the cost of sorting does not depend on how the shares
 * look, and the parties need not talk to make them.
 */
function benchKeys(session: Session, batch: number): ReplicatedShare {
  const keys = new BigUint64Array(batch)
  for (let start = 0; start < batch; start += 4) {
    const digest = createHash('sha256').update(`bench-sort-${start}`).digest()
    for (let j = 0; j < 4 && start + j < batch; j++)
      keys[start + j] = BigInt.asUintN(64, BigInt.asIntN(62, digest.readBigUInt64LE(8 * j)))
  }
  const zeros = new BigUint64Array(batch)
  const party = session.partyIndex
  if (party === 0) return { first: keys, second: zeros }
  if (party === 2) return { first: zeros, second: keys }
  return { first: zeros, second: zeros.slice() }
}

/** Sorting a shared vector of 64-bit keys (shuffle, then quicksort with opened comparisons). */
export const sortByKeyCase: BenchCase = {
  name: 'sortByKey',
  description: 'sort one vector of the batch length (64-bit keys)',
  batches: [100_000, 10_000],
  operationsPerCall: () => 1,
  target: { kind: 'msPerCall', atMost: 15_000, stretch: 8_000 },
  prepare(session, batch) {
    const key = benchKeys(session, batch)
    return () => sortByKey(session, key)
  },
}
