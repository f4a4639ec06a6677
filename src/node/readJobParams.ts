import { getAbiItem, type Hex, keccak256 } from 'viem'
import { getLogs } from 'viem/actions'
import type { Job } from '../chain/index.ts'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { NodeContext } from './NodeContext.ts'
import { notAuthorised } from './notAuthorised.ts'

const requestedEvent = getAbiItem({ abi: triadMarketAbi, name: 'JobRequested' })

/**
 * A job's public parameters, from its `JobRequested` event (the contract stores only their
 * hash), checked against the hash in the job's storage.
 *
 * @throws TriadError TRIAD_ERR_JOB_NOT_AUTHORISED, retryable when the RPC does not show the
 * event yet.
 */
export async function readJobParams(context: NodeContext, job: Job): Promise<Hex> {
  const logs = await getLogs(context.chain, {
    address: context.market.market,
    event: requestedEvent,
    args: { jobId: job.jobId },
    fromBlock: context.config.chain.deployBlock,
    strict: true,
  })
  const params = logs[0]?.args.params
  if (params === undefined) {
    throw notAuthorised(`The request event of job ${job.jobId} is not visible yet`, {
      retryable: true,
    })
  }
  if (keccak256(params) !== job.paramsHash) {
    throw notAuthorised(`The parameters of job ${job.jobId} do not match their hash on chain`)
  }
  return params
}
