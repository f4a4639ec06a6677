import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { bytesToHex } from 'viem'
import {
  PartyFailure,
  type PartyProcess,
  startPartyProcesses,
  stopPartyProcesses,
} from '../bench/mpc/partyProcesses.ts'

/**
 * Three MPC parties as separate processes over mutual TLS (the bench's party processes), one of
 * them killed with SIGKILL in the middle of a stream of multiplications: the two others must stop
 * with a clear error within seconds, not wait for their two-minute session timeout.
 */
describe('an MPC party process killed mid-computation', () => {
  it('makes the two others fail fast with a peer-lost or aborted error', async () => {
    const parties: PartyProcess[] = await startPartyProcesses()
    try {
      const sessionId = bytesToHex(randomBytes(32))
      let progressed = false
      parties[0]!.onProgress = () => {
        progressed = true
      }
      for (const party of parties)
        party.send({
          kind: 'run',
          caseName: 'multiply',
          batch: 10_000,
          calls: 10_000_000,
          sessionId,
          warmup: 0,
        })
      const deadline = Date.now() + 30_000
      while (!progressed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      assert.ok(progressed, 'the multiplications never got going')
      const killedAt = Date.now()
      parties[2]!.child.kill('SIGKILL')
      const outcomes = await Promise.allSettled([
        parties[0]!.next('result'),
        parties[1]!.next('result'),
      ])
      const ms = Date.now() - killedAt
      for (const outcome of outcomes) {
        assert.equal(outcome.status, 'rejected')
        const error = (outcome as PromiseRejectedResult).reason
        assert.ok(error instanceof PartyFailure, String(error))
        assert.ok(
          error.code === 'TRIAD_ERR_PEER_LOST' || error.code === 'TRIAD_ERR_SESSION_ABORTED',
          `${error.code}: ${error.message}`,
        )
      }
      assert.ok(ms < 5_000, `the survivors took ${ms} ms to fail`)
    } finally {
      await stopPartyProcesses(parties)
    }
  })
})
