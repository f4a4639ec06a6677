/**
 * One party of `npm run bench:mpc`, run as its own Node process by `runBench.ts`. It listens on a
 * free port of 127.0.0.1, connects to its peers over mutual TLS 1.3 and runs the bench cases the
 * coordinator asks for, reporting time, bytes and steps over the IPC channel.
 */
import { hexToBytes } from 'viem'
import { isTriadError } from '../../src/errors/index.ts'
import {
  createSessionMux,
  createTlsNetwork,
  type Session,
  type SessionMux,
  type TlsNetwork,
} from '../../src/mpc/index.ts'
import { algorithmBenchCases } from '../algorithms/cases.ts'
import type { BenchCase } from './BenchCase.ts'
import { benchCases } from './cases/index.ts'
import type { FromParty, ToParty } from './messages.ts'

/** The engine's cases and the algorithms' (`npm run bench:algorithms`), by name. */
const allCases: readonly BenchCase[] = [...benchCases, ...algorithmBenchCases]

let network: TlsNetwork | undefined
let mux: SessionMux | undefined

function report(message: FromParty): void {
  process.send?.(message)
}

/** One empty message to each peer and one from each: every party has reached this point. */
async function barrier(session: Session): Promise<void> {
  const step = session.nextStep()
  const peers = ([0, 1, 2] as const).filter((party) => party !== session.partyIndex)
  await Promise.all(peers.map((party) => session.send(party, step, new Uint8Array(0))))
  await Promise.all(peers.map((party) => session.receive(party, step)))
}

async function handle(message: ToParty): Promise<void> {
  switch (message.kind) {
    case 'start': {
      network = await createTlsNetwork({
        partyIndex: message.partyIndex,
        identity: message.identity,
        listen: { host: '127.0.0.1', port: 0 },
        peers: message.peers.map((peer) => ({ ...peer, host: '127.0.0.1' })),
        // A million-row step can hold a party's event loop for seconds, many more when the shared
        // machine is loaded: give a silent peer a minute (not the nodes' 15 s) before failing.
        heartbeatMs: 20_000,
      })
      mux = createSessionMux({ network, timeoutMs: 120_000, maxBufferedBytes: 1 << 30 })
      report({ kind: 'listening', port: network.port })
      return
    }
    case 'ready':
      await network!.ready()
      report({ kind: 'ready' })
      return
    case 'run': {
      const benchCase = allCases.find((candidate) => candidate.name === message.caseName)
      if (benchCase === undefined) throw new Error(`no bench case ${message.caseName}`)
      const session = await mux!.open({ sessionId: hexToBytes(message.sessionId) })
      try {
        const call = await benchCase.prepare(session, message.batch)
        for (let i = 0; i < message.warmup; i++) await call()
        // Start the clocks together: a party that prepared faster must not time its wait for the others.
        await barrier(session)
        const before = network!.stats()
        const stepsBefore = session.stepCount
        const cpuBefore = process.cpuUsage()
        const started = performance.now()
        let lastReport = started
        for (let done = 0; done < message.calls; ) {
          await call()
          done++
          const now = performance.now()
          if (now - lastReport > 250) {
            lastReport = now
            report({ kind: 'progress', done })
          }
        }
        const elapsedMs = performance.now() - started
        const cpu = process.cpuUsage(cpuBefore)
        const after = network!.stats()
        report({
          kind: 'result',
          elapsedMs,
          cpuMs: (cpu.user + cpu.system) / 1000,
          payloadBytesSent: after.payloadBytesSent - before.payloadBytesSent,
          framesSent: after.framesSent - before.framesSent,
          steps: session.stepCount - stepsBefore,
        })
      } finally {
        session.close()
      }
      return
    }
    case 'exit':
      mux?.close()
      await network?.close()
      process.disconnect()
      return
  }
}

process.on('message', (message: ToParty) => {
  handle(message).catch((error: unknown) => {
    report({
      kind: 'failed',
      code: isTriadError(error) ? error.code : undefined,
      message: error instanceof Error ? error.message : String(error),
    })
    process.exitCode = 1
    process.disconnect()
  })
})

// The coordinator is gone (it exited or crashed): do not linger.
process.on('disconnect', () => {
  mux?.close()
  void network?.close().finally(() => process.exit())
})
