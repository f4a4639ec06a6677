import { TriadError } from '../errors/index.ts'
import { checkInputConsistency, type Session } from '../mpc/index.ts'
import { partyIndices, type ReplicatedShare } from '../mpc/sharing/index.ts'
import type { SnapshotContribution } from './snapshotContributions.ts'

/**
 * Before computing, the nodes check that every seller dealt a consistent sharing
 * (`checkInputConsistency`) and tell each other what they found, so all three refuse together,
 * naming the contributions at fault, instead of delivering a result the buyer cannot open.
 */
export async function verifyInputs(
  session: Session,
  contributions: readonly (SnapshotContribution & { share: ReplicatedShare })[],
): Promise<void> {
  const found = await checkInputConsistency(
    session,
    contributions.map((contribution) => contribution.share),
  )
  const step = session.nextStep()
  const peers = partyIndices.filter((party) => party !== session.partyIndex)
  const message = new Uint32Array(found)
  await Promise.all(peers.map((peer) => session.send(peer, step, new Uint8Array(message.buffer))))
  const reported = await Promise.all(peers.map((peer) => session.receive(peer, step)))
  const bad = new Set(found)
  for (const bytes of reported) {
    if (bytes.byteLength % 4 !== 0) {
      throw new TriadError('TRIAD_ERR_PEER_PROTOCOL', 'A peer sent a malformed consistency verdict')
    }
    // Copy: a received payload may be a view into a larger (pooled) buffer.
    const indices = new Uint32Array(Uint8Array.from(bytes).buffer)
    for (const index of indices) {
      if (index >= contributions.length) {
        throw new TriadError(
          'TRIAD_ERR_PEER_PROTOCOL',
          'A peer reported an input that does not exist',
        )
      }
      bad.add(index)
    }
  }
  if (bad.size > 0) {
    const named = [...bad]
      .sort((a, b) => a - b)
      .map((index) => {
        const contribution = contributions[index]!
        return `contribution ${contribution.contributionId} of ${contribution.seller}`
      })
    throw new TriadError('TRIAD_ERR_SHARES_DISAGREE', 'A seller dealt inconsistent shares', {
      details: named.join('; '),
      hint: 'The job cannot be computed over this snapshot: the nodes sign a refusal, which refunds the buyer at once.',
    })
  }
}
