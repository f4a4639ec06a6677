import { TriadError } from '../../errors/index.ts'
import { ringFromBytes, ringToBytes } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import type { PartyIndex } from '../sharing/index.ts'

/** Sends a ring vector as the payload of `step` (8 bytes per element, little-endian). */
export function sendVector(
  session: Session,
  to: PartyIndex,
  step: number,
  vector: BigUint64Array,
): Promise<void> {
  return session.send(to, step, ringToBytes(vector))
}

/**
 * Receives the ring vector party `from` sent for `step`, which must have `length` elements.
 *
 * @throws TriadError TRIAD_ERR_PEER_PROTOCOL if the length is wrong.
 */
export async function receiveVector(
  session: Session,
  from: PartyIndex,
  step: number,
  length: number,
): Promise<BigUint64Array> {
  const payload = await session.receive(from, step)
  if (payload.length !== length * 8)
    throw new TriadError(
      'TRIAD_ERR_PEER_PROTOCOL',
      `Party ${from} sent a vector of the wrong length`,
      {
        details: `step ${step}: ${payload.length} bytes, expected ${length * 8}`,
      },
    )
  return ringFromBytes(payload, 0, length)
}
