import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'

/**
 * A replicated sharing of `length` uniformly random ring elements that no party knows, without
 * communication. Component r_i comes from the PRF keyed by k_i, which parties i and i−1 hold:
 * party i draws (r_i, r_{i+1}) as (ownRandom, nextRandom). All parties call it with the same length
 * at the same point of the program.
 *
 * Cost: no communication, 16 bytes of AES-CTR keystream per element.
 * @leakage none: r = r_0 + r_1 + r_2 and each party misses one component.
 * @example
 * const mask = randomShares(session, 1000)
 */
export function randomShares(session: Session, length: number): ReplicatedShare {
  return { first: session.ownRandom(length), second: session.nextRandom(length) }
}
