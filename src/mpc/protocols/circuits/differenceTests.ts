import { type BooleanShare, notBits, xorBits } from '../../boolean/index.ts'
import type { Session } from '../../session/index.ts'
import type { ReplicatedShare } from '../../sharing/index.ts'
import { andOfPlanesCircuit, signBitCircuit } from './carryCircuits.ts'
import { runCircuit } from './circuit.ts'
import { dealSummands } from './dealSummands.ts'

/** The sign bit of x − minus (or of x) read as a `width`-bit two's complement number. */
export async function signOfDifference(
  session: Session,
  x: ReplicatedShare,
  minus: ReplicatedShare | undefined,
  width: number,
): Promise<BooleanShare> {
  const { a, b, wordsPerPlane } = await dealSummands(session, x, {
    planes: width,
    sum: true,
    negated: false,
    minus,
  })
  return runCircuit(session, signBitCircuit(a, b!, wordsPerPlane, width))
}

/**
 * 1 where x − minus (or x) is 0 mod 2^width (default 64): a = −b, so NOT(a ⊕ −b) is all ones in
 * the low `width` planes.
 */
export async function zeroOfDifference(
  session: Session,
  x: ReplicatedShare,
  minus: ReplicatedShare | undefined,
  width = 64,
): Promise<BooleanShare> {
  const { a, bNegated, wordsPerPlane } = await dealSummands(session, x, {
    planes: width,
    sum: false,
    negated: true,
    minus,
  })
  // In place: a ⊕ (−b), then NOT, over −b's own buffers.
  const same = notBits(xorBits(a, bNegated!, bNegated), session.partyIndex, bNegated)
  return runCircuit(session, andOfPlanesCircuit(same, wordsPerPlane, width))
}
