import assert from 'node:assert/strict'
import { afterEach, describe, it } from 'node:test'
import {
  createClient,
  custom,
  encodeAbiParameters,
  encodeEventTopics,
  type Hash,
  type Hex,
  keccak256,
  numberToHex,
  toHex,
} from 'viem'
import { triadMarketAbi } from '../../protocol/abi/generated/index.ts'
import type { MarketEvent } from './marketEvents.ts'
import {
  type ChainWatcher,
  startChainWatcher,
  type WatcherPosition,
  type WatcherReorg,
  type WatcherStore,
  type WatcherUpdate,
} from './startChainWatcher.ts'

const market = '0x00000000000000000000000000000000000000aa' as const
const seller = '0x00000000000000000000000000000000000000bb' as const

interface FakeBlock {
  number: bigint
  hash: Hash
  parentHash: Hash
  /** Contributions in this block: their `index` values. */
  contributions: bigint[]
}

/**
 * A chain in memory behind a JSON-RPC transport: blocks with Contributed logs, forks on demand,
 * an outage switch, and an optional cap on the eth_getLogs range.
 */
class FakeChain {
  blocks: FakeBlock[] = []
  down = false
  maxLogRange: bigint | undefined
  calls: { method: string; params: unknown }[] = []
  #fork = 0

  constructor(length: number) {
    this.blocks.push({
      number: 0n,
      hash: this.#hash(0n),
      parentHash: `0x${'0'.repeat(64)}`,
      contributions: [],
    })
    for (let i = 1; i < length; i++) this.mine([])
  }

  #hash(number: bigint): Hash {
    return keccak256(toHex(`block ${number} fork ${this.#fork}`))
  }

  mine(contributions: bigint[]): FakeBlock {
    const parent = this.blocks.at(-1)!
    const number = parent.number + 1n
    const block = { number, hash: this.#hash(number), parentHash: parent.hash, contributions }
    this.blocks.push(block)
    return block
  }

  /** Drops every block above `keep` and starts a new fork there. */
  reorg(keep: bigint): void {
    this.#fork += 1
    this.blocks = this.blocks.filter((block) => block.number <= keep)
  }

  readonly client = createClient({
    transport: custom(
      {
        request: async ({ method, params }: { method: string; params: unknown[] }) => {
          this.calls.push({ method, params })
          if (this.down) throw new Error('fetch failed: ECONNREFUSED')
          switch (method) {
            case 'eth_blockNumber':
              return numberToHex(this.blocks.at(-1)!.number)
            case 'eth_getBlockByNumber': {
              const block = this.blocks[Number(BigInt(params[0] as Hex))]
              if (!block) return null
              return {
                number: numberToHex(block.number),
                hash: block.hash,
                parentHash: block.parentHash,
                timestamp: numberToHex(1_000n + block.number),
                transactions: [],
                gasLimit: '0x1',
                gasUsed: '0x0',
                logsBloom: `0x${'0'.repeat(512)}`,
              }
            }
            case 'eth_getLogs': {
              const filter = params[0] as { fromBlock: Hex; toBlock: Hex }
              const from = BigInt(filter.fromBlock)
              const to = BigInt(filter.toBlock)
              if (this.maxLogRange !== undefined && to - from + 1n > this.maxLogRange) {
                throw new Error('query exceeds max block range 4')
              }
              return this.blocks
                .filter((block) => block.number >= from && block.number <= to)
                .flatMap((block) =>
                  block.contributions.map((index, logIndex) =>
                    contributedLog(block, index, logIndex),
                  ),
                )
            }
          }
          throw new Error(`unexpected ${method}`)
        },
      },
      { retryCount: 0 },
    ),
  })
}

function contributedLog(block: FakeBlock, index: bigint, logIndex: number) {
  return {
    address: market,
    topics: encodeEventTopics({
      abi: triadMarketAbi,
      eventName: 'Contributed',
      args: { poolId: 1n, seller, commitment: keccak256(toHex(`c${index}`)) },
    }),
    data: encodeAbiParameters(
      [{ type: 'uint64' }, { type: 'uint64' }, { type: 'uint64' }],
      [index, 10n, 0n],
    ),
    blockNumber: numberToHex(block.number),
    blockHash: block.hash,
    transactionHash: keccak256(toHex(`tx ${block.hash} ${logIndex}`)),
    transactionIndex: '0x0',
    logIndex: numberToHex(logIndex),
    removed: false,
  }
}

/** A store in memory: the contributions it derived, by block, and its position. */
class MemoryStore implements WatcherStore {
  saved: WatcherPosition | undefined
  derived = new Map<bigint, bigint>() // contribution index -> block
  rollbacks: bigint[] = []
  position() {
    return this.saved
  }
  apply(update: WatcherUpdate) {
    for (const event of update.events as MarketEvent[]) {
      if (event.kind === 'contributed') this.derived.set(event.index, event.blockNumber)
    }
    this.saved = update.position
  }
  rollBack(fromBlock: bigint, position: WatcherPosition) {
    for (const [index, block] of this.derived) if (block >= fromBlock) this.derived.delete(index)
    this.rollbacks.push(fromBlock)
    this.saved = position
  }
  indices() {
    return [...this.derived.keys()].sort((a, b) => (a < b ? -1 : 1))
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 3_000) {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

const running: ChainWatcher[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((watcher) => watcher.stop()))
})

function watch(
  chain: FakeChain,
  store: MemoryStore,
  extra: Partial<Parameters<typeof startChainWatcher>[1]> = {},
) {
  const errors: string[] = []
  const reorgs: WatcherReorg[] = []
  const watcher: ChainWatcher = startChainWatcher(chain.client, {
    market,
    store,
    startBlock: 1n,
    pollIntervalMs: 5,
    maxBackoffMs: 40,
    onError: (error) => errors.push(error.code),
    onReorg: (reorg) => reorgs.push(reorg),
    ...extra,
  })
  running.push(watcher)
  return { watcher, errors, reorgs }
}

describe('startChainWatcher', () => {
  it('reads every event once, in order, in bounded ranges, and resumes from the saved position', async () => {
    const chain = new FakeChain(3)
    chain.mine([0n, 1n])
    chain.mine([])
    chain.mine([2n])
    const store = new MemoryStore()
    const first = watch(chain, store, { maxBlockRange: 2 })
    await until(() => store.saved?.nextBlock === 6n, 'the head')
    await first.watcher.stop()
    assert.deepEqual(store.indices(), [0n, 1n, 2n])
    const ranges = chain.calls
      .filter((call) => call.method === 'eth_getLogs')
      .map((call) => {
        const filter = (call.params as { fromBlock: Hex; toBlock: Hex }[])[0]!
        return BigInt(filter.toBlock) - BigInt(filter.fromBlock) + 1n
      })
    assert.ok(
      ranges.every((size) => size <= 2n),
      `ranges ${ranges}`,
    )

    // A new watcher on the same store starts where the first one stopped.
    chain.calls = []
    chain.mine([3n])
    const second = watch(chain, store, { maxBlockRange: 2 })
    await until(() => store.saved?.nextBlock === 7n, 'the new block')
    await second.watcher.stop()
    const firstRead = chain.calls.find((call) => call.method === 'eth_getLogs')
    assert.equal(BigInt((firstRead!.params as { fromBlock: Hex }[])[0]!.fromBlock), 6n)
    assert.deepEqual(store.indices(), [0n, 1n, 2n, 3n])
  })

  it('stays `confirmations` blocks behind the head', async () => {
    const chain = new FakeChain(2)
    chain.mine([0n])
    chain.mine([1n])
    chain.mine([])
    const store = new MemoryStore()
    const { watcher } = watch(chain, store, { confirmations: 2 })
    await until(() => watcher.progress?.head === 4n, 'a poll')
    await watcher.nextPoll(1_000)
    assert.equal(store.saved?.nextBlock, 3n)
    assert.deepEqual(store.indices(), [0n])
    chain.mine([])
    await until(() => store.saved?.nextBlock === 4n, 'the next confirmed block')
    await watcher.stop()
    assert.deepEqual(store.indices(), [0n, 1n])
  })

  it('rolls back what it derived from blocks a reorganisation dropped, and reads the new ones', async () => {
    const chain = new FakeChain(2)
    chain.mine([0n]) // block 2
    chain.mine([1n]) // block 3
    chain.mine([2n]) // block 4
    const store = new MemoryStore()
    const { watcher, reorgs } = watch(chain, store)
    await until(() => store.saved?.nextBlock === 5n, 'the head')
    assert.deepEqual(store.indices(), [0n, 1n, 2n])

    // Blocks 3 and 4 are replaced by three others; contribution 1 is gone, 7 and 8 are new.
    chain.reorg(2n)
    chain.mine([]) // 3'
    chain.mine([7n]) // 4'
    chain.mine([8n]) // 5'
    await until(() => store.saved?.nextBlock === 6n && store.derived.has(8n), 'the new fork')
    await watcher.stop()
    assert.deepEqual(store.rollbacks, [3n])
    assert.deepEqual(reorgs, [
      { fromBlock: 3n, depth: 2n, ancestor: { number: 2n, hash: chain.blocks[2]!.hash } },
    ])
    assert.deepEqual(store.indices(), [0n, 7n, 8n])
  })

  it('notices a reorganisation that keeps the height, and one that shortens the chain', async () => {
    const chain = new FakeChain(2)
    chain.mine([0n]) // 2
    chain.mine([1n]) // 3
    const store = new MemoryStore()
    const { watcher } = watch(chain, store)
    await until(() => store.saved?.nextBlock === 4n, 'the head')
    chain.reorg(2n)
    chain.mine([5n]) // 3' at the same height
    await until(() => store.derived.has(5n), 'the replaced block')
    assert.deepEqual(store.indices(), [0n, 5n])
    chain.reorg(1n) // shorter than what was read
    await until(() => store.derived.size === 0, 'the rollback to block 2')
    assert.equal(store.saved?.nextBlock, 2n)
    chain.mine([6n])
    await until(() => store.derived.has(6n), 'the next block')
    await watcher.stop()
    // Block 1 is still on the chain (its hash was kept): only block 2 on is read again.
    assert.deepEqual(store.rollbacks, [3n, 2n])
  })

  it('reads everything again when the reorganisation is deeper than the hashes it keeps', async () => {
    const chain = new FakeChain(2)
    for (let i = 0n; i < 30n; i++) chain.mine([i])
    const store = new MemoryStore()
    // It keeps at least 16 blocks' hashes (2 × confirmations + 16).
    const { watcher, errors } = watch(chain, store, { keepBlocks: 4, maxBlockRange: 1 })
    await until(() => store.saved?.nextBlock === 32n, 'the head')
    assert.ok((store.saved?.recent.length ?? 0) <= 17, `kept ${store.saved?.recent.length}`)
    chain.reorg(5n)
    for (let i = 100n; i < 30n + 100n; i++) chain.mine([i])
    await until(() => store.derived.has(129n), 'the new fork')
    await watcher.stop()
    assert.deepEqual(store.rollbacks, [1n])
    assert.ok(errors.includes('TRIAD_ERR_REORG_TOO_DEEP'))
    // Blocks 1..5 were kept by the fork: contributions 0..3 (blocks 2..5) read again.
    assert.deepEqual(store.indices().slice(0, 5), [0n, 1n, 2n, 3n, 100n])
    assert.equal(store.derived.size, 4 + 30)
  })

  it('survives an RPC outage with growing pauses, then catches up without a gap', async () => {
    const chain = new FakeChain(2)
    chain.mine([0n])
    const store = new MemoryStore()
    const retries: number[] = []
    const { watcher } = watch(chain, store, {
      onError: (_error, retry) => retries.push(retry.retryInMs),
    })
    await until(() => store.saved?.nextBlock === 3n, 'the head')
    chain.down = true
    chain.mine([1n])
    chain.mine([2n])
    await until(() => retries.length >= 4, 'several failed polls')
    assert.ok(watcher.failures >= 4)
    assert.deepEqual(retries.slice(0, 4), [10, 20, 40, 40])
    chain.down = false
    await until(() => store.saved?.nextBlock === 5n, 'catching up')
    await watcher.stop()
    assert.equal(watcher.failures, 0)
    assert.deepEqual(store.indices(), [0n, 1n, 2n])
  })

  it('halves the range when the endpoint refuses a wide one', async () => {
    const chain = new FakeChain(2)
    for (let i = 0n; i < 10n; i++) chain.mine([i])
    chain.maxLogRange = 4n
    const store = new MemoryStore()
    const { watcher, errors } = watch(chain, store, { maxBlockRange: 100 })
    await until(() => store.saved?.nextBlock === 12n, 'the head')
    await watcher.stop()
    assert.deepEqual(errors, [])
    assert.deepEqual(
      store.indices(),
      Array.from({ length: 10 }, (_, i) => BigInt(i)),
    )
  })
})
