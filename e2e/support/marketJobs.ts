import { type AbiEvent, erc20Abi, getAbiItem, type Hex, parseEventLogs } from 'viem'
import { getLogs } from 'viem/actions'
import { sumAlgorithm } from '../../src/algorithms/index.ts'
import { contributeRows } from '../../src/client/contributeRows.ts'
import { openResult } from '../../src/client/openResult.ts'
import { requestComputation } from '../../src/client/requestComputation.ts'
import { waitForResult } from '../../src/client/waitForResult.ts'
import type { Devnet } from '../../src/devnet/startDevnet.ts'
import { triadMarketAbi } from '../../src/protocol/abi/generated/index.ts'
import { marketOf } from './devnetSuite.ts'

/** Each seller of the devnet contributes its rows of `value` to the pool. */
export async function contributeValues(
  devnet: Devnet,
  poolId: bigint,
  values: readonly (readonly bigint[])[],
): Promise<{ commitment: Hex }[]> {
  const out: { commitment: Hex }[] = []
  for (const [index, seller] of devnet.accounts.sellers.entries()) {
    const rows = values[index]
    if (!rows) continue
    out.push(
      await contributeRows(seller, {
        market: marketOf(devnet),
        poolId,
        data: { rows: rows.map((value) => ({ value })) },
      }),
    )
  }
  return out
}

/** A sum job requested by the devnet's buyer; `result()` waits for it and opens it. */
export async function requestSum(devnet: Devnet, poolId: bigint) {
  const market = marketOf(devnet)
  const { buyer } = devnet.accounts
  const fromBlock = await buyer.getBlockNumber({ cacheTime: 0 })
  const job = await requestComputation(buyer, {
    market,
    poolId,
    algorithmId: sumAlgorithm.id,
    params: { column: 'value' },
  })
  return {
    jobId: job.jobId,
    async result(): Promise<{ sum: bigint; attempt: number }> {
      const delivery = await waitForResult(buyer, {
        market: market.market,
        jobId: job.jobId,
        fromBlock,
      })
      const [sum] = await openResult({
        market,
        jobId: job.jobId,
        sealedShares: delivery.sealedShares,
        privateKey: job.resultKey.privateKey,
      })
      return { sum: sum!, attempt: delivery.attempt }
    },
  }
}

/** How many JobCompleted and JobRefunded events the market emitted for a job. */
export async function settlementsOf(
  devnet: Devnet,
  jobId: bigint,
): Promise<{ completed: number; refunded: number }> {
  const client = devnet.accounts.deployer
  const read = async (name: 'JobCompleted' | 'JobRefunded') => {
    const logs = await getLogs(client, {
      address: devnet.deployment.market,
      event: getAbiItem({ abi: triadMarketAbi, name }) as AbiEvent,
      fromBlock: devnet.deployment.deployBlock,
    })
    const decoded = parseEventLogs({ abi: triadMarketAbi, logs, eventName: name, strict: true })
    return decoded.filter((log) => log.args.jobId === jobId)
  }
  const [completed, refunded] = await Promise.all([read('JobCompleted'), read('JobRefunded')])
  return { completed: completed!.length, refunded: refunded!.length }
}

/** The test stablecoin balance of an address. */
export function tokenBalance(devnet: Devnet, address: Hex): Promise<bigint> {
  return devnet.accounts.deployer.readContract({
    address: devnet.deployment.token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [address],
  })
}
