import { TriadError } from '../errors/index.ts'
import { checkInputConsistency, type Session } from '../mpc/index.ts'
import { partyIndices, type ReplicatedShare } from '../mpc/sharing/index.ts'
import type { ContributionKey } from './InputCache.ts'
import type { SnapshotContribution } from './snapshotContributions.ts'

/** The contributions the three nodes already found consistent together, in earlier jobs. */
export interface VerifiedContributions {
  isVerified(contribution: ContributionKey): boolean
  markVerified(contributions: readonly ContributionKey[]): void
}

/** Sends `indices` to both peers and returns theirs, checked against `count`. */
async function exchangeIndices(
  session: Session,
  indices: readonly number[],
  count: number,
  what: string,
): Promise<number[][]> {
  const step = session.nextStep()
  const peers = partyIndices.filter((party) => party !== session.partyIndex)
  const message = new Uint8Array(Uint32Array.from(indices).buffer)
  await Promise.all(peers.map((peer) => session.send(peer, step, message)))
  const received = await Promise.all(peers.map((peer) => session.receive(peer, step)))
  return received.map((bytes) => {
    if (bytes.byteLength % 4 !== 0) {
      throw new TriadError('TRIAD_ERR_PEER_PROTOCOL', `A peer sent a malformed ${what}`)
    }
    // Copy: a received payload may be a view into a larger (pooled) buffer.
    const theirs = [...new Uint32Array(Uint8Array.from(bytes).buffer)]
    if (theirs.some((index) => index >= count)) {
      throw new TriadError(
        'TRIAD_ERR_PEER_PROTOCOL',
        `A peer's ${what} names an input that does not exist`,
      )
    }
    return theirs
  })
}

/**
 * Before computing, the nodes check that every seller dealt a consistent sharing
 * (`checkInputConsistency`) and tell each other what they found, so all three refuse together,
 * naming the contributions at fault, instead of delivering a result the buyer cannot open.
 *
 * With `verified`, a contribution is checked once, not in every job: the nodes first tell each
 * other which of the job's contributions they have not yet seen found consistent, and all three
 * check the union of those (the same list at each node); when it is empty the check is skipped.
 * Shares never change once stored, so a contribution found consistent stays consistent.
 */
export async function verifyInputs(
  session: Session,
  contributions: readonly SnapshotContribution[],
  shares: readonly ReplicatedShare[],
  verified?: VerifiedContributions,
): Promise<void> {
  let checked = contributions.map((_, index) => index)
  if (verified) {
    const mine = checked.filter((index) => !verified.isVerified(contributions[index]!))
    const theirs = await exchangeIndices(
      session,
      mine,
      contributions.length,
      'list of inputs to check',
    )
    const union = new Set([...mine, ...theirs.flat()])
    checked = [...union].sort((a, b) => a - b)
    if (checked.length === 0) return
  }
  const found = (
    await checkInputConsistency(
      session,
      checked.map((index) => shares[index]!),
    )
  ).map((position) => checked[position]!)
  const reported = await exchangeIndices(
    session,
    found,
    contributions.length,
    'consistency verdict',
  )
  const bad = new Set([...found, ...reported.flat()])
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
  verified?.markVerified(checked.map((index) => contributions[index]!))
}
