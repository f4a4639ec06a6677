import type { Logger } from 'pino'
import { bytesToHex, type Hex, hexToBytes, keccak256 } from 'viem'
import { seededRandomSource } from '../algorithms/index.ts'
import { sessionIdForJob } from '../mpc/session/index.ts'
import { encodeReplicatedShare, type ReplicatedShare } from '../mpc/sharing/index.ts'
import { resultContext } from '../protocol/contexts.ts'
import { signResult } from '../protocol/signResult.ts'
import { seal } from '../sealing/index.ts'
import { joinTableShares } from '../table/index.ts'
import { agreeOnInputs } from './agreeOnInputs.ts'
import { type AuthorisedJob, notAuthorised } from './authoriseJob.ts'
import type { NodeContext } from './NodeContext.ts'
import { snapshotContributions } from './snapshotContributions.ts'
import { verifyInputs } from './verifyInputs.ts'

/** How long a job's MPC session may take before the node gives up on it. */
const SESSION_TIMEOUT_MS = 60_000

/**
 * Computes this node's part of a job it has authorised (`authoriseJob`): it reads the job's
 * snapshot from the chain and checks it against what was paid, agrees with its peers on the
 * inputs and checks that the sellers' shares are consistent, joins the contributions into one
 * table of the pool's schema (vector by vector), runs the algorithm over exactly that snapshot, seals its output share to the buyer's key and signs the EIP-712 attestation
 * (bound to the attempt) that the contract verifies.
 */
export async function computeJob(
  context: NodeContext,
  { job, algorithm, schema, params }: AuthorisedJob,
  attempt: number,
  log: Logger,
): Promise<{ sealedShare: Uint8Array; signature: Hex }> {
  const market = context.market.market
  const jobId = job.jobId
  const snapshot = snapshotContributions(context.store.index, job)
  const inputs = context.store.inputs
  const shares = snapshot.map((contribution) => {
    const share = inputs.share(contribution)
    if (!share) {
      throw notAuthorised(
        `This node holds no shares for contribution ${contribution.contributionId}`,
      )
    }
    return share
  })
  log.info(
    {
      contributions: snapshot.length,
      rows: job.rowsSnapshot.toString(),
      algorithm: algorithm.manifest.name,
    },
    'computing',
  )

  const session = await context.sessions.open({
    sessionId: sessionIdForJob(jobId, attempt),
    timeoutMs: SESSION_TIMEOUT_MS,
  })
  let output: ReplicatedShare
  try {
    await agreeOnInputs(session, {
      jobId,
      algorithmId: job.algorithmId,
      contributionIds: snapshot.map((contribution) => contribution.contributionId),
    })
    await verifyInputs(session, snapshot, shares, inputs)
    const table = joinTableShares(
      schema,
      snapshot.map((contribution, index) => ({
        rows: Number(contribution.rows),
        share: shares[index]!,
      })),
    )
    output = await algorithm.run({
      session,
      table,
      params,
      // Differential-privacy noise from this node's secret and the job: every attempt of the job
      // adds the same noise, so a retry reveals nothing new.
      noise: seededRandomSource(hexToBytes(context.keys.signingKey), `triad/dp-noise/v1/${jobId}`),
    })
  } finally {
    session.close()
  }

  const sealedShare = await seal(
    job.buyerKey,
    encodeReplicatedShare(output),
    resultContext(context.market, jobId, context.index),
  )
  const signature = await signResult({
    account: context.signer,
    chainId: context.market.chainId,
    market,
    jobId,
    attempt,
    sealedShare: bytesToHex(sealedShare),
  })
  log.info({ sealedShareHash: keccak256(sealedShare) }, 'result share sealed')
  return { sealedShare, signature }
}
