import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { isTriadError } from '../../errors/index.ts'
import { ringAdd } from '../ring/index.ts'
import { closeAll, startTlsNetworks } from '../testing/tlsNetworks.ts'
import { trioOver } from '../testing/trio.ts'
import {
  createTlsNetwork,
  generateTlsIdentity,
  type TlsIdentity,
  type TlsNetwork,
} from '../transport/index.ts'

describe('sessions over TLS', () => {
  let networks: Awaited<ReturnType<typeof startTlsNetworks>>
  let trio: ReturnType<typeof trioOver>
  before(async () => {
    networks = await startTlsNetworks()
    await Promise.all(networks.map((network) => network.ready()))
    trio = trioOver(networks)
  })
  after(async () => {
    trio.close()
    await closeAll(networks)
  })

  it('keeps two concurrent sessions on one network apart', async () => {
    const [x, y] = await Promise.all([trio.open(), trio.open()])
    const rounds = 20
    const exchange = async (sessions: typeof x, tag: number) => {
      for (let round = 0; round < rounds; round++) {
        const steps = sessions.map((session) => session.nextStep())
        assert.ok(steps.every((step) => step === steps[0]))
        const step = steps[0]!
        const received = await Promise.all(
          sessions.map(async (session) => {
            const to = ((session.partyIndex + 1) % 3) as 0 | 1 | 2
            const from = ((session.partyIndex + 2) % 3) as 0 | 1 | 2
            await session.send(to, step, new Uint8Array([tag, round, session.partyIndex]))
            return session.receive(from, step)
          }),
        )
        for (const [party, payload] of received.entries())
          assert.deepEqual([...payload], [tag, round, (party + 2) % 3])
      }
    }
    await Promise.all([exchange(x, 1), exchange(y, 2)])
    const [zx] = x.map((session) => session.zeroShares(3))
    const [zy] = y.map((session) => session.zeroShares(3))
    assert.notDeepEqual(zx, zy)
  })
})

describe('a peer lost mid-session over TLS', () => {
  it('fails the waiting receives of the others fast with TRIAD_ERR_PEER_LOST', async () => {
    const networks = await startTlsNetworks()
    const trio = trioOver(networks)
    try {
      await Promise.all(networks.map((network) => network.ready()))
      const sessions = await trio.open(randomBytes(32), 30_000)
      const other = await trio.open(randomBytes(32), 30_000)
      const step = sessions[0].nextStep()
      sessions[1].nextStep()
      const waits = [
        sessions[0].receive(2, step),
        sessions[1].receive(2, step),
        sessions[0].receive(1, step),
        other[1].receive(0, other[1].nextStep()),
      ]
      const started = Date.now()
      await networks[2].close()
      const outcomes = await Promise.allSettled(waits)
      for (const outcome of outcomes) {
        assert.equal(outcome.status, 'rejected')
        assert.ok(
          isTriadError(outcome.status === 'rejected' && outcome.reason, 'TRIAD_ERR_PEER_LOST'),
        )
      }
      assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`)
      await assert.rejects(sessions[0].send(2, step, new Uint8Array(1)), (e) =>
        isTriadError(e, 'TRIAD_ERR_PEER_LOST'),
      )
    } finally {
      trio.close()
      await closeAll(networks)
    }
  })
})

describe('a peer that comes back over TLS', () => {
  it('reconnects, and new sessions run again', async () => {
    const identities = await Promise.all([0, 1, 2].map(() => generateTlsIdentity()))
    const trioIdentities = identities as [TlsIdentity, TlsIdentity, TlsIdentity]
    const networks = await startTlsNetworks({ identities: trioIdentities })
    const restarted: TlsNetwork[] = []
    try {
      await Promise.all(networks.map((network) => network.ready()))
      await networks[0].close()
      // Party 0 dials the others, so it comes back on any port with the same identity.
      const again = await createTlsNetwork({
        partyIndex: 0,
        identity: trioIdentities[0],
        listen: { host: '127.0.0.1', port: 0 },
        peers: [1, 2].map((index) => ({
          index: index as 1 | 2,
          host: '127.0.0.1',
          port: networks[index as 1 | 2].port,
          fingerprint: trioIdentities[index as 1 | 2].fingerprint,
        })),
      })
      restarted.push(again)
      await Promise.all([again.ready(), networks[1].ready(), networks[2].ready()])
      const trio = trioOver([again, networks[1], networks[2]])
      try {
        const sessions = await trio.open()
        const alphas = sessions.map((session) => session.zeroShares(2))
        assert.deepEqual(
          ringAdd(ringAdd(alphas[0]!, alphas[1]!), alphas[2]!),
          new BigUint64Array(2),
        )
      } finally {
        trio.close()
      }
    } finally {
      await closeAll([...networks, ...restarted])
    }
  })
})
