import { type Address, erc20Abi, type Hex } from 'viem'
import type { AlgorithmResult } from '../algorithms/definition/AlgorithmDefinition.ts'
import { checkParams, parseParams } from '../algorithms/definition/readParams.ts'
import { findAlgorithm } from '../algorithms/library.ts'
import { twins } from '../algorithms/testing/twins.ts'
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
import { type PoolSchemaInput, parsePoolSchema } from '../protocol/schema/index.ts'
import { readTable, type Table } from '../table/index.ts'
import { compareResults } from './compareResults.ts'
import type { Narrate } from './narration.ts'
import { watchJob } from './watchJob.ts'

/** A buyer's question: an algorithm and its parameters, and how to read the answer. */
export interface DemoQuestion {
  /** The question in words: 'What is the mean daily high?' */
  readonly title: string
  readonly algorithm: string
  readonly params: Readonly<Record<string, unknown>>
  /** The answer in words (one or more lines) from the opened result. */
  readonly answer: (result: ComputationResult) => string[]
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
  readonly params: Readonly<Record<string, unknown>>
  readonly jobId: bigint
  readonly job: string
  readonly price: bigint
  readonly payment: string
  readonly gasUsed: bigint
  /** The result the buyer opened, as plain JSON. */
  readonly result: ComputationResult
  /** The same computation on the plaintext rows (the algorithm's twin), in the same encoding. */
  readonly plaintext: AlgorithmResult
  /** Whether the opened result agrees with the twin (numbers to 1e-9, the rest exactly). */
  readonly agrees: boolean
  /** The largest relative difference of two numbers: 0 when equal to the last bit. */
  readonly largestDifference: number
  readonly answer: readonly string[]
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
  const allRows = readTable(schema, {
    rows: parameters.sellerRows.flat(),
    source: parameters.source,
  })

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
    const watcher = watchJob(devnet, request.jobId, narrate, watching.signal, algorithm.name)
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
    const plaintext = plaintextOf(question, allRows, opened.request.rowsSnapshot)
    const comparison = compareResults(opened.result.value, plaintext)
    const answer = question.answer(opened.result)
    const agreement = comparison.agrees
      ? comparison.largestDifference === 0
        ? 'equal'
        : `agree to ${comparison.largestDifference.toExponential(0)}`
      : `MISMATCH at ${comparison.where}`
    narrate(
      6,
      `buyer opened the 3 sealed shares, checked they agree, decoded the ${opened.result.description}; the plaintext twin on the same rows: ${agreement}`,
    )
    for (const line of answer) narrate(6, `  ${line}`)
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
      agrees: comparison.agrees,
      largestDifference: comparison.largestDifference,
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

/**
 * The question's computation on the plaintext rows: the algorithm's twin, with the parameters
 * read as the nodes read them, over the rows of the job's snapshot (all of them here).
 */
function plaintextOf(question: DemoQuestion, table: Table, rows: bigint): AlgorithmResult {
  const { definition } = findAlgorithm(question.algorithm)
  const twin = twins[question.algorithm]
  if (!twin) throw new Error(`no plaintext twin for ${question.algorithm}`)
  const context = checkParams(
    definition,
    parseParams(definition, question.params),
    table.schema,
    Number(rows),
  )
  return twin(table, context)
}

function paramsText(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .map(
      ([name, value]) =>
        `${name}=${Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : JSON.stringify(value)}`,
    )
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
