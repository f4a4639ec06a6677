import {
  type AbiItem,
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  type Hex,
  HttpRequestError,
  TimeoutError,
} from 'viem'
import { TriadError, type TriadErrorCode } from '../errors/index.ts'
import { testStablecoinAbi, triadMarketAbi } from '../protocol/abi/generated/index.ts'

const errorAbi = [
  ...triadMarketAbi.filter((item) => item.type === 'error'),
  ...testStablecoinAbi.filter((item) => item.type === 'error'),
]

/**
 * What is wrong with the node, by `NodeDefect` value (ITriadMarket.sol; keep the same order),
 * and how to fix it.
 */
const nodeDefects = [
  'its signer is the zero address: give the address the node signs receipts and results with.',
  "its encryptionKey is zero: give the node's X25519 public key.",
  "its tlsFingerprint is zero: give the SHA-256 of the node's TLS certificate.",
  'its apiUrl is empty: give the URL sellers upload sealed shares to.',
  'its mpcEndpoint is empty: give the host:port its peers reach it on.',
  "its encryptionKey is an earlier node's: each node needs its own key, or one key holder could open two nodes' shares.",
  "its tlsFingerprint is an earlier node's: each node needs its own TLS identity, or one operator could take two seats.",
] as const

/** What happened to a job that is no longer pending, by `JobStatus` value. */
const jobOutcomes: Record<number, string> = {
  2: 'delivered',
  3: 'refunded',
  4: 'refused and refunded',
}

/** The code and hint for each custom error a Triad transaction can revert with. */
const known: Record<
  string,
  { code: TriadErrorCode; hint: string | ((args: readonly unknown[]) => string) }
> = {
  TriadPoolUnknown: { code: 'TRIAD_ERR_POOL_UNKNOWN', hint: 'Check the pool id.' },
  TriadJobUnknown: { code: 'TRIAD_ERR_JOB_UNKNOWN', hint: 'Check the job id.' },
  TriadJobExpired: {
    code: 'TRIAD_ERR_JOB_EXPIRED',
    hint: 'The deadline passed; the buyer can call refund.',
  },
  TriadJobNotExpired: {
    code: 'TRIAD_ERR_JOB_NOT_EXPIRED',
    hint: 'A job can be refunded only once the chain time is past its deadline; try again then.',
  },
  TriadJobNotPending: {
    code: 'TRIAD_ERR_JOB_NOT_PENDING',
    // status is JobStatus: 2 Delivered, 3 Refunded, 4 Refused.
    hint: ([, status]) =>
      `The job was already ${jobOutcomes[Number(status)] ?? 'settled'}; nothing to do.`,
  },
  TriadPoolNotOpen: {
    code: 'TRIAD_ERR_POOL_NOT_OPEN',
    // status is PoolStatus: 1 Paused, 2 Closed.
    hint: ([, status]) =>
      status === 1
        ? 'The curator paused the pool; try again once it is unpaused.'
        : 'The pool is closed for good; choose another pool.',
  },
  TriadPoolStatusInvalid: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'Only an open pool can be paused, only a paused one unpaused, and a closed one stays closed.',
  },
  TriadNotCurator: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: "Only the pool's curator (its creator) may pause, unpause or close it.",
  },
  TriadCommitteeRetired: {
    code: 'TRIAD_ERR_COMMITTEE_RETIRED',
    hint: 'Use a pool served by an active committee; pending jobs and claims still work.',
  },
  TriadCommitteeUnknown: { code: 'TRIAD_ERR_CONTRACT_REVERTED', hint: 'Check the committee id.' },
  TriadSeatUnknown: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: "A seat is below the committee's size (0, 1, 2 for three nodes).",
  },
  TriadEpochUnknown: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: "Use an epoch up to the committee's current one (readCommitteeInfo).",
  },
  TriadContributionUnknown: {
    code: 'TRIAD_ERR_CONTRIBUTION_UNKNOWN',
    hint: 'A contribution is named by its pool, seller and commitment; check all three.',
  },
  TriadContributionRevoked: {
    code: 'TRIAD_ERR_CONTRIBUTION_REVOKED',
    hint: 'The contribution is already revoked; jobs requested before still pay it.',
  },
  TriadRowsInvalid: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'A contribution has between 1 and 2^32 - 1 rows.',
  },
  TriadPoolFull: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'The pool holds the most active rows it can (2^40 - 1); use another pool.',
  },
  TriadSharesInvalid: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'sellerBps + nodeBps + marketBps must add up to 10000.',
  },
  TriadMarketShareOutOfBounds: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'Give the market a share inside the governance bounds (minMarketBps..maxMarketBps).',
  },
  TriadMarketShareBoundsInvalid: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'The bounds need minMarketBps <= maxMarketBps <= 10000.',
  },
  TriadThresholdInvalid: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'A threshold is a majority of the committee and at most its size (2 or 3 of 3); 0 means all.',
  },
  TriadMinContributorsInvalid: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'A pool needs at least one contributor per job.',
  },
  TriadNoAlgorithms: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'Allow at least one algorithm id.',
  },
  TriadZeroAddress: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'Give a non-zero address.',
  },
  TriadCommitteeSizeInvalid: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'The MPC engine runs committees of exactly three nodes today.',
  },
  TriadSeatsInvalid: {
    code: 'TRIAD_ERR_SIGNATURE_INVALID',
    hint: "The seat bitmap names only the committee's seats.",
  },
  TriadTooFewSignatures: {
    code: 'TRIAD_ERR_SIGNATURE_INVALID',
    hint: "Collect signatures from at least the pool's threshold of nodes.",
  },
  TriadCommitmentUsed: {
    code: 'TRIAD_ERR_COMMITMENT_USED',
    hint: 'This contribution is already registered (see isCommitmentUsed); new rows need a new upload and so a new commitment.',
  },
  TriadBuyerKeyMissing: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: "Give the buyer's X25519 public key: the nodes seal the result shares to it.",
  },
  TriadDeadlineBoundsInvalid: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'A pool needs 0 < minDeadline <= maxDeadline <= 365 days (MAX_DEADLINE), in seconds.',
  },
  TriadNodeInvalid: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: ([index, defect]) =>
      `Committee node ${formatArg(index)}: ${nodeDefects[Number(defect)] ?? `defect ${formatArg(defect)}.`}`,
  },
  TriadNodeDuplicate: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'Each committee node needs its own signer: one operator must not hold two seats.',
  },
  TriadSignatureInvalid: {
    code: 'TRIAD_ERR_SIGNATURE_INVALID',
    hint: "The signature for seat i must come from the committee's node in seat i, over this chain and contract.",
  },
  TriadSignatureCountMismatch: {
    code: 'TRIAD_ERR_SIGNATURE_INVALID',
    hint: 'Give one signature (and one share) per seat named, in seat order.',
  },
  TriadAlgorithmNotAllowed: {
    code: 'TRIAD_ERR_ALGORITHM_NOT_ALLOWED',
    hint: 'Choose one of the algorithms the pool allows.',
  },
  TriadTooFewContributors: {
    code: 'TRIAD_ERR_TOO_FEW_CONTRIBUTORS',
    hint: 'The pool needs more active contributors before it sells jobs.',
  },
  TriadDeadlineOutOfBounds: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: "Choose a deadline inside the pool's bounds.",
  },
  TriadNothingToWithdraw: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'Claim your contributions first, or wait for a job to settle.',
  },
  ERC20InsufficientAllowance: {
    code: 'TRIAD_ERR_ALLOWANCE_TOO_LOW',
    hint: 'Approve the market for the price (requestJob does this unless told not to).',
  },
  ERC20InsufficientBalance: {
    code: 'TRIAD_ERR_BALANCE_TOO_LOW',
    hint: 'Fund the account with the pool token.',
  },
  OwnableUnauthorizedAccount: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'Only the market owner may do this.',
  },
  ReentrancyGuardReentrantCall: {
    code: 'TRIAD_ERR_CONTRACT_REVERTED',
    hint: 'The market refuses to be re-entered during a token transfer.',
  },
}

interface DecodedError {
  errorName: string
  args?: readonly unknown[] | undefined
  abiItem: AbiItem
}

function formatArg(value: unknown): string {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return `[${value.map(formatArg).join(', ')}]`
  return String(value)
}

function isRevertData(data: unknown): data is Hex {
  return typeof data === 'string' && /^0x[0-9a-fA-F]{8}/.test(data)
}

function tryDecode(data: Hex): DecodedError | undefined {
  try {
    return decodeErrorResult({ abi: errorAbi, data })
  } catch {
    return undefined // not one of ours
  }
}

function fromDecoded(decoded: DecodedError, details: string, cause: unknown): TriadError {
  const inputs = decoded.abiItem.type === 'error' ? decoded.abiItem.inputs : []
  const args = (decoded.args ?? []).map((value, i) => {
    const name = inputs[i]?.name
    return name ? `${name}: ${formatArg(value)}` : formatArg(value)
  })
  const entry = known[decoded.errorName]
  const hint = typeof entry?.hint === 'function' ? entry.hint(decoded.args ?? []) : entry?.hint
  return new TriadError(
    entry?.code ?? 'TRIAD_ERR_CONTRACT_REVERTED',
    `The contract reverted with ${decoded.errorName}(${args.join(', ')})`,
    { details, hint, cause },
  )
}

/**
 * Turns an error thrown by a contract call or transaction into a TriadError that names the
 * custom error and its arguments, with a hint. Transport failures become retryable
 * TRIAD_ERR_CHAIN_UNREACHABLE; a TriadError passes through unchanged.
 *
 * @example
 * try {
 *   await requestJob(buyer, { market, poolId, algorithmId, params, buyerKey, deadlineSeconds })
 * } catch (error) {
 *   throw decodeTriadError(error) // e.g. TriadAlgorithmNotAllowed(poolId: 1, algorithmId: 0x…)
 * }
 */
export function decodeTriadError(error: unknown): TriadError {
  if (error instanceof TriadError) return error
  if (!(error instanceof BaseError)) {
    return new TriadError('TRIAD_ERR_TRANSACTION_FAILED', 'A chain call failed', {
      details: error instanceof Error ? error.message : String(error),
      cause: error,
    })
  }
  const transport = error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError)
  if (transport) {
    return new TriadError('TRIAD_ERR_CHAIN_UNREACHABLE', 'The JSON-RPC endpoint did not answer', {
      details: (transport as BaseError).shortMessage,
      hint: 'Check the RPC URL and that the node is running.',
      retryable: true,
      cause: error,
    })
  }
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError) as
    | ContractFunctionRevertedError
    | undefined
  if (reverted) {
    let decoded: DecodedError | undefined = reverted.data
    if (!decoded && reverted.raw) decoded = tryDecode(reverted.raw as Hex)
    if (decoded?.errorName) return fromDecoded(decoded, reverted.shortMessage, error)
    return new TriadError('TRIAD_ERR_CONTRACT_REVERTED', 'The contract reverted', {
      details: reverted.reason ?? reverted.raw ?? reverted.shortMessage,
      hint: 'The revert is not a Triad custom error; check the contract address and chain.',
      cause: error,
    })
  }
  // A deployment (or a raw call) that reverts carries the error data on the RPC error only.
  const raw = error.walk((e) => isRevertData((e as { data?: unknown }).data)) as unknown as
    | { data: Hex }
    | undefined
  const decoded = raw && tryDecode(raw.data)
  if (decoded) return fromDecoded(decoded, error.shortMessage, error)
  return new TriadError('TRIAD_ERR_TRANSACTION_FAILED', 'A chain call failed', {
    details: error.shortMessage,
    cause: error,
  })
}
