import { createHash } from 'node:crypto'
import { type ReplicatedShare, type Session, sortByKey } from '../../../src/mpc/index.ts'
import type { BenchCase } from '../BenchCase.ts'

/** 32-bit keys, the same at every party, shared with no randomness (see `sortByKey.ts`). */
function narrowKeys(session: Session, batch: number): ReplicatedShare {
  const keys = new BigUint64Array(batch)
  for (let start = 0; start < batch; start += 8) {
    const digest = createHash('sha256').update(`bench-sort-narrow-${start}`).digest()
    for (let j = 0; j < 8 && start + j < batch; j++)
      keys[start + j] = BigInt.asUintN(64, BigInt(digest.readInt32LE(4 * j)))
  }
  const zeros = new BigUint64Array(batch)
  const party = session.partyIndex
  if (party === 0) return { first: keys, second: zeros }
  if (party === 2) return { first: zeros, second: keys }
  return { first: zeros, second: zeros.slice() }
}

/** Sorting keys known to fit in 32 bits (`keyBits: 32`: one narrow sign test per comparison). */
export const sortByKeyNarrowCase: BenchCase = {
  name: 'sortByKey32',
  description: 'sort one vector of 32-bit keys (keyBits 32)',
  batches: [100_000],
  operationsPerCall: () => 1,
  target: { kind: 'msPerCall', atMost: 15_000, stretch: 8_000 },
  prepare(session, batch) {
    const key = narrowKeys(session, batch)
    return () => sortByKey(session, key, [], { keyBits: 32 })
  },
}
