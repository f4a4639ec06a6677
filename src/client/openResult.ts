import { type Hex, hexToBytes } from 'viem'
import { TriadError } from '../errors/index.ts'
import { decodeSigned } from '../mpc/ring/index.ts'
import {
  decodeReplicatedShare,
  type ReplicatedShare,
  reconstructReplicated,
} from '../mpc/sharing/index.ts'
import { type MarketRef, resultContext } from '../protocol/contexts.ts'
import { open } from '../sealing/index.ts'

/**
 * Opens the three sealed result shares with the buyer's private key, checks that the nodes'
 * shares agree (each component is held by two nodes) and reconstructs the result as signed
 * 64-bit integers.
 *
 * @example
 * const [sum] = await openResult({ market, jobId, sealedShares, privateKey: resultKey.privateKey })
 */
export async function openResult(parameters: {
  market: MarketRef
  jobId: bigint
  sealedShares: readonly Hex[]
  privateKey: Hex
}): Promise<bigint[]> {
  if (parameters.sealedShares.length !== 3) {
    throw new TriadError(
      'TRIAD_ERR_SHARES_DISAGREE',
      `Expected 3 result shares, got ${parameters.sealedShares.length}`,
    )
  }
  const shares = (await Promise.all(
    parameters.sealedShares.map(async (sealed, index) =>
      decodeReplicatedShare(
        await open(
          parameters.privateKey,
          hexToBytes(sealed),
          resultContext(parameters.market, parameters.jobId, index),
        ),
      ),
    ),
  )) as [ReplicatedShare, ReplicatedShare, ReplicatedShare]
  return [...decodeSigned(reconstructReplicated(shares))]
}
