import { type Address, erc20Abi, type Hex } from 'viem'
import { sumAlgorithm, sumPlaintext } from '../algorithms/index.ts'
import {
  claim,
  claimMarketFees,
  claimNodeEarnings,
  readCommitteeInfo,
  readCredits,
  type TriadClient,
  withdraw,
} from '../chain/index.ts'
import { contributeRows } from '../client/contributeRows.ts'
import { openResult } from '../client/openResult.ts'
import { requestComputation } from '../client/requestComputation.ts'
import { type WaitForResultReturnType, waitForResult } from '../client/waitForResult.ts'
import { createValuePool, devPrice, devSplit } from '../devnet/createValuePool.ts'
import type { Devnet } from '../devnet/startDevnet.ts'
import { splitJobId } from '../protocol/jobId.ts'
import type { Narrate } from './narration.ts'
import { watchJob } from './watchJob.ts'

/** One party's money before and after the round. */
export interface BalanceChange {
  readonly party: string
  readonly address: Address
  /** `wallet`: token balance; `credit`: withdrawable balance in the market. */
  readonly kind: 'wallet' | 'credit'
  readonly before: bigint
  readonly after: bigint
}

export interface RoundReport {
  readonly poolId: bigint
  readonly jobId: bigint
  readonly price: bigint
  readonly rowsPerSeller: readonly number[]
  readonly result: bigint
  readonly plaintext: bigint
  readonly balances: readonly BalanceChange[]
  /** What the market contract holds after everyone withdrew: rounding dust only. */
  readonly marketHoldingsAfter: bigint
}

/** The price of the demo's job: 100 tUSD (6 decimals), split as every dev pool's. */
export const demoPrice = devPrice
export const demoSplit = devSplit

/**
 * One full market round on a running devnet, the eight steps of the architecture: a pool with
 * a one-column integer schema; every seller contributes its values (shared, sealed, uploaded,
 * registered); the buyer requests `sum` with the price in escrow; the bridge and the nodes do
 * the rest; the buyer opens the result; sellers claim and withdraw; the market withdraws.
 */
export async function runSumRound(
  devnet: Devnet,
  parameters: { values: readonly (readonly bigint[])[]; narrate?: Narrate },
): Promise<RoundReport> {
  const narrate = parameters.narrate ?? (() => {})
  const { accounts, deployment } = devnet
  const market = { chainId: deployment.chainId, market: deployment.market }
  const token = deployment.token
  const walletOf = (address: Address) =>
    accounts.deployer.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [address],
    })
  const creditOf = (address: Address) =>
    readCredits(accounts.deployer, { market: market.market, account: address, token })

  const sellers = accounts.sellers.slice(0, parameters.values.length)
  const before = {
    buyer: await walletOf(accounts.buyer.account.address),
    sellers: await Promise.all(sellers.map((seller) => walletOf(seller.account.address))),
    treasury: await walletOf(accounts.treasury.account.address),
    nodes: await Promise.all(devnet.nodes.map((node) => creditOf(node.signer))),
  }

  const poolId = await createValuePool(devnet, {
    price: demoPrice,
    minContributors: Math.min(3, sellers.length),
  })
  narrate(
    0,
    `pool ${poolId}: one integer column "value" in [0, 1000000], ${formatTokens(demoPrice)} tUSD per job, split ${demoSplit.sellerBps / 100}% sellers / ${demoSplit.nodeBps / 100}% nodes / ${demoSplit.marketBps / 100}% market`,
  )

  const commitments: Hex[] = []
  for (const [index, seller] of sellers.entries()) {
    const values = parameters.values[index]!
    const { contributionId, commitment, gasUsed } = await contributeRows(seller, {
      market,
      poolId,
      data: { rows: values.map((value) => ({ value })) },
    })
    commitments.push(commitment)
    narrate(
      1,
      `seller ${index + 1} (${short(seller.account.address)}): ${values.length} rows validated, split into replicated shares over Z_2^64, sealed to each node, uploaded; 3 receipts; contribution ${contributionId} registered (${gasUsed} gas)`,
    )
  }

  const fromBlock = await accounts.buyer.getBlockNumber()
  const request = await requestComputation(accounts.buyer, {
    market,
    poolId,
    algorithmId: sumAlgorithm.id,
    params: { column: 'value' },
  })
  narrate(
    2,
    `buyer ${short(accounts.buyer.account.address)} requests job ${request.jobId} (pool ${poolId}'s job ${splitJobId(request.jobId).sequence}, id = pool << 64 | sequence): sum of "value" over pool ${poolId}; ${formatTokens(request.price)} tUSD moved into escrow in the same transaction (${request.gasUsed} gas)`,
  )

  const watching = new AbortController()
  const watcher = watchJob(devnet, request.jobId, narrate, watching.signal)
  let delivery: WaitForResultReturnType
  try {
    delivery = await waitForResult(accounts.buyer, {
      market: market.market,
      jobId: request.jobId,
      fromBlock,
    })
  } finally {
    watching.abort()
  }
  const { sealedShares, attempt, transactionHash } = delivery
  await watcher.finish(attempt)
  const settlement = await accounts.buyer.getTransactionReceipt({ hash: transactionHash })
  narrate(
    5,
    `the contract checked the 3 signatures against the committee and accepted the result in tx ${transactionHash.slice(0, 14)}… (${settlement.gasUsed} gas)`,
  )

  const [result] = await openResult({
    market,
    jobId: request.jobId,
    sealedShares,
    privateKey: request.resultKey.privateKey,
  })
  const plaintext = sumPlaintext(parameters.values.flat())
  narrate(
    6,
    `buyer opened the 3 sealed shares, checked that they agree, reconstructed: sum = ${result}`,
  )
  narrate(
    7,
    `payment released from escrow on verified delivery: ${formatTokens(request.price)} tUSD`,
  )

  for (const [index, seller] of sellers.entries()) {
    const { address } = seller.account
    await claim(seller, {
      market: market.market,
      poolId,
      seller: address,
      commitment: commitments[index]!,
    })
    await withdraw(seller, { market: market.market, token })
  }
  await claimMarketFees(accounts.treasury, { market: market.market, token })
  await withdraw(accounts.treasury, { market: market.market, token })
  const { epoch } = await readCommitteeInfo(accounts.deployer, {
    market: market.market,
    committeeId: devnet.committeeId,
  })
  await claimNodeEarnings(accounts.deployer, {
    market: market.market,
    committeeId: devnet.committeeId,
    epoch,
    token,
  })
  narrate(
    8,
    'sellers claimed their pro-rata share and withdrew; the market claimed its fee and withdrew it; node operators were credited their fee and may withdraw it',
  )

  const after = {
    buyer: await walletOf(accounts.buyer.account.address),
    sellers: await Promise.all(sellers.map((seller) => walletOf(seller.account.address))),
    treasury: await walletOf(accounts.treasury.account.address),
    nodes: await Promise.all(devnet.nodes.map((node) => creditOf(node.signer))),
  }
  const balances: BalanceChange[] = [
    {
      party: 'buyer',
      address: accounts.buyer.account.address,
      kind: 'wallet',
      before: before.buyer,
      after: after.buyer,
    },
    ...sellers.map((seller: TriadClient, index) => ({
      party: `seller ${index + 1}`,
      address: seller.account.address,
      kind: 'wallet' as const,
      before: before.sellers[index]!,
      after: after.sellers[index]!,
    })),
    ...devnet.nodes.map((node, index) => ({
      party: `node ${index}`,
      address: node.signer,
      kind: 'credit' as const,
      before: before.nodes[index]!,
      after: after.nodes[index]!,
    })),
    {
      party: 'market',
      address: accounts.treasury.account.address,
      kind: 'wallet',
      before: before.treasury,
      after: after.treasury,
    },
  ]
  return {
    poolId,
    jobId: request.jobId,
    price: request.price,
    rowsPerSeller: parameters.values.map((values) => values.length),
    result: result!,
    plaintext,
    balances,
    marketHoldingsAfter: await walletOf(market.market),
  }
}

/** Token base units (6 decimals) as a decimal string. */
export function formatTokens(amount: bigint): string {
  const sign = amount < 0n ? '-' : ''
  const magnitude = amount < 0n ? -amount : amount
  const fraction = (magnitude % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '')
  return `${sign}${magnitude / 1_000_000n}${fraction ? `.${fraction}` : ''}`
}

function short(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`
}
