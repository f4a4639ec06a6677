import { type Address, type Hash, type Hex, keccak256, toHex } from 'viem'
import type { MarketEvent, WatcherUpdate } from '../../chain/watcher/index.ts'

/** Test events as the chain watcher decodes them, for the chain index's unit tests. */

const blockHash = (block: bigint): Hash => keccak256(toHex(`block ${block}`))
const txHash = (label: string): Hash => keccak256(toHex(label))

/** A seller address from a small number. */
export const sellerAddress = (n: number): Address =>
  `0x${n.toString(16).padStart(40, '0')}` as Address

/** A commitment from a small number. */
export const commitmentOf = (n: number): Hex => keccak256(toHex(`commitment ${n}`))

export function contributedEvent(parameters: {
  poolId?: bigint
  index: bigint
  seller: number
  rows: bigint
  joinedAt: bigint
  block: bigint
}): MarketEvent {
  return {
    kind: 'contributed',
    poolId: parameters.poolId ?? 1n,
    seller: sellerAddress(parameters.seller),
    commitment: commitmentOf(Number(parameters.index)),
    index: parameters.index,
    rows: parameters.rows,
    joinedAt: parameters.joinedAt,
    blockNumber: parameters.block,
    blockHash: blockHash(parameters.block),
    transactionHash: txHash(`contribution ${parameters.index}`),
    logIndex: 0,
  }
}

export function revokedEvent(parameters: {
  poolId?: bigint
  index: bigint
  seller: number
  revokedAt: bigint
  block: bigint
}): MarketEvent {
  return {
    kind: 'revoked',
    poolId: parameters.poolId ?? 1n,
    seller: sellerAddress(parameters.seller),
    commitment: commitmentOf(Number(parameters.index)),
    index: parameters.index,
    revokedAt: parameters.revokedAt,
    blockNumber: parameters.block,
    blockHash: blockHash(parameters.block),
    transactionHash: txHash(`revocation ${parameters.index}`),
    logIndex: 0,
  }
}

export function requestedEvent(parameters: {
  poolId?: bigint
  jobId: bigint
  block: bigint
  tx?: Hash
  rows?: bigint
  contributors?: number
  deadline?: bigint
}): MarketEvent {
  const poolId = parameters.poolId ?? 1n
  return {
    kind: 'requested',
    jobId: parameters.jobId,
    poolId,
    sequence: parameters.jobId & ((1n << 64n) - 1n),
    buyer: sellerAddress(999),
    algorithmId: keccak256(toHex('algorithm')),
    params: '0x',
    buyerKey: keccak256(toHex('buyer key')),
    deadline: parameters.deadline ?? 10_000n,
    rowsSnapshot: parameters.rows ?? 0n,
    contributorsSnapshot: parameters.contributors ?? 0,
    price: 1_000n,
    blockNumber: parameters.block,
    blockHash: blockHash(parameters.block),
    transactionHash: parameters.tx ?? txHash(`request ${parameters.jobId}`),
    logIndex: 0,
  }
}

export function outcomeEvent(
  kind: 'completed' | 'refunded',
  parameters: { poolId?: bigint; jobId: bigint; block: bigint },
): MarketEvent {
  const position = {
    jobId: parameters.jobId,
    poolId: parameters.poolId ?? 1n,
    blockNumber: parameters.block,
    blockHash: blockHash(parameters.block),
    transactionHash: txHash(`${kind} ${parameters.jobId}`),
    logIndex: 0,
  }
  return kind === 'completed'
    ? { kind, ...position, attempt: 0, seats: [0, 1, 2], sealedShares: [] }
    : { kind, ...position, buyer: sellerAddress(999), amount: 1_000n }
}

/** An update that reads blocks up to `toBlock` with these events, at chain time `timestamp`. */
export function updateOf(
  toBlock: bigint,
  events: readonly MarketEvent[],
  timestamp = 1_000n,
): WatcherUpdate {
  return {
    fromBlock: events[0]?.blockNumber ?? toBlock,
    toBlock,
    events,
    position: { nextBlock: toBlock + 1n, recent: [{ number: toBlock, hash: blockHash(toBlock) }] },
    timestamp,
  }
}
