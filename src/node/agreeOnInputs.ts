import { createHash } from 'node:crypto'
import { type Hex, hexToBytes, numberToHex } from 'viem'
import { TriadError } from '../errors/index.ts'
import type { Session } from '../mpc/session/index.ts'
import { partyIndices } from '../mpc/sharing/index.ts'

/**
 * The first step of every job session: each node sends the others a digest of what it is about
 * to compute (the job, the algorithm, the contribution ids of the snapshot) and checks theirs.
 * Nodes whose chain views differ abort together instead of computing over different rows.
 */
export async function agreeOnInputs(
  session: Session,
  inputs: { jobId: bigint; algorithmId: Hex; contributionIds: readonly bigint[] },
): Promise<void> {
  // sha256(jobId || algorithmId || each contribution id), each as 32 bytes big-endian: packed by
  // hand, since a snapshot may list thousands of ids and this runs for every job.
  const packed = new Uint8Array(32 * (2 + inputs.contributionIds.length))
  packed.set(hexToBytes(numberToHex(inputs.jobId, { size: 32 })), 0)
  packed.set(hexToBytes(inputs.algorithmId, { size: 32 }), 32)
  const view = new DataView(packed.buffer)
  inputs.contributionIds.forEach((id, index) => {
    if (id >= 1n << 64n) throw new RangeError(`contribution id ${id} does not fit 64 bits`)
    view.setBigUint64(64 + 32 * index + 24, id)
  })
  const digest = createHash('sha256').update(packed).digest()
  const step = session.nextStep()
  const peers = partyIndices.filter((party) => party !== session.partyIndex)
  await Promise.all(peers.map((peer) => session.send(peer, step, digest)))
  const theirs = await Promise.all(peers.map((peer) => session.receive(peer, step)))
  theirs.forEach((their, position) => {
    if (Buffer.compare(Buffer.from(their), Buffer.from(digest)) !== 0) {
      throw new TriadError('TRIAD_ERR_PEER_PROTOCOL', 'The nodes disagree on the job’s inputs', {
        details: `node ${peers[position]} computed a different digest of job ${inputs.jobId}'s algorithm and snapshot`,
        hint: 'A node reads a different chain state (lagging RPC or reorg); the job is retried.',
        retryable: true,
      })
    }
  })
}
