/**
 * `npm run bench:market`: the whole market on the embedded chain, through the real processes
 * (anvil with automine, three node processes over mutual TLS, a bridge process), loaded by this
 * process as sellers and buyers would load it:
 *
 * 1. `--sellers` sellers (fresh accounts) each contribute `--rows` rows of one integer column
 *    to one pool, `--concurrency` at a time (validate, share, seal, upload to the three nodes,
 *    register on chain with the nodes' receipts);
 * 2. `--buyers` buyers request `--jobs` jobs between them, each the mean of the `value` column
 *    over all the rows, all starting at once: in `closed` mode (default) each buyer keeps one job
 *    in flight (request, wait, open, request the next); in `burst` mode each buyer requests all
 *    its jobs back to back and then waits for them all.
 *
 * It prints progress, then jobs per second (first request to last opened result), the latency of
 * each job from the buyer's request to its opened result (median, 99th percentile), gas per job,
 * and checks that every job settled once with the right mean and count and that every balance
 * is exact: each buyer paid its jobs' prices, each contribution can claim exactly its share, the
 * node and market pots hold the rest, and the contract holds exactly what it owes.
 *
 * @example
 * npm run bench:market                          # 1,000 sellers × 10 rows, 1,000 jobs, 50 buyers
 * npm run bench:market -- --sellers 100 --jobs 200 --mode burst --no-write
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createTestClient, erc20Abi, type Hex, http, maxUint256, parseEther } from 'viem'
import { generatePrivateKey } from 'viem/accounts'
import { decodeResult, findCatalogEntry } from '../../src/algorithms/index.ts'
import {
  advanceLedger,
  createTriadClient,
  readNodeEarnings,
  readPool,
  type TriadClient,
  triadChain,
} from '../../src/chain/index.ts'
import { type MarketEvent, startChainWatcher } from '../../src/chain/watcher/index.ts'
import { contributeRows } from '../../src/client/contributeRows.ts'
import { openResult } from '../../src/client/openResult.ts'
import { requestComputation } from '../../src/client/requestComputation.ts'
import { createValuePool, devSplit } from '../../src/devnet/createValuePool.ts'
import { type Devnet, startDevnet } from '../../src/devnet/startDevnet.ts'
import { testStablecoinAbi, triadMarketAbi } from '../../src/protocol/abi/generated/index.ts'
import { poolSchemaFromUri } from '../../src/protocol/schema/index.ts'

const { values: options } = parseArgs({
  options: {
    sellers: { type: 'string', default: '1000' },
    rows: { type: 'string', default: '10' },
    jobs: { type: 'string', default: '1000' },
    buyers: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '16' },
    mode: { type: 'string', default: 'closed' },
    write: { type: 'boolean', default: true },
    'no-write': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'block-time': { type: 'string', default: '0.1' },
  },
})
const sellerCount = Number(options.sellers)
const rowsPerSeller = Number(options.rows)
const jobCount = Number(options.jobs)
const buyerCount = Number(options.buyers)
const concurrency = Number(options.concurrency)
const mode = options.mode === 'burst' ? 'burst' : 'closed'
const write = options.write && !options['no-write']
if (jobCount % buyerCount !== 0) throw new Error('--jobs must be a multiple of --buyers')

const price = 1_000_000n // 1 tUSD
const maxValue = 1_000

const log = (message: string) => process.stderr.write(`${message}\n`)
const seconds = (ms: number) => (ms / 1_000).toFixed(1)

/** Runs `task` over `items`, `limit` at a time, calling `onDone` after each. */
async function pool<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
) {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++
        await task(items[index]!, index)
      }
    }),
  )
}

/** Prints `label done/total (rate/s)` every 2 s while `done()` < total. */
function progress(label: string, total: number, done: () => number) {
  const started = Date.now()
  const timer = setInterval(() => {
    const count = done()
    log(`  ${label} ${count}/${total} (${(count / ((Date.now() - started) / 1_000)).toFixed(1)}/s)`)
  }, 2_000)
  return () => clearInterval(timer)
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux; clock ticks of
 * 1/100 s); undefined elsewhere or once it exited.
 */
function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return undefined
  }
}

/** The pid of this process's anvil child (Linux), to count its CPU time. */
function anvilPid(): number | undefined {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
        if (name === 'anvil' && parent === process.pid) return Number(entry)
      } catch {
        // The process ended while we looked.
      }
    }
  } catch {
    // No /proc.
  }
  return undefined
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

async function main() {
  const stateDir = mkdtempSync(join(tmpdir(), 'triad-bench-market-'))
  log(
    `bench:market: ${sellerCount} sellers × ${rowsPerSeller} rows, ${jobCount} jobs by ${buyerCount} buyers (${mode})`,
  )
  const startedAt = Date.now()
  const devnet = await startDevnet({
    stateDir,
    sellers: 0,
    // The bridge sees new requests within 50 ms; a node's watcher polls at once when a job is
    // handed over before it read the request, so it can poll slowly otherwise.
    pollIntervalMs: 50,
    nodePollIntervalMs: 500,
    // Automine (a block per transaction) makes the chain the bottleneck at thousands of
    // transactions; a short block time lets many share a block, as on a real chain.
    ...(Number(options['block-time']) > 0 ? { blockTime: Number(options['block-time']) } : {}),
    onStep: (message) => log(`  ${message}`),
  })
  // Ctrl-C (or a timeout's SIGTERM) still stops the node, bridge and chain processes.
  const interrupt = () => {
    log('interrupted: stopping the market')
    void devnet.stop().finally(() => process.exit(130))
  }
  process.once('SIGINT', interrupt)
  process.once('SIGTERM', interrupt)
  try {
    await run(devnet)
  } finally {
    process.off('SIGINT', interrupt)
    process.off('SIGTERM', interrupt)
    await devnet.stop()
    if (options.keep) log(`state and logs kept in ${stateDir}`)
    else rmSync(stateDir, { recursive: true, force: true })
  }
  log(`done in ${seconds(Date.now() - startedAt)} s`)
}

async function run(devnet: Devnet) {
  const market = { chainId: devnet.deployment.chainId, market: devnet.deployment.market }
  const rpcUrl = devnet.rpcUrl
  const chainId = devnet.deployment.chainId
  const client = (privateKey: Hex) =>
    createTriadClient({ rpcUrl, chainId, privateKey, pollingInterval: 20 })
  const test = createTestClient({
    mode: 'anvil',
    chain: triadChain({ chainId, rpcUrl }),
    transport: http(rpcUrl),
  })
  const sellers = Array.from({ length: sellerCount }, () => client(generatePrivateKey()))
  const buyers = Array.from({ length: buyerCount }, () => client(generatePrivateKey()))
  await pool([...sellers, ...buyers], 32, async (account) => {
    await test.setBalance({ address: account.account.address, value: parseEther('100') })
  })
  const poolId = await createValuePool(devnet, { price, max: maxValue, minContributors: 1 })
  const jobsPerBuyer = jobCount / buyerCount
  await pool(buyers, 16, async (buyer) => {
    const mint = await buyer.writeContract({
      address: devnet.deployment.token,
      abi: testStablecoinAbi,
      functionName: 'mint',
      args: [buyer.account.address, price * BigInt(jobsPerBuyer)],
    })
    await buyer.waitForTransactionReceipt({ hash: mint })
    const approve = await buyer.writeContract({
      address: devnet.deployment.token,
      abi: erc20Abi,
      functionName: 'approve',
      args: [devnet.deployment.market, maxUint256],
    })
    await buyer.waitForTransactionReceipt({ hash: approve })
  })

  // 1. Sellers contribute.
  log(`contributing: ${sellerCount} sellers, ${concurrency} at a time`)
  let plaintextSum = 0n
  const commitments: Hex[] = []
  let contributed = 0
  const contributionStart = Date.now()
  const stopContribution = progress('contributions', sellerCount, () => contributed)
  await pool(sellers, concurrency, async (seller, index) => {
    const rows = Array.from({ length: rowsPerSeller }, () => ({
      value: Math.floor(Math.random() * (maxValue + 1)),
    }))
    for (const row of rows) plaintextSum += BigInt(row.value)
    const { commitment } = await contributeRows(seller, { market, poolId, data: { rows } })
    commitments[index] = commitment
    contributed += 1
  })
  stopContribution()
  const contributionMs = Date.now() - contributionStart
  log(
    `contributed ${sellerCount * rowsPerSeller} rows in ${seconds(contributionMs)} s (${(sellerCount / (contributionMs / 1_000)).toFixed(1)} sellers/s)`,
  )

  // 2. Buyers request jobs; a watcher in this process tells each buyer when its job settled.
  const settled = new Map<bigint, Extract<MarketEvent, { kind: 'completed' | 'refunded' }>>()
  const settledSeenAt = new Map<bigint, number>()
  // Where a job's latency goes: request mined, settlement seen, result opened.
  const stages = { mined: [] as number[], settled: [] as number[], opened: [] as number[] }
  const waiting = new Map<bigint, () => void>()
  let position: { nextBlock: bigint; recent: { number: bigint; hash: Hex }[] } | undefined
  const watcher = startChainWatcher(buyers[0]!, {
    market: devnet.deployment.market,
    kinds: ['completed', 'refunded'],
    startBlock: await buyers[0]!.getBlockNumber({ cacheTime: 0 }),
    pollIntervalMs: 50,
    store: {
      position: () => position,
      apply(update) {
        for (const event of update.events) {
          if (event.kind !== 'completed' && event.kind !== 'refunded') continue
          settled.set(event.jobId, event)
          settledSeenAt.set(event.jobId, Date.now())
          waiting.get(event.jobId)?.()
        }
        position = { nextBlock: update.position.nextBlock, recent: [...update.position.recent] }
      },
      rollBack(_from, next) {
        position = { nextBlock: next.nextBlock, recent: [...next.recent] }
      },
    },
  })
  const settlement = (jobId: bigint) =>
    new Promise<void>((resolve) => {
      if (settled.has(jobId)) return resolve()
      waiting.set(jobId, resolve)
    })

  // Every job is the mean of the value column over all the pool's rows.
  const mean = findCatalogEntry('mean')
  const meanParams = { column: 'value' }
  const totalRowCount = sellerCount * rowsPerSeller
  const poolState = await readPool(buyers[0]!, { market: market.market, poolId })
  const schema = poolSchemaFromUri(poolState.schemaURI, poolState.schemaHash)
  const latencies: number[] = []
  const requestGas: bigint[] = []
  let opened = 0
  let wrong = 0
  const balancesBefore = await Promise.all(buyers.map((buyer) => balanceOf(devnet, buyer)))
  log(`requesting: ${jobCount} jobs by ${buyerCount} buyers at once (${mode})`)
  // CPU time each process spends on the jobs (Linux): where the time goes.
  const processes = {
    nodes: () => devnet.nodes.map((node) => node.pid),
    bridge: () => devnet.bridges.map((bridge) => bridge.pid),
    anvil: (() => {
      const pid = anvilPid()
      return () => [pid]
    })(),
  }
  const cpuNow = () => ({
    ...Object.fromEntries(
      Object.entries(processes).map(([name, pids]) => [
        name,
        pids().reduce((total: number, pid) => total + (cpuSecondsOf(pid) ?? Number.NaN), 0),
      ]),
    ),
    clients: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage()),
  })
  const cpuBefore = cpuNow()
  const jobsStart = Date.now()
  const stopJobs = progress('jobs opened', jobCount, () => opened)

  const finish = async (jobId: bigint, privateKey: Hex, requestedAt: number, minedAt: number) => {
    await settlement(jobId)
    const event = settled.get(jobId)!
    if (event.kind !== 'completed') {
      wrong += 1
      return
    }
    const values = await openResult({ market, jobId, sealedShares: event.sealedShares, privateKey })
    const result = decodeResult(mean, {
      params: meanParams,
      schema,
      rows: totalRowCount,
      values,
    }) as {
      count: number
      mean: number
    }
    const openedAt = Date.now()
    latencies.push(openedAt - requestedAt)
    const seenAt = settledSeenAt.get(jobId)!
    stages.mined.push(minedAt - requestedAt)
    stages.settled.push(Math.max(0, seenAt - minedAt))
    stages.opened.push(openedAt - Math.max(seenAt, minedAt))
    const expected = Number(plaintextSum) / totalRowCount
    if (result.count !== totalRowCount || Math.abs(result.mean - expected) > 1e-9 * expected) {
      wrong += 1
    }
    opened += 1
  }
  const request = async (buyer: TriadClient) => {
    const requestedAt = Date.now()
    const job = await requestComputation(buyer, {
      market,
      poolId,
      algorithmId: mean.id,
      params: meanParams,
    })
    requestGas.push(job.gasUsed)
    return {
      jobId: job.jobId,
      privateKey: job.resultKey.privateKey,
      requestedAt,
      minedAt: Date.now(),
    }
  }
  const jobIds: bigint[] = []
  await Promise.all(
    buyers.map(async (buyer) => {
      if (mode === 'closed') {
        for (let i = 0; i < jobsPerBuyer; i++) {
          const job = await request(buyer)
          jobIds.push(job.jobId)
          await finish(job.jobId, job.privateKey, job.requestedAt, job.minedAt)
        }
      } else {
        const jobs = []
        for (let i = 0; i < jobsPerBuyer; i++) jobs.push(await request(buyer))
        jobIds.push(...jobs.map((job) => job.jobId))
        await Promise.all(
          jobs.map((job) => finish(job.jobId, job.privateKey, job.requestedAt, job.minedAt)),
        )
      }
    }),
  )
  const jobsMs = Date.now() - jobsStart
  const cpuAfter = cpuNow()
  const cpuMsPerJob = Object.fromEntries(
    Object.entries(cpuAfter).map(([name, seconds]) => [
      name,
      Math.round(((seconds - cpuBefore[name as keyof typeof cpuBefore]!) * 1_000) / jobCount),
    ]),
  )
  stopJobs()
  await watcher.stop()

  // 3. Checks: every job settled once with the right mean; every balance exact.
  const failures: string[] = []
  if (opened !== jobCount) failures.push(`${opened} of ${jobCount} jobs opened`)
  if (wrong > 0) failures.push(`${wrong} jobs refunded or opened to a wrong mean or count`)
  if (new Set(jobIds).size !== jobCount) failures.push('job ids repeat')
  const balancesAfter = await Promise.all(buyers.map((buyer) => balanceOf(devnet, buyer)))
  balancesAfter.forEach((after, index) => {
    const paid = balancesBefore[index]! - after
    if (paid !== price * BigInt(jobsPerBuyer)) failures.push(`buyer ${index} paid ${paid}`)
  })
  // Fold the ledger to the last job, then every contribution's claim is exact.
  for (;;) {
    const state = await readPool(devnet.accounts.curator, { market: market.market, poolId })
    if (state.finalizedJobs >= state.jobCount) break
    await advanceLedger(devnet.accounts.curator, { market: market.market, poolId, maxSteps: 256n })
  }
  // The ledger (docs/contract.md): C grows by floor(S * 1e27 / R) per delivered job; a seller
  // of r rows, in every job, can claim floor(r * C / 1e27). What rounding leaves (dust) stays in
  // the contract, unclaimable: less than one unit per seller.
  const totalRows = BigInt(sellerCount * rowsPerSeller)
  const sellerShare = (price * BigInt(devSplit.sellerBps)) / 10_000n
  const scale = 10n ** 27n
  const ledger = BigInt(jobCount) * ((sellerShare * scale) / totalRows)
  const expectedClaim = (BigInt(rowsPerSeller) * ledger) / scale
  let claimable = 0n
  await pool(sellers, 32, async (seller, index) => {
    const amount = await devnet.accounts.curator.readContract({
      address: market.market,
      abi: triadMarketAbi,
      functionName: 'claimable',
      args: [poolId, seller.account.address, commitments[index]!],
    })
    claimable += amount
    if (amount !== expectedClaim)
      failures.push(`seller ${index} can claim ${amount}, not ${expectedClaim}`)
  })
  const dust = sellerShare * BigInt(jobCount) - claimable
  if (dust < 0n || dust >= BigInt(sellerCount))
    failures.push(`rounding dust ${dust} is out of bounds`)
  const nodePerSeat = (price * BigInt(devSplit.nodeBps)) / 10_000n / 3n
  const earnings = await readNodeEarnings(devnet.accounts.curator, {
    market: market.market,
    committeeId: devnet.committeeId,
    epoch: 0,
    token: devnet.deployment.token,
  })
  if (earnings.earnedPerSeat !== nodePerSeat * BigInt(jobCount)) {
    failures.push(
      `each node earned ${earnings.earnedPerSeat}, not ${nodePerSeat * BigInt(jobCount)}`,
    )
  }
  const marketFees = await devnet.accounts.curator.readContract({
    address: market.market,
    abi: triadMarketAbi,
    functionName: 'marketFees',
    args: [devnet.deployment.token],
  })
  const expectedMarket = (price - sellerShare - nodePerSeat * 3n) * BigInt(jobCount)
  if (marketFees !== expectedMarket)
    failures.push(`market fees ${marketFees}, not ${expectedMarket}`)
  const held = await devnet.accounts.curator.readContract({
    address: devnet.deployment.token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [market.market],
  })
  const owed = claimable + earnings.earnedPerSeat * 3n + marketFees + dust
  if (held !== owed || held !== price * BigInt(jobCount)) {
    failures.push(
      `the contract holds ${held}; it owes ${owed} and took in ${price * BigInt(jobCount)}`,
    )
  }

  // Gas per job from the bridge's own count of its submitResult transactions.
  const bridgeMetrics = await (await fetch(`${devnet.bridgeUrl}/metrics`)).text()
  const submitGas = metric(bridgeMetrics, 'triad_bridge_gas_used_total{tx="submitResult"}')
  const submissions = metric(bridgeMetrics, 'triad_bridge_submissions_total{outcome="settled"}')
  const sorted = [...latencies].sort((a, b) => a - b)
  const requestGasMean = Number(requestGas.reduce((a, b) => a + b, 0n)) / requestGas.length
  const result = {
    sellers: sellerCount,
    rowsPerSeller,
    rows: sellerCount * rowsPerSeller,
    jobs: jobCount,
    buyers: buyerCount,
    mode,
    blockTimeSeconds: Number(options['block-time']) || 'automine',
    contributionSeconds: contributionMs / 1_000,
    sellersPerSecond: sellerCount / (contributionMs / 1_000),
    jobsSeconds: jobsMs / 1_000,
    jobsPerSecond: jobCount / (jobsMs / 1_000),
    latencyMedianMs: percentile(sorted, 50),
    latencyP99Ms: percentile(sorted, 99),
    latencyMaxMs: sorted.at(-1)!,
    // Medians of the stages: request sent → mined; mined → settlement seen; seen → opened.
    latencyStagesMedianMs: Object.fromEntries(
      Object.entries(stages).map(([name, values]) => [
        name,
        percentile(
          [...values].sort((a, b) => a - b),
          50,
        ),
      ]),
    ),
    requestJobGas: Math.round(requestGasMean),
    submitResultGas: Math.round(submitGas / submissions),
    gasPerJob: Math.round(requestGasMean + submitGas / submissions),
    settled: opened,
    roundingDust: Number(dust),
    cpuMsPerJob,
    balancesExact: failures.length === 0,
    machine: `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load ${loadavg()[0]!.toFixed(1)}`,
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}
`)
  log('')
  log(
    `jobs/s ${result.jobsPerSecond.toFixed(1)}; latency median ${result.latencyMedianMs} ms, p99 ${result.latencyP99Ms} ms; gas per job ${result.gasPerJob} (requestJob ${result.requestJobGas} + submitResult ${result.submitResultGas})`,
  )
  log(
    `latency stages (median ms): request mined ${result.latencyStagesMedianMs.mined}, then settlement seen ${result.latencyStagesMedianMs.settled}, then opened ${result.latencyStagesMedianMs.opened}`,
  )
  log(
    `CPU per job (ms): nodes ${cpuMsPerJob.nodes}, bridge ${cpuMsPerJob.bridge}, chain ${cpuMsPerJob.anvil}, sellers and buyers ${cpuMsPerJob.clients}; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
  )
  log(
    `every job settled once with the right mean and every balance exact: ${failures.length === 0 ? 'yes' : 'NO'}`,
  )
  for (const failure of failures.slice(0, 20)) log(`  ✗ ${failure}`)
  if (write) writeMarketSection(result)
  if (failures.length > 0) process.exitCode = 1
}

function balanceOf(devnet: Devnet, account: TriadClient): Promise<bigint> {
  return account.readContract({
    address: devnet.deployment.token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [account.account.address],
  })
}

/** A sample's value in a Prometheus exposition, by its exact name and labels. */
function metric(exposition: string, sample: string): number {
  const line = exposition.split('\n').find((entry) => entry.startsWith(`${sample} `))
  return line ? Number(line.split(' ')[1]) : 0
}

/** Replaces the market section of docs/performance.md with this run's numbers. */
function writeMarketSection(result: Record<string, unknown>) {
  const file = fileURLToPath(new URL('../../docs/performance.md', import.meta.url))
  let text = ''
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    text = '# Performance\n'
  }
  const start = '<!-- bench:market start -->'
  const end = '<!-- bench:market end -->'
  const block = `${start}\n\`\`\`json\n${JSON.stringify(result, null, 2)}\n\`\`\`\n${end}`
  const at = text.indexOf(start)
  text =
    at >= 0
      ? text.slice(0, at) + block + text.slice(text.indexOf(end) + end.length)
      : `${text.trimEnd()}\n\n${block}\n`
  writeFileSync(file, text)
  log(`wrote the numbers into ${file}`)
}

await main()
