import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { generateTlsIdentity, type PartyIndex, type TlsIdentity } from '../../src/mpc/index.ts'
import type { FromParty, ToParty } from './messages.ts'

/** A party failed: the code and message it reported. */
export class PartyFailure extends Error {
  constructor(
    readonly party: PartyIndex,
    readonly code: string | undefined,
    message: string,
  ) {
    super(`party ${party}: ${message}`)
  }
}

/** One party process (`party.ts`) and the messages it sent that nobody has taken yet. */
export class PartyProcess {
  readonly child: ChildProcess
  readonly #queue: FromParty[] = []
  #waiting: { resolve: (message: FromParty) => void; reject: (error: Error) => void } | undefined
  #exited: Error | undefined
  onProgress: (done: number) => void = () => {}

  constructor(
    readonly index: PartyIndex,
    options: { readonly profileDir?: string | undefined } = {},
  ) {
    const script = fileURLToPath(new URL('./party.ts', import.meta.url))
    const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []
    this.child = fork(script, [], {
      execArgv: ['--import', 'tsx', ...profile],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (message: FromParty) => {
      if (message.kind === 'progress') return this.onProgress(message.done)
      const waiting = this.#waiting
      this.#waiting = undefined
      if (waiting) waiting.resolve(message)
      else this.#queue.push(message)
    })
    // A failed IPC write (the process died) is reported to `send`'s callback; nothing to throw.
    this.child.on('error', () => {})
    this.child.on('exit', (code, signal) => {
      this.#exited = new Error(`party ${index} exited with ${signal ?? `code ${code}`}`)
      this.#waiting?.reject(this.#exited)
      this.#waiting = undefined
    })
  }

  /** Sends a message; one that cannot be delivered (the process is gone) fails its `next`. */
  send(message: ToParty): void {
    if (!this.child.connected) return
    this.child.send(message, (error) => {
      if (error) this.child.kill('SIGKILL')
    })
  }

  /** The next message, which must be of `kind`; a reported failure throws a PartyFailure. */
  async next<K extends FromParty['kind']>(kind: K): Promise<Extract<FromParty, { kind: K }>> {
    const message =
      this.#queue.shift() ??
      (await new Promise<FromParty>((resolve, reject) => {
        if (this.#exited) reject(this.#exited)
        else this.#waiting = { resolve, reject }
      }))
    if (message.kind === 'failed') throw new PartyFailure(this.index, message.code, message.message)
    if (message.kind !== kind)
      throw new Error(`party ${this.index} sent ${message.kind}, expected ${kind}`)
    return message as Extract<FromParty, { kind: K }>
  }

  /** Resolves when the process has exited; kills it after `graceMs`. */
  exited(graceMs = 5_000): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve()
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs)
      this.child.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
    })
  }
}

/**
 * Starts three party processes that connect to each other over mutual TLS 1.3 on 127.0.0.1 with
 * fresh identities and free ports, and waits until every pair is connected.
 */
export async function startPartyProcesses(
  options: { readonly profileDir?: string | undefined } = {},
): Promise<PartyProcess[]> {
  const identities = (await Promise.all(
    [0, 1, 2].map((index) => generateTlsIdentity({ commonName: `bench-party-${index}` })),
  )) as TlsIdentity[]
  const parties: PartyProcess[] = []
  const ports: number[] = []
  try {
    // A party dials only the higher indices, so start the highest first and pass its port down.
    for (const index of [2, 1, 0] as const) {
      const party = new PartyProcess(index, options)
      parties[index] = party
      party.send({
        kind: 'start',
        partyIndex: index,
        identity: identities[index]!,
        peers: ([0, 1, 2] as const)
          .filter((peer) => peer !== index)
          .map((peer) => ({
            index: peer,
            port: ports[peer] ?? 0,
            fingerprint: identities[peer]!.fingerprint,
          })),
      })
      ports[index] = (await party.next('listening')).port
    }
    for (const party of parties) party.send({ kind: 'ready' })
    await Promise.all(parties.map((party) => party.next('ready')))
    return parties
  } catch (error) {
    await stopPartyProcesses(parties.filter(Boolean))
    throw error
  }
}

/** Asks every party to exit, and kills those that do not within a few seconds. */
export async function stopPartyProcesses(parties: readonly PartyProcess[]): Promise<void> {
  for (const party of parties) if (party.child.connected) party.send({ kind: 'exit' })
  await Promise.all(parties.map((party) => party.exited()))
}
