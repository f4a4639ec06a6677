import type Database from 'better-sqlite3'
import type { Logger } from 'pino'
import {
  type Address,
  encodeFunctionData,
  type Hash,
  type Hex,
  keccak256,
  type TransactionReceipt,
} from 'viem'
import {
  estimateContractGas,
  estimateFeesPerGas,
  getTransactionCount,
  getTransactionReceipt,
  sendRawTransaction,
} from 'viem/actions'
import { sleep } from '../async/sleep.ts'
import { decodeTriadError, type TriadClient } from '../chain/index.ts'
import { TriadError } from '../errors/index.ts'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import { relaxedSync } from '../storage/relaxedSync.ts'

/** The market calls a bridge sends. */
export type OutboxCall =
  | { readonly functionName: 'submitResult'; readonly args: SubmitArgs }
  | { readonly functionName: 'refuseJob'; readonly args: RefuseArgs }
  | { readonly functionName: 'refund'; readonly args: readonly [jobId: bigint] }

type SubmitArgs = readonly [bigint, number, bigint, readonly Hex[], readonly Hex[]]
type RefuseArgs = readonly [bigint, number, bigint, readonly Hex[]]

/** How a sent call ended on chain. */
export interface OutboxReceipt {
  readonly hash: Hash
  readonly blockNumber: bigint
  readonly gasUsed: bigint
  readonly status: 'success' | 'reverted'
  /** How many times the fees were raised before it was mined. */
  readonly bumps: number
}

export interface TransactionOutboxOptions {
  readonly client: TriadClient
  readonly market: Address
  /** The SQLite database the outbox keeps its rows in (the bridge's). */
  readonly db: Database.Database
  readonly logger: Logger
  /** How often pending transactions are checked. */
  readonly pollIntervalMs: number
  /** A transaction not mined after this long is signed again with higher fees. Default 15 s. */
  readonly bumpAfterMs?: number
  /** Each bump raises both fee caps by this percentage (at least 10 for most nodes). Default 25. */
  readonly bumpPercent?: number
  /** Never offer more than this per gas (wei); default no cap. */
  readonly maxFeePerGasCap?: bigint
  /** Fees for a first signature, instead of the node's estimate (tests of bumping). */
  readonly initialFees?: { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }
  readonly onMined?: (call: OutboxCall['functionName'], receipt: OutboxReceipt) => void
  readonly onBump?: (call: OutboxCall['functionName']) => void
}

type RowStatus = 'pending' | 'mined' | 'reverted'

interface Row {
  key: string
  function_name: OutboxCall['functionName']
  data: Hex
  nonce: number
  gas: string
  max_fee: string
  max_priority_fee: string
  hashes: string
  raw: Hex
  status: RowStatus
  tx_hash: Hash | null
  block: number | null
  gas_used: string | null
  bumps: number
  bumped_at: number
}

/** A call estimated and waiting for its nonce, signature and broadcast (in a batch). */
interface Prepared {
  readonly key: string
  readonly call: OutboxCall
  readonly gas: bigint
  readonly fees: { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

/** Gas for the ledger steps a settlement, refusal or refund folds (TriadMarket.AUTO_ADVANCE_STEPS = 8). */
const LEDGER_FOLD_ALLOWANCE = 8n * 15_000n
/** A fee estimate is reused for this long: many sends at once ask the node once. */
const FEE_ESTIMATE_TTL_MS = 1_000
/** Receipts looked up at once when many transactions are pending. */
const RECEIPT_LOOKUPS_AT_ONCE = 16

interface Waiter {
  readonly resolve: (receipt: OutboxReceipt) => void
  readonly reject: (error: unknown) => void
}

/**
 * The bridge's transactions, with managed nonces, fee bumping and idempotency, kept in SQLite.
 *
 * - **Once per key.** Every call is sent under a key (`submit:<job>:<attempt>`,
 *   `refund:<job>`); a key already sent is waited for, never sent again. The contract refuses a
 *   second settlement anyway; the key keeps the bridge from paying gas to learn that.
 * - **Nonces.** Assigned here, one at a time, from the chain's pending count and the rows of
 *   this outbox; the signed transaction is stored before it is broadcast, so after a crash it is
 *   broadcast again, byte for byte (same hash), and no nonce is used twice or skipped.
 * - **Stuck transactions.** One not mined after `bumpAfterMs` is signed again with the same
 *   nonce and fee caps raised by `bumpPercent` (or the current estimate, if higher); every hash
 *   is kept, and whichever is mined counts.
 * - **Nonce taken elsewhere.** When the chain's nonce passes a row and none of its hashes was
 *   mined, another transaction from the same key used it: the call is signed again with a fresh
 *   nonce.
 *
 * Calls that would revert are refused at gas estimation (a TriadError such as
 * TRIAD_ERR_JOB_NOT_PENDING) and nothing is sent.
 */
export class TransactionOutbox {
  readonly #options: TransactionOutboxOptions
  readonly #db: Database.Database
  readonly #waiters = new Map<string, Waiter[]>()
  /** Batches are signed and broadcast one at a time, in nonce order. */
  #queue: Promise<unknown> = Promise.resolve()
  /** Sends under way, by key. */
  readonly #sending = new Map<string, Promise<void>>()
  /** Calls estimated and waiting for the next batch. */
  #batch: Prepared[] = []
  #fees:
    | { at: number; fees: Promise<{ maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }> }
    | undefined
  #nextNonce: number | undefined
  readonly #stopping = new AbortController()
  #wake = new AbortController()
  #loop: Promise<void> | undefined

  constructor(options: TransactionOutboxOptions) {
    this.#options = options
    this.#db = options.db
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS outbox (
        key TEXT PRIMARY KEY,
        function_name TEXT NOT NULL,
        data TEXT NOT NULL,
        nonce INTEGER NOT NULL,
        gas TEXT NOT NULL,
        max_fee TEXT NOT NULL,
        max_priority_fee TEXT NOT NULL,
        hashes TEXT NOT NULL,
        raw TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'mined', 'reverted')),
        tx_hash TEXT,
        block INTEGER,
        gas_used TEXT,
        bumps INTEGER NOT NULL DEFAULT 0,
        sent_at INTEGER NOT NULL,
        bumped_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (status, nonce);
    `)
  }

  get #address(): Address {
    return this.#options.client.account.address
  }

  /**
   * Broadcasts again what was pending when the bridge stopped and starts watching it. Call once,
   * before `send`.
   */
  async start(): Promise<void> {
    for (const row of this.#pendingRows()) {
      await this.#broadcast(row.raw).catch((error: unknown) => {
        this.#options.logger.warn(
          { key: row.key, nonce: row.nonce, err: decodeTriadError(error).shortMessage },
          'could not broadcast a pending transaction again; checking it on chain',
        )
      })
    }
    this.#loop = this.#run()
  }

  /**
   * Sends `call` once under `key` and resolves when it is mined (success or reverted). A key sent
   * before (by this process or before a restart) is not sent again: its outcome is awaited.
   */
  async send(key: string, call: OutboxCall): Promise<OutboxReceipt> {
    const existing = this.#row(key)
    if (existing && existing.status !== 'pending') return receiptOf(existing)
    if (!existing) await this.#sendNew(key, call)
    const row = this.#row(key)
    if (row && row.status !== 'pending') return receiptOf(row)
    return new Promise<OutboxReceipt>((resolve, reject) => {
      const list = this.#waiters.get(key) ?? []
      list.push({ resolve, reject })
      this.#waiters.set(key, list)
      this.#wake.abort()
    })
  }

  /**
   * Forgets a mined call whose block left the chain (a reorganisation), so that `send` with the
   * same key signs it again. Returns whether a row was forgotten.
   */
  forget(key: string): boolean {
    return (
      this.#db.prepare("DELETE FROM outbox WHERE key = ? AND status != 'pending'").run(key)
        .changes === 1
    )
  }

  /** Where a key stands: sent and `pending`, `mined`, `reverted`, or never sent. */
  status(key: string): RowStatus | undefined {
    return this.#row(key)?.status
  }

  /** The mined transaction of a key, if any. */
  mined(key: string): OutboxReceipt | undefined {
    const row = this.#row(key)
    return row && row.status !== 'pending' ? receiptOf(row) : undefined
  }

  /** The number of transactions sent and not mined yet. */
  get pending(): number {
    return (
      this.#db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'").get() as {
        n: number
      }
    ).n
  }

  /** Stops watching; waiting sends reject with TRIAD_ERR_SERVICE... (they resume at restart). */
  async stop(): Promise<void> {
    this.#stopping.abort()
    this.#wake.abort()
    await this.#loop
    await this.#queue.catch(() => {})
    const error = new TriadError('TRIAD_ERR_INTERNAL', 'The bridge is stopping', {
      details: 'the transaction stays in the outbox and is watched again at the next start',
      retryable: true,
    })
    for (const list of this.#waiters.values()) for (const waiter of list) waiter.reject(error)
    this.#waiters.clear()
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task)
    this.#queue = run.catch(() => {})
    return run
  }

  /**
   * Estimates the call (concurrently with other sends: a call that would revert is refused here
   * and nothing is sent), then waits for its batch: the calls estimated meanwhile get consecutive
   * nonces, are signed and stored in one SQLite transaction (one fsync for the batch), and are
   * broadcast in nonce order.
   */
  #sendNew(key: string, call: OutboxCall): Promise<void> {
    // Two sends of one key at once share one transaction.
    const running = this.#sending.get(key)
    if (running) return running
    const sending = this.#estimateAndSend(key, call).finally(() => this.#sending.delete(key))
    this.#sending.set(key, sending)
    return sending
  }

  async #estimateAndSend(key: string, call: OutboxCall): Promise<void> {
    const { client, market } = this.#options
    let gas: bigint
    try {
      gas = await estimateContractGas(client, {
        address: market,
        abi: triadMarketAbi,
        functionName: call.functionName,
        args: call.args,
        account: client.account,
      } as Parameters<typeof estimateContractGas>[1])
    } catch (error) {
      // It would revert (already settled, not expired yet, ...): nothing is sent.
      throw decodeTriadError(error)
    }
    // 20% headroom, plus the most the ledger can fold on its own: calls are estimated at once
    // and mined one after another, so a settlement estimated while earlier jobs were pending
    // may be the one that folds them (up to AUTO_ADVANCE_STEPS) when it is mined.
    gas = (gas * 6n) / 5n + LEDGER_FOLD_ALLOWANCE
    const fees = this.#options.initialFees ?? (await this.#estimateFeesShared())
    await new Promise<void>((resolve, reject) => {
      this.#batch.push({ key, call, gas, fees, resolve, reject })
      // The first call of a batch schedules it; later ones join until it starts.
      if (this.#batch.length === 1) void this.#enqueue(() => this.#sendBatch())
    })
  }

  async #sendBatch(): Promise<void> {
    const items = this.#batch.filter((item) => !this.#row(item.key))
    for (const item of this.#batch) if (!items.includes(item)) item.resolve()
    this.#batch = []
    if (items.length === 0) return
    let signed: { item: Prepared; nonce: number; data: Hex; raw: Hex }[]
    try {
      signed = []
      for (const item of items) {
        const nonce = await this.#allocateNonce()
        const data = encodeFunctionData({
          abi: triadMarketAbi,
          functionName: item.call.functionName,
          args: item.call.args,
        } as Parameters<typeof encodeFunctionData>[0])
        signed.push({ item, nonce, data, raw: await this.#sign(nonce, data, item.gas, item.fees) })
      }
    } catch (error) {
      // Nothing stored or sent: the nonces are free again.
      this.#nextNonce = undefined
      for (const item of items) item.reject(error)
      return
    }
    const now = Date.now()
    const insert = this.#db.prepare(
      `INSERT INTO outbox (key, function_name, data, nonce, gas, max_fee, max_priority_fee, hashes, raw, status, sent_at, bumped_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
    )
    // Stored (synchronous FULL) before anything is broadcast: a crash re-broadcasts, byte for byte.
    this.#db.transaction(() => {
      for (const { item, nonce, data, raw } of signed) {
        insert.run(
          item.key,
          item.call.functionName,
          data,
          nonce,
          item.gas.toString(),
          item.fees.maxFeePerGas.toString(),
          item.fees.maxPriorityFeePerGas.toString(),
          JSON.stringify([keccak256(raw)]),
          raw,
          now,
          now,
        )
      }
    })()
    // The first alone (an account without funds, a nonce taken: the whole batch would fail the
    // same way), then the rest at once: a node keeps a transaction whose nonce is ahead until
    // the ones before it arrive.
    const failures: (unknown | undefined)[] = []
    failures[0] = await this.#broadcast(signed[0]!.raw).then(
      () => undefined,
      (error: unknown) => error ?? new Error('broadcast failed'),
    )
    // After a first failure that dooms the batch (nonce taken, refused for good), the rest wait.
    const first = failures[0]
    const restSent =
      first === undefined ||
      decodeTriadError(first).retryable ||
      /underpriced|fee cap|base ?fee|max ?fee|gas price/i.test(errorText(first))
    if (restSent) {
      const rest = await Promise.all(
        signed.slice(1).map(({ raw }) =>
          this.#broadcast(raw).then(
            () => undefined,
            (error: unknown) => error ?? new Error('broadcast failed'),
          ),
        ),
      )
      failures.push(...rest)
    }
    for (const [position, { item, nonce }] of signed.entries()) {
      if (position > 0 && !restSent) break
      const error = failures[position]
      if (error === undefined) {
        item.resolve()
        continue
      }
      const decoded = decodeTriadError(error)
      if (decoded.retryable) {
        // The node may have it or not: the row is pending and the loop broadcasts it again.
        this.#options.logger.warn(
          { key: item.key, nonce, err: decoded.shortMessage },
          'broadcast failed; the outbox will send the same transaction again',
        )
        item.resolve()
        continue
      }
      if (/underpriced|fee cap|base ?fee|max ?fee|gas price/i.test(errorText(error))) {
        // Offered too little for now: it stays pending and the loop signs it with higher fees.
        this.#db.prepare('UPDATE outbox SET bumped_at = 0 WHERE key = ?').run(item.key)
        this.#options.logger.warn(
          { key: item.key, nonce, err: decoded.shortMessage },
          'the node refused the fees; signing again with higher ones',
        )
        item.resolve()
        continue
      }
      const remove = this.#db.prepare('DELETE FROM outbox WHERE key = ?')
      if (/nonce too low|nonce.*already used/i.test(errorText(error))) {
        // Another transaction of this account took the nonce: sign again with a fresh one. When
        // it was the first, the rest were not sent: they are signed again too.
        const again = restSent ? [item] : signed.map((entry) => entry.item)
        this.#db.transaction(() => {
          for (const entry of again) remove.run(entry.key)
        })()
        this.#nextNonce = undefined
        this.#requeue(again)
        if (!restSent) return
        continue
      }
      // Refused for good (e.g. insufficient funds): nothing was sent for this call. The later
      // calls are signed again from its nonce (replacing any sent ones), so no gap remains.
      const later = signed.slice(position + 1)
      this.#db.transaction(() => {
        remove.run(item.key)
        for (const entry of later) remove.run(entry.item.key)
      })()
      this.#nextNonce = nonce
      item.reject(decoded)
      this.#requeue(later.map((entry) => entry.item))
      return
    }
  }

  /** Puts calls back for the next batch (new nonces, new signatures). */
  #requeue(items: readonly Prepared[]): void {
    if (items.length === 0) return
    const wasEmpty = this.#batch.length === 0
    this.#batch.push(...items)
    if (wasEmpty) void this.#enqueue(() => this.#sendBatch())
  }

  /** The node's fee estimate, shared by the sends of the same second. */
  #estimateFeesShared(): Promise<{ maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }> {
    const now = Date.now()
    if (!this.#fees || now - this.#fees.at > FEE_ESTIMATE_TTL_MS) {
      const fees = this.#estimateFees()
      this.#fees = { at: now, fees }
      fees.catch(() => {
        if (this.#fees?.fees === fees) this.#fees = undefined
      })
    }
    return this.#fees.fees
  }

  async #allocateNonce(): Promise<number> {
    if (this.#nextNonce === undefined) {
      const chain = await getTransactionCount(this.#options.client, {
        address: this.#address,
        blockTag: 'pending',
      })
      const stored = this.#db
        .prepare("SELECT MAX(nonce) AS nonce FROM outbox WHERE status = 'pending'")
        .get() as { nonce: number | null }
      this.#nextNonce = Math.max(chain, (stored.nonce ?? -1) + 1)
    }
    const nonce = this.#nextNonce
    this.#nextNonce += 1
    return nonce
  }

  async #estimateFees(): Promise<{ maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }> {
    const fees = await estimateFeesPerGas(this.#options.client)
    const cap = this.#options.maxFeePerGasCap
    return {
      maxFeePerGas: cap !== undefined && fees.maxFeePerGas > cap ? cap : fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    }
  }

  #sign(
    nonce: number,
    data: Hex,
    gas: bigint,
    fees: { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint },
  ): Promise<Hex> {
    const { client, market } = this.#options
    // The tip can never exceed the cap (bigints: no Math.min).
    let maxPriorityFeePerGas = fees.maxPriorityFeePerGas
    if (maxPriorityFeePerGas > fees.maxFeePerGas) maxPriorityFeePerGas = fees.maxFeePerGas
    return client.account.signTransaction!({
      type: 'eip1559',
      chainId: client.chain.id,
      nonce,
      to: market,
      data,
      gas,
      value: 0n,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas,
    })
  }

  async #broadcast(raw: Hex): Promise<void> {
    try {
      await sendRawTransaction(this.#options.client, { serializedTransaction: raw })
    } catch (error) {
      // The node has it already, or mined it: that is what we wanted.
      if (
        /already known|already imported|known transaction|already in (the )?pool/i.test(
          String(error),
        )
      )
        return
      throw error
    }
  }

  #pendingRows(): Row[] {
    return this.#db
      .prepare("SELECT * FROM outbox WHERE status = 'pending' ORDER BY nonce")
      .all() as Row[]
  }

  #row(key: string): Row | undefined {
    return this.#db.prepare('SELECT * FROM outbox WHERE key = ?').get(key) as Row | undefined
  }

  async #run(): Promise<void> {
    while (!this.#stopping.signal.aborted) {
      try {
        await this.#check()
      } catch (error) {
        this.#options.logger.warn(
          { err: decodeTriadError(error).shortMessage },
          'checking pending transactions failed; retrying',
        )
      }
      await sleep(
        this.#options.pollIntervalMs,
        AbortSignal.any([this.#stopping.signal, this.#wake.signal]),
      )
      if (this.#wake.signal.aborted) this.#wake = new AbortController()
    }
  }

  /** One look at the pending transactions: record the mined, bump the stuck, redo the lost. */
  async #check(): Promise<void> {
    const pending = this.#pendingRows()
    if (pending.length === 0) return
    const { client } = this.#options
    const minedCount = await getTransactionCount(client, {
      address: this.#address,
      blockTag: 'latest',
    })
    const bumpAfter = this.#options.bumpAfterMs ?? 15_000
    const now = Date.now()
    // Mined rows, and rows not mined yet for long (maybe mined just now, maybe stuck).
    const due = pending.filter((row) => row.nonce < minedCount || now - row.bumped_at >= bumpAfter)
    const receipts: (TransactionReceipt | undefined)[] = []
    for (let start = 0; start < due.length; start += RECEIPT_LOOKUPS_AT_ONCE) {
      if (this.#stopping.signal.aborted) return
      const slice = due.slice(start, start + RECEIPT_LOOKUPS_AT_ONCE)
      receipts.push(...(await Promise.all(slice.map((row) => this.#findReceipt(row)))))
    }
    const found = due.flatMap((row, index) => {
      const receipt = receipts[index]
      return receipt ? [{ row, receipt }] : []
    })
    this.#recordMined(found)
    for (const [index, row] of due.entries()) {
      if (receipts[index] || this.#stopping.signal.aborted) continue
      if (row.nonce < minedCount) await this.#enqueue(() => this.#resendLost(row))
      else await this.#enqueue(() => this.#bump(row))
    }
  }

  async #findReceipt(row: Row): Promise<TransactionReceipt | undefined> {
    for (const hash of JSON.parse(row.hashes) as Hash[]) {
      const receipt = await getTransactionReceipt(this.#options.client, { hash }).catch(
        () => undefined,
      )
      if (receipt) return receipt
    }
    return undefined
  }

  /**
   * Records mined transactions in one transaction, without an fsync of its own (the chain keeps
   * the receipts: after a power loss the rows are found mined again), and wakes their waiters.
   */
  #recordMined(found: readonly { row: Row; receipt: TransactionReceipt }[]): void {
    if (found.length === 0) return
    const update = this.#db.prepare(
      'UPDATE outbox SET status = ?, tx_hash = ?, block = ?, gas_used = ? WHERE key = ? AND status = ?',
    )
    const results = relaxedSync(this.#db, () =>
      this.#db.transaction(() =>
        found.map(({ row, receipt }) => {
          const status: RowStatus = receipt.status === 'success' ? 'mined' : 'reverted'
          update.run(
            status,
            receipt.transactionHash,
            Number(receipt.blockNumber),
            receipt.gasUsed.toString(),
            row.key,
            'pending',
          )
          return receiptOf({
            ...row,
            status,
            tx_hash: receipt.transactionHash,
            block: Number(receipt.blockNumber),
            gas_used: receipt.gasUsed.toString(),
          })
        }),
      )(),
    )
    found.forEach(({ row }, index) => {
      const result = results[index]!
      this.#options.onMined?.(row.function_name, result)
      for (const waiter of this.#waiters.get(row.key) ?? []) waiter.resolve(result)
      this.#waiters.delete(row.key)
    })
  }

  async #bump(row: Row): Promise<void> {
    const current = this.#row(row.key)
    if (current?.status !== 'pending') return
    const percent = BigInt(100 + (this.#options.bumpPercent ?? 25))
    const estimate = await this.#estimateFees().catch(() => undefined)
    const raise = (old: string, floor: bigint | undefined) => {
      const bumped = (BigInt(old) * percent + 99n) / 100n
      return floor !== undefined && floor > bumped ? floor : bumped
    }
    let maxFeePerGas = raise(current.max_fee, estimate?.maxFeePerGas)
    const cap = this.#options.maxFeePerGasCap
    if (cap !== undefined && maxFeePerGas > cap) maxFeePerGas = cap
    const maxPriorityFeePerGas = raise(current.max_priority_fee, estimate?.maxPriorityFeePerGas)
    const raw = await this.#sign(current.nonce, current.data, BigInt(current.gas), {
      maxFeePerGas,
      maxPriorityFeePerGas,
    })
    const hashes = [...(JSON.parse(current.hashes) as Hash[]), keccak256(raw)]
    this.#db
      .prepare(
        'UPDATE outbox SET raw = ?, hashes = ?, max_fee = ?, max_priority_fee = ?, bumps = bumps + 1, bumped_at = ? WHERE key = ?',
      )
      .run(
        raw,
        JSON.stringify(hashes),
        maxFeePerGas.toString(),
        maxPriorityFeePerGas.toString(),
        Date.now(),
        current.key,
      )
    this.#options.onBump?.(current.function_name)
    this.#options.logger.warn(
      {
        key: current.key,
        nonce: current.nonce,
        maxFeePerGas: maxFeePerGas.toString(),
        bumps: current.bumps + 1,
      },
      'transaction not mined in time; signed again with higher fees',
    )
    await this.#broadcast(raw).catch((error: unknown) => {
      this.#options.logger.warn(
        { key: current.key, err: decodeTriadError(error).shortMessage },
        'broadcast of the bumped transaction failed; trying again later',
      )
    })
  }

  /** A row whose nonce another transaction used: sign the call again with a fresh nonce. */
  async #resendLost(row: Row): Promise<void> {
    const current = this.#row(row.key)
    if (current?.status !== 'pending') return
    // One last look: it may have been mined between the checks.
    const receipt = await this.#findReceipt(current)
    if (receipt) return this.#recordMined([{ row: current, receipt }])
    this.#options.logger.warn(
      { key: current.key, nonce: current.nonce },
      'another transaction used this nonce; sending the call again with a fresh nonce',
    )
    this.#nextNonce = undefined
    const nonce = await this.#allocateNonce()
    const fees = await this.#estimateFees()
    const raw = await this.#sign(nonce, current.data, BigInt(current.gas), fees)
    this.#db
      .prepare(
        'UPDATE outbox SET nonce = ?, raw = ?, hashes = ?, max_fee = ?, max_priority_fee = ?, bumped_at = ? WHERE key = ?',
      )
      .run(
        nonce,
        raw,
        JSON.stringify([keccak256(raw)]),
        fees.maxFeePerGas.toString(),
        fees.maxPriorityFeePerGas.toString(),
        Date.now(),
        current.key,
      )
    await this.#broadcast(raw).catch(() => {})
  }
}

/** An error's message with its causes' details, for matching node answers. */
function errorText(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; current && depth < 8; depth++) {
    const { message, details, shortMessage } = current as {
      message?: string
      details?: string
      shortMessage?: string
    }
    parts.push(String(shortMessage ?? ''), String(details ?? ''), String(message ?? ''))
    current = (current as { cause?: unknown }).cause
  }
  return parts.join(' | ')
}

function receiptOf(row: Row): OutboxReceipt {
  return {
    hash: row.tx_hash!,
    blockNumber: BigInt(row.block ?? 0),
    gasUsed: BigInt(row.gas_used ?? 0),
    status: row.status === 'mined' ? 'success' : 'reverted',
    bumps: row.bumps,
  }
}
