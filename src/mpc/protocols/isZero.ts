import type { BooleanShare } from '../boolean/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { zeroOfDifference } from './circuits/differenceTests.ts'

/**
 * 1 where x = 0 (mod 2^64), as packed secret bits. A dedicated zero test, cheaper than a
 * comparison: x = a + b with a dealt by one party and b known to the two others
 * (`dealSummands`), so x = 0 exactly when a = −b, that is when every bit of a ⊕ (−b) is 0.
 * NOT those 64 bits and AND them by a tree.
 *
 * Cost: 7 rounds; per element and party about 84 bits sent (21 for the deal, 63 ANDs), ≈ 11 bytes.
 *
 * @leakage none
 * @example
 * const zero = await isZero(session, x)
 */
export function isZero(session: Session, x: ReplicatedShare): Promise<BooleanShare> {
  return zeroOfDifference(session, x, undefined)
}
