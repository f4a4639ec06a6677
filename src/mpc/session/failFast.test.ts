import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import type { TriadErrorCode } from '../../errors/codes.ts'
import { isTriadError, type TriadError } from '../../errors/index.ts'
import { multiply, randomShares } from '../protocols/index.ts'
import { type RoguePeer, startRoguePeer } from '../testing/roguePeer.ts'
import { abortStep } from './abortMessage.ts'
import { createSessionMux, type Session } from './index.ts'

/**
 * Parties 0 and 1 are real (TLS networks, session muxes); party 2 is a rogue that misbehaves on
 * cue. Each test checks that both real parties stop with a clear error within a second or two,
 * far below their 30 s session timeout and 5 s heartbeat: never a hang.
 */

async function openSessions(
  rogue: RoguePeer,
  timeouts: readonly [number, number] = [30_000, 30_000],
): Promise<{ sessions: [Session, Session]; close(): void }> {
  const muxes = rogue.networks.map((network, i) =>
    createSessionMux({ network, timeoutMs: timeouts[i] }),
  )
  const sessionId = randomBytes(32)
  const [s0, s1] = await Promise.all(muxes.map((mux) => mux.open({ sessionId })))
  return {
    sessions: [s0!, s1!],
    close: () => {
      for (const mux of muxes) mux.close()
    },
  }
}

/**
 * Two multiplications in a row. Party 1 waits for the rogue in the first; party 0 finishes the
 * first (it needs party 1 only) and waits for party 1 in the second. So both wait, and party 1
 * waits on a link that stays healthy in the tests that attack party 0.
 */
function twoMultiplications(session: Session): Promise<unknown> {
  const x = randomShares(session, 1000)
  return multiply(session, x, x).then(() => multiply(session, x, x))
}

async function failures(
  runs: readonly Promise<unknown>[],
): Promise<{ errors: TriadError[]; ms: number }> {
  const started = Date.now()
  const outcomes = await Promise.allSettled(runs)
  const errors = outcomes.map((outcome) => {
    assert.equal(outcome.status, 'rejected', 'a party finished although the rogue misbehaved')
    return (outcome as PromiseRejectedResult).reason as TriadError
  })
  return { errors, ms: Date.now() - started }
}

function assertCode(error: TriadError, code: TriadErrorCode, details?: RegExp): void {
  assert.ok(isTriadError(error, code), `expected ${code}, got ${error?.code}: ${error?.message}`)
  if (details) assert.match(error.details ?? '', details)
}

/** Lets the first multiplication's frames reach everyone. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100))

describe('every party fails fast over TLS', () => {
  it('when a peer sends garbage bytes: the victim drops it, the third party is told', async () => {
    const rogue = await startRoguePeer()
    const { sessions, close } = await openSessions(rogue)
    try {
      const runs = sessions.map(twoMultiplications)
      await settle()
      rogue.connection(0).writeRaw(new Uint8Array([0, 0, 0, 5, 99, 1, 2, 3, 4]))
      const { errors, ms } = await failures(runs)
      assertCode(errors[0]!, 'TRIAD_ERR_PEER_LOST')
      assert.match(errors[0]!.details ?? '', /malformed/)
      assertCode(
        errors[1]!,
        'TRIAD_ERR_SESSION_ABORTED',
        /party 0 gave up with TRIAD_ERR_PEER_LOST/,
      )
      assert.ok(ms < 2_000, `took ${ms} ms`)
    } finally {
      close()
      await rogue.close()
    }
  })

  it('when a peer sends a frame of the wrong length: all parties, the culprit too, are told', async () => {
    const rogue = await startRoguePeer()
    const { sessions, close } = await openSessions(rogue)
    try {
      const runs = sessions.map(twoMultiplications)
      await settle()
      const sessionId = sessions[1].id
      rogue.connection(1).send({ sessionId, step: 1, payload: new Uint8Array(3) })
      const { errors, ms } = await failures(runs)
      assertCode(errors[1]!, 'TRIAD_ERR_PEER_PROTOCOL', /step 1: 3 bytes, expected 8000/)
      assertCode(
        errors[0]!,
        'TRIAD_ERR_SESSION_ABORTED',
        /party 1 gave up with TRIAD_ERR_PEER_PROTOCOL/,
      )
      assert.ok(ms < 2_000, `took ${ms} ms`)
      await settle()
      assert.ok(rogue.connection(1).frames.some((frame) => frame.step === abortStep))
    } finally {
      close()
      await rogue.close()
    }
  })

  it('when a peer dies (its connections close)', async () => {
    const rogue = await startRoguePeer()
    const { sessions, close } = await openSessions(rogue)
    try {
      const runs = sessions.map(twoMultiplications)
      await settle()
      rogue.connection(0).socket.destroy()
      rogue.connection(1).socket.destroy()
      const { errors, ms } = await failures(runs)
      for (const error of errors)
        assert.ok(
          isTriadError(error, 'TRIAD_ERR_PEER_LOST') ||
            isTriadError(error, 'TRIAD_ERR_SESSION_ABORTED'),
          error.message,
        )
      assert.ok(errors.some((error) => isTriadError(error, 'TRIAD_ERR_PEER_LOST')))
      assert.ok(ms < 2_000, `took ${ms} ms`)
    } finally {
      close()
      await rogue.close()
    }
  })

  it('when a peer falls silent, within three heartbeats', async () => {
    const rogue = await startRoguePeer({ heartbeatMs: 150 })
    const { sessions, close } = await openSessions(rogue)
    try {
      const runs = sessions.map(twoMultiplications)
      await settle()
      rogue.silence()
      const { errors, ms } = await failures(runs)
      for (const error of errors)
        assert.ok(
          isTriadError(error, 'TRIAD_ERR_PEER_LOST') ||
            isTriadError(error, 'TRIAD_ERR_SESSION_ABORTED'),
          error.message,
        )
      assert.match(
        errors.map((error) => `${error.details}`).join(' '),
        /stopped answering|nothing heard/,
      )
      assert.ok(ms < 2_000, `took ${ms} ms`)
    } finally {
      close()
      await rogue.close()
    }
  })

  it('when a peer is alive but never answers: the first timeout aborts the session everywhere', async () => {
    const rogue = await startRoguePeer()
    // Party 1 gives up after 300 ms; party 0 would wait 30 s, but is told at once.
    const { sessions, close } = await openSessions(rogue, [30_000, 300])
    try {
      const { errors, ms } = await failures(sessions.map(twoMultiplications))
      assertCode(errors[1]!, 'TRIAD_ERR_SESSION_TIMEOUT')
      assertCode(
        errors[0]!,
        'TRIAD_ERR_SESSION_ABORTED',
        /party 1 gave up with TRIAD_ERR_SESSION_TIMEOUT/,
      )
      assert.ok(ms < 2_000, `took ${ms} ms`)
      await settle()
      assert.ok(rogue.connection(1).frames.some((frame) => frame.step === abortStep))
    } finally {
      close()
      await rogue.close()
    }
  })
})

describe('backpressure over TLS', () => {
  it('holds a stalled reader to the queue bound, then delivers everything in order', async () => {
    const megabyte = 1 << 20
    const rogue = await startRoguePeer({ maxQueuedBytes: 2 * megabyte })
    try {
      const reader = rogue.connection(0)
      reader.socket.pause()
      const network = rogue.networks[0]
      const sessionId = randomBytes(32)
      const frames = 48
      let resolved = 0
      let peakQueued = 0
      const sends = Array.from({ length: frames }, (_, step) =>
        network
          .send(2, { sessionId, step, payload: new Uint8Array(megabyte).fill(step) })
          .then(() => {
            resolved++
          }),
      )
      for (let i = 0; i < 20; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25))
        peakQueued = Math.max(peakQueued, network.stats().queuedBytes)
      }
      // The kernel's socket buffers take a few MiB; the rest waits in `send`, not in memory.
      assert.ok(
        resolved < frames / 2,
        `${resolved} of ${frames} sends went through a stalled reader`,
      )
      assert.ok(peakQueued <= 3 * megabyte + 64 * 1024, `${peakQueued} bytes queued`)
      reader.socket.resume()
      await Promise.all(sends)
      await new Promise<void>((resolve) => {
        const check = () => (reader.frames.length === frames ? resolve() : setTimeout(check, 10))
        check()
      })
      assert.deepEqual(
        reader.frames.map((frame) => [
          frame.step,
          frame.payload.length,
          frame.payload[megabyte - 1],
        ]),
        Array.from({ length: frames }, (_, step) => [step, megabyte, step]),
      )
    } finally {
      await rogue.close()
    }
  })
})
