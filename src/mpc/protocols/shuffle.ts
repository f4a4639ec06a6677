import { TriadError } from '../../errors/index.ts'
import type { Session } from '../session/index.ts'
import {
  nextParty,
  type PartyIndex,
  partyIndices,
  previousParty,
  type ReplicatedShare,
} from '../sharing/index.ts'
import { randomPermutation } from './circuits/randomPermutation.ts'
import { receiveVector, sendVector } from './vectorMessages.ts'

/**
 * Shuffles the rows of a table of shared columns (all of one length) by a random permutation that
 * no single party knows, the same permutation for every column. Resharing-based, three passes.
 * In the pass of the pair (a, a+1), who share the PRF key k_{a+1} and so a permutation π, the
 * third party c = a+2 knowing nothing of it:
 *
 * - a holds y_a = x_a + x_{a+1} and b = a+1 holds y_b = x_{a+2}: a 2-out-of-2 sharing of x.
 * - Each applies π. The new components w_a (from k_a, known to a and c) and w_{a+2} (from k_{a+2},
 *   known to b and c) are pseudorandom; a sends π(y_a) − w_a to b, b sends π(y_b) − w_{a+2} to a,
 *   and both add them up to w_{a+1} = π(x) − w_a − w_{a+2}.
 *
 * Passes with the pairs (0, 1), (1, 2) and (2, 0) compose three permutations; each party misses
 * one of them, so the composition is uniformly random to every single party.
 *
 * Cost: 3 rounds; per row and column each party sends 2 ring elements (8 bytes in two of the three
 * passes).
 *
 * @leakage none: a party receives only values masked by a component it does not hold, and its new
 * share is fresh pseudorandomness or such a masked sum.
 * @example
 * const [key, payload] = await shuffle(session, [key, payload])
 */
export async function shuffle(
  session: Session,
  columns: readonly ReplicatedShare[],
): Promise<ReplicatedShare[]> {
  const n = columns[0]?.first.length ?? 0
  for (const [index, column] of columns.entries())
    if (column.first.length !== n || column.second.length !== n)
      throw new TriadError(
        'TRIAD_ERR_VECTOR_LENGTH_MISMATCH',
        'Shuffled columns differ in length',
        {
          details: `column 0 has ${n} rows, column ${index} has ${column.first.length} and ${column.second.length}`,
          hint: 'A shuffle permutes the rows of one table; pass columns of one length.',
        },
      )
  let current = joinColumns(columns, n)
  for (const a of partyIndices) current = await shufflePass(session, current, n, a)
  return splitColumns(current, columns.length, n)
}

/** One pass: the pair (a, a+1) applies the permutation they share. One round. */
async function shufflePass(
  session: Session,
  x: ReplicatedShare,
  n: number,
  a: PartyIndex,
): Promise<ReplicatedShare> {
  const party = session.partyIndex
  const total = x.first.length
  const step = session.nextStep()
  if (party === previousParty(a)) {
    // Party c: both new components are pseudorandom, w_{a+2} from k_{a+2}, w_a from k_a.
    return { first: session.ownRandom(total), second: session.nextRandom(total) }
  }
  const isA = party === a
  const permutation = randomPermutation(isA ? session.nextRandom(4) : session.ownRandom(4), n)
  const mine = isA ? session.ownRandom(total) : session.nextRandom(total)
  const sent = new BigUint64Array(total)
  for (let offset = 0; offset < total; offset += n)
    for (let i = 0; i < n; i++) {
      const from = offset + permutation[i]!
      const y = isA ? x.first[from]! + x.second[from]! : x.second[from]!
      sent[offset + i] = y - mine[offset + i]!
    }
  const peer = isA ? nextParty(party) : previousParty(party)
  const [, received] = await Promise.all([
    sendVector(session, peer, step, sent),
    receiveVector(session, peer, step, total),
  ])
  const middle = new BigUint64Array(total)
  for (let i = 0; i < total; i++) middle[i] = sent[i]! + received[i]!
  return isA ? { first: mine, second: middle } : { first: middle, second: mine }
}

function joinColumns(columns: readonly ReplicatedShare[], n: number): ReplicatedShare {
  const first = new BigUint64Array(columns.length * n)
  const second = new BigUint64Array(columns.length * n)
  for (const [c, column] of columns.entries()) {
    first.set(column.first, c * n)
    second.set(column.second, c * n)
  }
  return { first, second }
}

function splitColumns(joined: ReplicatedShare, count: number, n: number): ReplicatedShare[] {
  return Array.from({ length: count }, (_, c) => ({
    first: joined.first.subarray(c * n, (c + 1) * n),
    second: joined.second.subarray(c * n, (c + 1) * n),
  }))
}
