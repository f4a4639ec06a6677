/**
 * `npm run bench:mpc`: the MPC engine's benchmark. Spawns three Node processes, one per party,
 * which connect over mutual TLS 1.3 on 127.0.0.1 (free ports) exactly as nodes do, and runs every
 * case in `cases/index.ts` on all three at once. Prints, per operation and batch size: operations
 * per second, time per call, payload bytes sent per party per operation, and rounds (session steps)
 * per call, with progress while it runs.
 *
 * Options: --only a,b (case names) · --seconds s (timed seconds per row, default 3) ·
 * --quick (first batch only, 1 s per row unless --seconds) · --json file (write the results) ·
 * --profile dir (the parties run with --cpu-prof into dir).
 */
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { SingleBar } from 'cli-progress'
import { bytesToHex } from 'viem'
import type { BenchCase, BenchTarget } from './BenchCase.ts'
import { benchCases } from './cases/index.ts'
import { type PartyProcess, startPartyProcesses, stopPartyProcesses } from './partyProcesses.ts'

const { values: options } = parseArgs({
  options: {
    only: { type: 'string' },
    seconds: { type: 'string' },
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    profile: { type: 'string' },
  },
})
const seconds = Number(options.seconds ?? (options.quick ? 1 : 3))
const only = options.only?.split(',').map((name) => name.trim())
const selected = benchCases.filter((benchCase) => !only || only.includes(benchCase.name))
if (selected.length === 0 || !(seconds > 0)) {
  process.stderr.write(
    `usage: npm run bench:mpc -- [--only ${benchCases.map((c) => c.name).join(',')}] [--seconds s] [--quick] [--json file] [--profile dir]\n`,
  )
  process.exit(2)
}

const out = (line: string) => process.stdout.write(`${line}\n`)

interface Row {
  readonly name: string
  readonly batch: number
  readonly calls: number
  readonly operationsPerSecond: number
  readonly msPerCall: number
  /** CPU milliseconds per call of the busiest party: what the machine's load cannot inflate much. */
  readonly cpuMsPerCall: number
  readonly bytesPerPartyPerOperation: number
  readonly roundsPerCall: number
  readonly target: BenchTarget | undefined
}

async function runOnAll(
  parties: PartyProcess[],
  benchCase: BenchCase,
  batch: number,
  calls: number,
  warmup: number,
  onProgress: (done: number) => void,
) {
  const sessionId = bytesToHex(randomBytes(32))
  parties[0]!.onProgress = onProgress
  for (const party of parties)
    party.send({ kind: 'run', caseName: benchCase.name, batch, calls, sessionId, warmup })
  const results = await Promise.all(parties.map((party) => party.next('result')))
  parties[0]!.onProgress = () => {}
  return results
}

async function measure(parties: PartyProcess[], benchCase: BenchCase, batch: number): Promise<Row> {
  const label = `${benchCase.name} ×${batch.toLocaleString('en')}`
  // Calibrate: a few calls tell how many fit in the timed seconds.
  const probe = await runOnAll(parties, benchCase, batch, 3, 2, () => {})
  const perCall = Math.max(...probe.map((result) => result.elapsedMs)) / 3
  const calls = Math.max(3, Math.min(1_000_000, Math.ceil((seconds * 1000) / perCall)))
  const bar = process.stderr.isTTY
    ? new SingleBar({
        format: `  ${label.padEnd(34)} {bar} {value}/{total} calls`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      })
    : undefined
  bar?.start(calls, 0)
  if (!bar) process.stderr.write(`  running ${label}: ${calls} calls…\n`)
  const results = await runOnAll(parties, benchCase, batch, calls, 1, (done) => bar?.update(done))
  bar?.stop()
  const elapsedMs = Math.max(...results.map((result) => result.elapsedMs))
  const operations = calls * (benchCase.operationsPerCall?.(batch) ?? batch)
  return {
    name: benchCase.name,
    batch,
    calls,
    operationsPerSecond: operations / (elapsedMs / 1000),
    msPerCall: elapsedMs / calls,
    cpuMsPerCall: Math.max(...results.map((result) => result.cpuMs)) / calls,
    bytesPerPartyPerOperation:
      Math.max(...results.map((result) => result.payloadBytesSent)) / operations,
    roundsPerCall: results[0]!.steps / calls,
    target: benchCase.target,
  }
}

function formatRate(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M/s`
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k/s`
  return `${value.toFixed(1)} /s`
}

function verdict(row: Row): string {
  const target = row.target
  if (target === undefined) return ''
  if (target.kind === 'opsPerSecond') {
    const ok = row.operationsPerSecond >= target.atLeast
    const stretch = target.stretch !== undefined && row.operationsPerSecond >= target.stretch
    return `${stretch ? 'stretch met' : ok ? 'met' : 'MISSED'} (≥ ${formatRate(target.atLeast)}${target.stretch ? `, stretch ${formatRate(target.stretch)}` : ''})`
  }
  const ok = row.msPerCall <= target.atMost
  const stretch = target.stretch !== undefined && row.msPerCall <= target.stretch
  return `${stretch ? 'stretch met' : ok ? 'met' : 'MISSED'} (≤ ${target.atMost} ms${target.stretch ? `, stretch ${target.stretch} ms` : ''})`
}

const header = [
  'operation'.padEnd(22),
  'batch'.padStart(10),
  'ops/s'.padStart(12),
  'ms/call'.padStart(10),
  'cpu ms'.padStart(9),
  'bytes/party/op'.padStart(15),
  'rounds'.padStart(7),
  '  target',
].join('')

function formatRow(row: Row): string {
  return [
    row.name.padEnd(22),
    row.batch.toLocaleString('en').padStart(10),
    formatRate(row.operationsPerSecond).padStart(12),
    row.msPerCall.toFixed(3).padStart(10),
    row.cpuMsPerCall.toFixed(3).padStart(9),
    row.bytesPerPartyPerOperation.toFixed(2).padStart(15),
    String(Number(row.roundsPerCall.toFixed(2))).padStart(7),
    `  ${verdict(row)}`,
  ].join('')
}

async function main(): Promise<void> {
  const cpus = os.cpus()
  out(
    `bench:mpc — 3 processes, mutual TLS 1.3 on 127.0.0.1 · ${cpus.length} × ${cpus[0]?.model ?? 'cpu'} · Node ${process.version} · ${seconds} s per row · load average ${os.loadavg()[0]!.toFixed(1)} (other processes on the machine slow the figures down)`,
  )
  const parties = await startPartyProcesses({ profileDir: options.profile })
  const rows: Row[] = []
  try {
    out(header)
    for (const benchCase of selected)
      for (const batch of options.quick ? benchCase.batches.slice(0, 1) : benchCase.batches) {
        const row = await measure(parties, benchCase, batch)
        rows.push(row)
        out(formatRow(row))
      }
  } finally {
    await stopPartyProcesses(parties)
  }
  out(`load average at the end: ${os.loadavg()[0]!.toFixed(1)}`)
  if (options.json)
    writeFileSync(
      options.json,
      `${JSON.stringify({ machine: { cpus: cpus.length, model: cpus[0]?.model, node: process.version }, rows }, null, 2)}\n`,
    )
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
