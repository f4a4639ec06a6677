import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { benchCases } from '../bench/mpc/cases/index.ts'
import { createMemoryNetworks } from '../src/mpc/index.ts'
import { trioOver } from '../src/mpc/testing/trio.ts'

/**
 * Every `npm run bench:mpc` case runs: prepared and called on three parties (in memory, with a
 * small batch), it takes the same steps everywhere and finishes. Timings are the bench's business.
 */
describe('bench:mpc cases', () => {
  for (const benchCase of benchCases)
    it(`${benchCase.name} runs on three parties`, async () => {
      const networks = createMemoryNetworks()
      const trio = trioOver(networks)
      try {
        const sessions = await trio.open()
        const calls = await Promise.all(sessions.map((session) => benchCase.prepare(session, 300)))
        await Promise.all(calls.map((call) => call()))
        await Promise.all(calls.map((call) => call()))
        const steps = sessions.map((session) => session.stepCount)
        assert.ok(
          steps.every((step) => step === steps[0]),
          `steps ${steps}`,
        )
      } finally {
        trio.close()
        await Promise.all(networks.map((network) => network.close()))
      }
    })
})
