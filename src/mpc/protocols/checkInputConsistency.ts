import { createHash } from 'node:crypto'
import { TriadError } from '../../errors/index.ts'
import { ringToBytes } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import { nextParty, previousParty, type ReplicatedShare } from '../sharing/index.ts'

const DIGEST_BYTES = 32

/**
 * Checks that inputs dealt by outside owners (sellers) are consistent replicated sharings: the
 * component x_{i+1} that party i holds as `second` must equal what party i+1 holds as `first`.
 * A seller who dealt inconsistent shares would otherwise make the output unopenable after the
 * buyer paid. Party i sends party i−1 a SHA-256 digest of each input's `first` and compares the
 * digests it receives from party i+1 with its own `second`. One round.
 *
 * @leakage none: party i−1 already holds x_i; a digest of it tells it nothing new.
 * @returns the indices of the inputs whose shares disagree (empty when all agree).
 * @example
 * const bad = await checkInputConsistency(session, contributions.map((c) => c.share))
 */
export async function checkInputConsistency(
  session: Session,
  inputs: readonly ReplicatedShare[],
): Promise<number[]> {
  const step = session.nextStep()
  const digest = (vector: BigUint64Array) =>
    createHash('sha256').update(ringToBytes(vector)).digest()
  const mine = Buffer.concat(inputs.map((input) => digest(input.first)))
  const party = session.partyIndex
  const [, theirs] = await Promise.all([
    session.send(previousParty(party), step, mine),
    session.receive(nextParty(party), step),
  ])
  if (theirs.length !== inputs.length * DIGEST_BYTES) {
    throw new TriadError(
      'TRIAD_ERR_PEER_PROTOCOL',
      'A peer sent digests for a different number of inputs',
      {
        details: `expected ${inputs.length * DIGEST_BYTES} bytes, got ${theirs.length}`,
      },
    )
  }
  const received = Buffer.from(theirs.buffer, theirs.byteOffset, theirs.byteLength)
  return inputs.flatMap((input, index) =>
    digest(input.second).equals(received.subarray(index * DIGEST_BYTES, (index + 1) * DIGEST_BYTES))
      ? []
      : [index],
  )
}
