import { type Address, erc20Abi, type Hex, parseAbi } from 'viem'
import { readContract } from 'viem/actions'
import { checkParams, encodeParams, parseParams } from '../algorithms/definition/readParams.ts'
import type { TriadReadClient } from '../chain/createTriadClient.ts'
import { decodeTriadError } from '../chain/decodeTriadError.ts'
import { TriadError } from '../errors/index.ts'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import { poolSchemaFromUri } from '../protocol/schema/poolSchemaUri.ts'
import {
  maxPrivateJobs,
  privacyBudgetAllows,
  privacyPolicyOf,
} from '../protocol/schema/privacyPolicy.ts'
import { findKnownAlgorithm, type KnownAlgorithm } from './knownAlgorithms.ts'
import { readOpenPool } from './readOpenPool.ts'
import { readTokenInfo, type TokenInfo } from './readTokenInfo.ts'

/** How a job's price reaches the escrow: the existing allowance, an EIP-2612 permit, or an approval first. */
export type PaymentMethod = 'allowance' | 'permit' | 'approve'

/** What a job would cost and how it would be paid, before anything is signed. */
export interface ComputationQuote {
  readonly poolId: bigint
  readonly algorithm: KnownAlgorithm
  readonly params: Readonly<Record<string, unknown>>
  /** The parameters as the job carries them on chain. */
  readonly encodedParams: Hex
  /** The full price, in token base units: all the buyer pays (plus gas). */
  readonly price: bigint
  readonly token: TokenInfo
  /** How the price splits on delivery, in token base units. */
  readonly split: { readonly sellers: bigint; readonly nodes: bigint; readonly market: bigint }
  readonly buyer: Address
  readonly balance: bigint
  readonly allowance: bigint
  /** Whether the token takes EIP-2612 permits (then approval and request are one transaction). */
  readonly permit: boolean
  /** How `requestComputation` pays by default, and in how many transactions. */
  readonly payment: PaymentMethod
  readonly transactions: 1 | 2
  /** The rows and distinct sellers a job requested now would use. */
  readonly rows: bigint
  readonly sellers: number
  readonly minContributors: number
}

export interface QuoteComputationParameters {
  market: Address
  poolId: bigint
  /** The algorithm's name (`sum`) or id. */
  algorithm: string
  /** Its public parameters, as its manifest names them: `{ column: 'income' }`. */
  params?: Readonly<Record<string, unknown>>
  /** Whose balance and allowance to read; default the client's account. */
  buyer?: Address
}

const permitAbi = parseAbi([
  'function nonces(address owner) view returns (uint256)',
  'function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)',
])

/**
 * Everything a buyer should know before paying: the algorithm and its parameters checked
 * against the pool (allowed, columns of the right type), the full price and its split, the
 * buyer's balance and allowance, and how the payment would go (one transaction with a permit or
 * an existing allowance, two with an approval). Reads only; signs nothing.
 *
 * @throws TriadError TRIAD_ERR_POOL_UNKNOWN, TRIAD_ERR_POOL_NOT_OPEN, TRIAD_ERR_ALGORITHM_UNKNOWN,
 * TRIAD_ERR_ALGORITHM_NOT_ALLOWED, TRIAD_ERR_ALGORITHM_INPUT_INVALID, TRIAD_ERR_TOO_FEW_CONTRIBUTORS,
 * TRIAD_ERR_PRIVACY_BUDGET_EXHAUSTED (a pool with differential privacy that answers no more jobs).
 * @example
 * const quote = await quoteComputation(buyer, { market, poolId: 1n, algorithm: 'sum', params: { column: 'income' } })
 * console.log(formatUnits(quote.price, quote.token.decimals), quote.token.symbol, quote.transactions)
 */
export async function quoteComputation(
  client: TriadReadClient,
  parameters: QuoteComputationParameters,
): Promise<ComputationQuote> {
  const { market, poolId } = parameters
  const buyer = parameters.buyer ?? client.account?.address
  if (!buyer) {
    throw new TriadError('TRIAD_ERR_USAGE', 'A quote needs the buyer whose balance it reads', {
      hint: 'Pass `buyer`, or a client with an account.',
    })
  }
  const algorithm = findKnownAlgorithm(parameters.algorithm)
  const params = parameters.params ?? {}
  const encodedParams = encodeParams(algorithm.definition, params)
  const pool = await readOpenPool(client, { market, poolId, mustBeOpen: true })
  const schema = poolSchemaFromUri(pool.schemaURI, pool.schemaHash)
  checkParams(
    algorithm.definition,
    parseParams(algorithm.definition, params),
    schema,
    Number(pool.activeRows),
  )
  // A pool with differential privacy answers floor(budget / epsilonPerJob) jobs; the nodes
  // refuse later ones, so quote none (a job requested at the same time may still take the last).
  const policy = privacyPolicyOf(schema)
  if (!privacyBudgetAllows(policy, pool.jobCount)) {
    throw new TriadError(
      'TRIAD_ERR_PRIVACY_BUDGET_EXHAUSTED',
      `Pool ${poolId} has spent its privacy budget`,
      {
        details: `${pool.jobCount} jobs requested; the budget ${policy.differentialPrivacy!.budget} pays for ${maxPrivateJobs(policy)} at epsilon ${policy.differentialPrivacy!.epsilonPerJob} each`,
        hint: 'The pool answers no more questions; nothing was paid.',
      },
    )
  }
  let allowed: boolean
  let balance: bigint
  let allowance: bigint
  try {
    ;[allowed, balance, allowance] = await Promise.all([
      readContract(client, {
        address: market,
        abi: triadMarketAbi,
        functionName: 'isAlgorithmAllowed',
        args: [poolId, algorithm.id],
      }),
      readContract(client, {
        address: pool.token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [buyer],
      }),
      readContract(client, {
        address: pool.token,
        abi: erc20Abi,
        functionName: 'allowance',
        args: [buyer, market],
      }),
    ])
  } catch (error) {
    throw decodeTriadError(error)
  }
  if (!allowed) {
    throw new TriadError(
      'TRIAD_ERR_ALGORITHM_NOT_ALLOWED',
      `Pool ${poolId} does not allow ${algorithm.name}`,
      {
        details: `algorithm id ${algorithm.id}`,
        hint: `See what it allows with \`triad pool show ${poolId}\`.`,
      },
    )
  }
  if (pool.activeSellers < pool.minContributors) {
    throw new TriadError(
      'TRIAD_ERR_TOO_FEW_CONTRIBUTORS',
      `Pool ${poolId} has ${pool.activeSellers} active sellers; its jobs need ${pool.minContributors}`,
      {
        details: `${pool.activeRows} rows from ${pool.activeSellers} sellers`,
        hint: 'The contract refuses a job until enough sellers contribute; nothing was paid. Try again later or ask another pool (`triad pool list`).',
      },
    )
  }
  const [token, permit] = await Promise.all([
    readTokenInfo(client, { token: pool.token }),
    supportsPermit(client, pool.token, buyer),
  ])
  const sellers = (pool.price * BigInt(pool.sellerBps)) / 10_000n
  const nodes = ((pool.price * BigInt(pool.nodeBps)) / 10_000n / 3n) * 3n
  const payment = choosePayment({ price: pool.price, allowance, permit }, 'auto')
  return {
    poolId,
    algorithm,
    params,
    encodedParams,
    price: pool.price,
    token,
    split: { sellers, nodes, market: pool.price - sellers - nodes },
    buyer,
    balance,
    allowance,
    permit,
    payment,
    transactions: payment === 'approve' ? 2 : 1,
    rows: pool.activeRows,
    sellers: pool.activeSellers,
    minContributors: pool.minContributors,
  }
}

/** Whether the token implements EIP-2612 with EIP-5267's domain read (OpenZeppelin's ERC20Permit). */
async function supportsPermit(
  client: TriadReadClient,
  token: Address,
  owner: Address,
): Promise<boolean> {
  try {
    await Promise.all([
      readContract(client, { address: token, abi: permitAbi, functionName: 'eip712Domain' }),
      readContract(client, {
        address: token,
        abi: permitAbi,
        functionName: 'nonces',
        args: [owner],
      }),
    ])
    return true
  } catch {
    return false
  }
}

/**
 * How a job's price is paid given what the buyer asked (`auto` or a method): an allowance that
 * covers the price is always used as it is; `auto` prefers a permit (one transaction) to an
 * approval (two).
 *
 * @example
 * choosePayment({ price: 5n, allowance: 0n, permit: true }, 'auto') // 'permit'
 */
export function choosePayment(
  quote: { price: bigint; allowance: bigint; permit: boolean },
  wanted: 'auto' | PaymentMethod,
): PaymentMethod {
  if (quote.allowance >= quote.price) return 'allowance'
  if (wanted === 'auto') return quote.permit ? 'permit' : 'approve'
  return wanted
}
