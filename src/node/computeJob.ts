import type { Logger } from 'pino'
import { bytesToHex, type Hex, keccak256 } from 'viem'
import { getBlock } from 'viem/actions'
import { findAlgorithm } from '../algorithms/library.ts'
import { readJob, readPool } from '../chain/index.ts'
import { TriadError } from '../errors/index.ts'
import { sessionIdForJob } from '../mpc/session/index.ts'
import {
  decodeReplicatedShare,
  encodeReplicatedShare,
  type ReplicatedShare,
} from '../mpc/sharing/index.ts'
import { resultContext } from '../protocol/contexts.ts'
import { signResult } from '../protocol/signResult.ts'
import { seal } from '../sealing/index.ts'
import { agreeOnInputs } from './agreeOnInputs.ts'
import type { NodeContext } from './NodeContext.ts'
import { snapshotContributions } from './snapshotContributions.ts'

/** How long a job's MPC session may take before the node gives up on it. */
const SESSION_TIMEOUT_MS = 60_000

/**
 * Computes this node's part of a job: it authorises the job against the chain itself (pending,
 * not expired, its committee, a known algorithm, the paid snapshot), runs the algorithm with
 * its peers over the shares of exactly that snapshot, seals its output share to the buyer's
 * key and signs the EIP-712 attestation the contract verifies.
 */
export async function computeJob(
  context: NodeContext,
  jobId: bigint,
  attempt: number,
  log: Logger,
): Promise<{ sealedShare: Uint8Array; signature: Hex }> {
  const market = context.market.market
  const job = await readJob(context.chain, { market, jobId })
  if (job.state !== 'pending') {
    throw notAuthorised(`Job ${jobId} is ${job.state}, not pending`)
  }
  const { timestamp } = await getBlock(context.chain, { blockTag: 'latest' })
  if (timestamp > job.deadline) throw notAuthorised(`Job ${jobId} passed its deadline`)
  const pool = await readPool(context.chain, { market, poolId: job.poolId })
  if (pool.committeeId !== context.config.committeeId) {
    throw notAuthorised(`Job ${jobId} belongs to committee ${pool.committeeId}, not this node's`)
  }
  const algorithm = findAlgorithm(job.algorithmId)
  const snapshot = await snapshotContributions(context.chain, {
    market,
    fromBlock: context.config.chain.deployBlock,
    job,
  })
  const shares = snapshot.map((contribution) => {
    const upload = context.store.findUpload(
      job.poolId,
      contribution.seller,
      contribution.commitment,
    )
    if (!upload) {
      throw notAuthorised(
        `This node holds no shares for contribution ${contribution.contributionId}`,
      )
    }
    return decodeReplicatedShare(upload.share)
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
    output = await algorithm.run({ session, columns: [concatenate(shares)] })
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

function concatenate(shares: readonly ReplicatedShare[]): ReplicatedShare {
  const length = shares.reduce((total, share) => total + share.first.length, 0)
  const first = new BigUint64Array(length)
  const second = new BigUint64Array(length)
  let offset = 0
  for (const share of shares) {
    first.set(share.first, offset)
    second.set(share.second, offset)
    offset += share.first.length
  }
  return { first, second }
}

function notAuthorised(message: string): TriadError {
  return new TriadError('TRIAD_ERR_JOB_NOT_AUTHORISED', message, {
    hint: 'The node computes only jobs the chain shows as paid, pending and for its committee.',
  })
}
