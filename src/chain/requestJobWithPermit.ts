import { erc20Abi, type Hash, type Hex, parseAbi, parseSignature } from 'viem'
import type { TriadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'
import { type JobRequest, jobRequestFromLog } from './getJobRequest.ts'
import { readMarketTime } from './readMarketTime.ts'
import { readPool } from './readPool.ts'
import { balanceTooLow, type RequestJobParameters } from './requestJob.ts'
import { findMarketEvent, writeMarket } from './writeMarket.ts'

const permitAbi = parseAbi([
  'function nonces(address owner) view returns (uint256)',
  'function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)',
])

export type RequestJobWithPermitParameters = Omit<RequestJobParameters, 'approve'> & {
  /** How long the permit stays valid, in seconds from now. Default 600. */
  permitSeconds?: bigint
}

export type RequestJobWithPermitReturnType = JobRequest & { hash: Hash; gasUsed: bigint }

/**
 * Requests a job and pays its price in one transaction, with an EIP-2612 permit signed by the
 * buyer's account instead of a separate approval. The pool's token must implement EIP-2612 and
 * EIP-5267 (`eip712Domain`), as OpenZeppelin's ERC20Permit does.
 *
 * @example
 * const { jobId } = await requestJobWithPermit(buyer, {
 *   market, poolId: 1n, algorithmId: meanId, params: '0x', buyerKey, deadlineSeconds: 3600n,
 * })
 */
export async function requestJobWithPermit(
  client: TriadClient,
  parameters: RequestJobWithPermitParameters,
): Promise<RequestJobWithPermitReturnType> {
  const { market } = parameters
  const pool = await readPool(client, { market, poolId: parameters.poolId })
  const buyer = client.account.address
  let signature: Hex
  let deadline: bigint
  try {
    const [balance, nonce, domain, now] = await Promise.all([
      client.readContract({
        address: pool.token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [buyer],
      }),
      client.readContract({
        address: pool.token,
        abi: permitAbi,
        functionName: 'nonces',
        args: [buyer],
      }),
      client.readContract({ address: pool.token, abi: permitAbi, functionName: 'eip712Domain' }),
      readMarketTime(client),
    ])
    if (balance < pool.price) throw balanceTooLow(buyer, balance, pool)
    const [, name, version, chainId, verifyingContract] = domain
    deadline = now + (parameters.permitSeconds ?? 600n)
    signature = await client.signTypedData({
      domain: { name, version, chainId, verifyingContract },
      types: {
        Permit: [
          { name: 'owner', type: 'address' },
          { name: 'spender', type: 'address' },
          { name: 'value', type: 'uint256' },
          { name: 'nonce', type: 'uint256' },
          { name: 'deadline', type: 'uint256' },
        ],
      },
      primaryType: 'Permit',
      message: { owner: buyer, spender: market, value: pool.price, nonce, deadline },
    })
  } catch (error) {
    throw decodeTriadError(error)
  }
  const { r, s, v, yParity } = parseSignature(signature)
  const { hash, receipt } = await writeMarket(client, {
    market,
    functionName: 'requestJobWithPermit',
    args: [
      parameters.poolId,
      parameters.algorithmId,
      parameters.params,
      parameters.buyerKey,
      parameters.deadlineSeconds,
      { deadline, v: Number(v ?? BigInt(yParity + 27)), r, s },
    ],
  })
  const request = jobRequestFromLog(findMarketEvent(receipt, market, 'JobRequested'))
  return { ...request, hash, gasUsed: receipt.gasUsed }
}
