import type { BooleanShare } from '../../boolean/index.ts'
import type { Session } from '../../session/index.ts'
import { type AndGate, andLayer } from './andLayer.ts'

/**
 * A boolean circuit as a generator: it yields the AND gates of its next layer, receives their
 * outputs, and finally returns its result. Local work (XOR, NOT) happens between yields. Written
 * this way, circuits compose: `parallel` runs several in lockstep so that their layers share one
 * message per round, and the order of PRF draws and steps stays the same at every party (running
 * sub-protocols as concurrent promises would not: continuations resume in message-arrival order,
 * which differs between parties).
 */
export type Circuit<T> = Generator<AndGate[], T, BooleanShare[]>

/** Runs a circuit, one AND layer (one round, one message) per yield. */
export async function runCircuit<T>(session: Session, circuit: Circuit<T>): Promise<T> {
  let state = circuit.next([])
  while (!state.done) {
    const outputs = await andLayer(session, state.value)
    state = circuit.next(outputs)
  }
  return state.value
}

/** Runs circuits side by side: layer k of the result holds layer k of every circuit. */
export function* parallel<T>(circuits: readonly Circuit<T>[]): Circuit<T[]> {
  const states = circuits.map((circuit) => circuit.next([]))
  for (;;) {
    const gates: AndGate[] = []
    const counts: number[] = []
    for (const state of states) {
      counts.push(state.done ? 0 : state.value.length)
      if (!state.done) gates.push(...state.value)
    }
    if (states.every((state) => state.done)) return states.map((state) => state.value as T)
    const outputs = yield gates
    let offset = 0
    for (const [i, state] of states.entries()) {
      if (state.done) continue
      states[i] = circuits[i]!.next(outputs.slice(offset, offset + counts[i]!))
      offset += counts[i]!
    }
  }
}
