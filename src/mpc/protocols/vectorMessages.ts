import { TriadError } from '../../errors/index.ts'
import { ringToBytes, ringView } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import type { PartyIndex } from '../sharing/index.ts'

/**
 * Sends a ring vector, or several one after the other, as the payload of `step` (8 bytes per
 * element, little-endian). The bytes are the vectors' own memory on a little-endian host, written
 * without joining: do not write to the vectors until the promise settles.
 */
export function sendVector(
  session: Session,
  to: PartyIndex,
  step: number,
  vector: BigUint64Array | readonly BigUint64Array[],
): Promise<void> {
  return session.send(
    to,
    step,
    vector instanceof BigUint64Array ? ringToBytes(vector) : vector.map(ringToBytes),
  )
}

/**
 * Receives the ring vector party `from` sent for `step`, which must have `length` elements. The
 * result is a view of the received payload when it is aligned (the transports align it), so no
 * byte is copied after the network read.
 *
 * @throws TriadError TRIAD_ERR_PEER_PROTOCOL if the length is wrong; the session is then aborted,
 * so the other parties stop too.
 */
export async function receiveVector(
  session: Session,
  from: PartyIndex,
  step: number,
  length: number,
): Promise<BigUint64Array> {
  const payload = await session.receive(from, step)
  if (payload.length !== length * 8) {
    const error = new TriadError(
      'TRIAD_ERR_PEER_PROTOCOL',
      `Party ${from} sent a vector of the wrong length`,
      {
        details: `step ${step}: ${payload.length} bytes, expected ${length * 8}`,
      },
    )
    session.abort(error)
    throw error
  }
  return ringView(payload, 0, length)
}
