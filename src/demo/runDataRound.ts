import { type Address, erc20Abi, type Hex } from 'viem'
import { claimMarketFees } from '../chain/claimMarketFees.ts'
import { claimNodeEarnings } from '../chain/claimNodeEarnings.ts'
import { readCommitteeInfo } from '../chain/readCommitteeInfo.ts'
import { readCredits } from '../chain/readCredits.ts'
import { withdraw } from '../chain/withdraw.ts'
import { contributeRows } from '../client/contributeRows.ts'
import { createPoolFromSchema } from '../client/createPoolFromSchema.ts'
import type { ComputationResult } from '../client/decodeComputationResult.ts'
import { findKnownAlgorithm } from '../client/knownAlgorithms.ts'
import { readJobResult } from '../client/readJobResult.ts'
import { requestComputation } from '../client/requestComputation.ts'
import { withdrawEarnings } from '../client/withdrawEarnings.ts'
import { devPrice, devSplit } from '../devnet/createValuePool.ts'
import type { Devnet } from '../devnet/startDevnet.ts'
import { formatScaled } from '../protocol/schema/decimal.ts'
import {
  type ColumnSpec,
  type PoolSchema,
  type PoolSchemaInput,
  parsePoolSchema,
} from '../protocol/schema/index.ts'
import { readTable } from '../table/index.ts'
import type { Narrate } from './narration.ts'
import { watchJob } from './watchJob.ts'

/** A buyer's question: an algorithm and its parameters, and how to read the answer. */
export interface DemoQuestion {
  /** The question in words: 'What is the mean daily high?' */
  readonly title: string
  readonly algorithm: string
  readonly params: Readonly<Record<string, string>>
  /** The answer in words from the opened result and the job's public row count. */
  readonly answer: (result: ComputationResult, rows: number) => string
}

/** One party's money before and after the round. */
export interface BalanceChange {
  readonly party: string
  readonly address: Address
  /** `wallet`: token balance; `credit`: withdrawable balance in the market. */
  readonly kind: 'wallet' | 'credit'
  readonly before: bigint
  readonly after: bigint
}

/** A question answered: the job, what it cost, the opened result and its plaintext twin. */
export interface AnsweredQuestion {
  readonly title: string
  readonly algorithm: string
  readonly params: Readonly<Record<string, string>>
  readonly jobId: bigint
  readonly job: string
  readonly price: bigint
  readonly payment: string
  readonly gasUsed: bigint
  /** The result the buyer opened, as plain JSON. */
  readonly result: ComputationResult
  /** The same computation on the plaintext rows, in the same encoding: must be equal. */
  readonly plaintext: string
  readonly equal: boolean
  readonly answer: string
}

export interface DataRoundReport {
  readonly poolId: bigint
  readonly source: string
  readonly rowsPerSeller: readonly number[]
  readonly questions: readonly AnsweredQuestion[]
  readonly balances: readonly BalanceChange[]
  /** What the market contract holds after everyone withdrew: node credits and rounding dust. */
  readonly marketHoldingsAfter: bigint
}

export interface RunDataRoundParameters {
  readonly schema: PoolSchemaInput
  /** Where the rows come from, for the narration. */
  readonly source: string
  /** Each seller's rows, as the pool's columns. */
  readonly sellerRows: readonly (readonly Record<string, string>[])[]
  readonly questions: readonly DemoQuestion[]
  /** The price of one job, in tUSD base units. Default 100 tUSD. */
  readonly price?: bigint
  readonly narrate?: Narrate
  /** Called before each question's job. */
  readonly onQuestion?: (index: number, question: DemoQuestion) => void
}

/**
 * A full market round on a running devnet, on real rows: a pool for the rows' schema; every
 * seller contributes its share of the rows (validated, shared, sealed, uploaded, registered);
 * the buyer pays for each question as its own job and opens each result, which is checked
 * against the same computation on the plaintext; then the sellers, the market and the nodes
 * are paid, with every balance before and after.
 */
export async function runDataRound(
  devnet: Devnet,
  parameters: RunDataRoundParameters,
): Promise<DataRoundReport> {
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
  const sellers = accounts.sellers.slice(0, parameters.sellerRows.length)
  const snapshot = async () => ({
    buyer: await walletOf(accounts.buyer.account.address),
    sellers: await Promise.all(sellers.map((seller) => walletOf(seller.account.address))),
    treasury: await walletOf(accounts.treasury.account.address),
    nodes: await Promise.all(devnet.nodes.map((node) => creditOf(node.signer))),
  })
  const before = await snapshot()

  const schema = parsePoolSchema(parameters.schema)
  const price = parameters.price ?? devPrice
  const algorithms = [...new Set(parameters.questions.map((question) => question.algorithm))]
  const { poolId } = await createPoolFromSchema(accounts.curator, {
    market: market.market,
    schema: parameters.schema,
    committeeId: devnet.committeeId,
    token,
    price,
    split: devSplit,
    algorithms,
    minContributors: Math.min(3, sellers.length),
  })
  narrate(
    0,
    `pool ${poolId}: ${schema.columns.map((column) => `${column.name} (${column.type})`).join(', ')}; ${formatTokens(price)} tUSD per job, split ${devSplit.sellerBps / 100}% sellers / ${devSplit.nodeBps / 100}% nodes / ${devSplit.marketBps / 100}% market; allows ${algorithms.join(', ')}`,
  )

  const tables = parameters.sellerRows.map((rows, index) =>
    readTable(schema, { rows: [...rows], source: `seller ${index + 1}'s rows` }),
  )
  for (const [index, seller] of sellers.entries()) {
    const { contributionId, gasUsed, uploadedBytes } = await contributeRows(seller, {
      market,
      poolId,
      data: { table: tables[index]! },
    })
    narrate(
      1,
      `seller ${index + 1} (${short(seller.account.address)}): ${tables[index]!.rowCount} rows of ${parameters.source} validated, shared, sealed, ${(uploadedBytes / 1024).toFixed(0)} KiB uploaded to the 3 nodes; contribution ${contributionId} registered (${gasUsed} gas)`,
    )
  }
  const totalRows = tables.reduce((sum, table) => sum + table.rowCount, 0)

  const answered: AnsweredQuestion[] = []
  for (const [index, question] of parameters.questions.entries()) {
    parameters.onQuestion?.(index, question)
    const algorithm = findKnownAlgorithm(question.algorithm)
    const request = await requestComputation(accounts.buyer, {
      market,
      poolId,
      algorithmId: algorithm.id,
      params: question.params,
    })
    const job = `${poolId}:${request.sequence}`
    narrate(
      2,
      `buyer ${short(accounts.buyer.account.address)} requests job ${job}: ${algorithm.name} ${paramsText(question.params)} over ${totalRows} rows; ${formatTokens(request.price)} tUSD into escrow ${request.payment === 'permit' ? 'with a permit, in the same transaction' : `(${request.payment})`} (${request.gasUsed} gas)`,
    )
    const watching = new AbortController()
    const watcher = watchJob(devnet, request.jobId, narrate, watching.signal)
    let opened: Awaited<ReturnType<typeof readJobResult>>
    try {
      opened = await readJobResult(accounts.buyer, {
        market,
        jobId: request.jobId,
        resultKey: request.resultKey,
        fromBlock: request.blockNumber,
      })
    } finally {
      watching.abort()
    }
    await watcher.finish(opened.attempt)
    const plaintext = plaintextOf(schema, tables, question)
    const equal = String(opened.result.value) === plaintext
    const answer = question.answer(opened.result, totalRows)
    narrate(
      6,
      `buyer opened the 3 sealed shares, checked they agree: ${opened.result.description} = ${opened.result.value} (plaintext: ${plaintext}, ${equal ? 'equal' : 'MISMATCH'}); ${answer}`,
    )
    narrate(7, `${formatTokens(request.price)} tUSD released from escrow on verified delivery`)
    answered.push({
      title: question.title,
      algorithm: algorithm.name,
      params: question.params,
      jobId: request.jobId,
      job,
      price: request.price,
      payment: request.payment,
      gasUsed: request.gasUsed,
      result: opened.result,
      plaintext,
      equal,
      answer,
    })
  }

  for (const seller of sellers) {
    await withdrawEarnings(seller, { market: market.market, fromBlock: deployment.deployBlock })
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
    `sellers claimed their pro-rata share of the ${parameters.questions.length} jobs and withdrew; the market claimed its fee and withdrew it; node operators were credited their fee and may withdraw it`,
  )

  const after = await snapshot()
  const balances: BalanceChange[] = [
    {
      party: 'buyer',
      address: accounts.buyer.account.address,
      kind: 'wallet',
      before: before.buyer,
      after: after.buyer,
    },
    ...sellers.map((seller, index) => ({
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
    source: parameters.source,
    rowsPerSeller: tables.map((table) => table.rowCount),
    questions: answered,
    balances,
    marketHoldingsAfter: await walletOf(market.market),
  }
}

/** The question's computation on the plaintext tables, in the pool's encoding, as text. */
function plaintextOf(
  schema: PoolSchema,
  tables: readonly ReturnType<typeof readTable>[],
  question: DemoQuestion,
): string {
  if (question.algorithm !== 'sum') throw new Error(`no plaintext twin for ${question.algorithm}`)
  const index = schema.columns.findIndex((column) => column.name === question.params.column)
  const column = schema.columns[index] as ColumnSpec
  let sum = 0n
  for (const table of tables) for (const value of table.columns[index]!.values) sum += value
  const text = column.type === 'fixed' ? formatScaled(sum, column.fractionalBits) : sum.toString()
  const number = Number(text)
  return String(number) === text ? String(number) : text
}

function paramsText(params: Readonly<Record<string, string>>): string {
  return Object.entries(params)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ')
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

export type { Hex }
