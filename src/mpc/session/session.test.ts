import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, describe, it } from 'node:test'
import { isTriadError } from '../../errors/index.ts'
import { ringAdd } from '../ring/index.ts'
import { trioOver } from '../testing/trio.ts'
import { createMemoryNetworks } from '../transport/index.ts'
import { createSessionMux, sessionIdForJob } from './index.ts'

describe('sessions over memory networks', () => {
  const networks = createMemoryNetworks()
  const trio = trioOver(networks)
  after(async () => {
    trio.close()
    await Promise.all(networks.map((network) => network.close()))
  })

  it('sends and receives by step, in any order', async () => {
    const [s0, s1] = await trio.open()
    const stepA = s0.nextStep()
    const stepB = s0.nextStep()
    assert.equal(s1.nextStep(), stepA)
    assert.equal(s1.nextStep(), stepB)
    await s0.send(1, stepB, new Uint8Array([2]))
    await s0.send(1, stepA, new Uint8Array([1]))
    assert.deepEqual([...(await s1.receive(0, stepA))], [1])
    assert.deepEqual([...(await s1.receive(0, stepB))], [2])
  })

  it('makes zero shares that sum to zero, fresh on every call', async () => {
    const sessions = await trio.open()
    for (const length of [1, 7, 1000]) {
      const [a0, a1, a2] = sessions.map((session) => session.zeroShares(length))
      assert.deepEqual(ringAdd(ringAdd(a0!, a1!), a2!), new BigUint64Array(length))
      assert.ok(a0!.some((x) => x !== 0n))
    }
    const [first] = sessions.map((session) => session.zeroShares(4))
    const [second] = sessions.map((session) => session.zeroShares(4))
    assert.notDeepEqual(first, second)
  })

  it('times out a receive with TRIAD_ERR_SESSION_TIMEOUT', async () => {
    const [s0] = await trio.open(undefined, 50)
    await assert.rejects(s0.receive(1, s0.nextStep()), (e) =>
      isTriadError(e, 'TRIAD_ERR_SESSION_TIMEOUT'),
    )
  })

  it('keeps concurrent sessions apart', async () => {
    const [x, y] = await Promise.all([trio.open(), trio.open()])
    const step = x[0].nextStep()
    assert.equal(y[0].nextStep(), step)
    await Promise.all([
      x[0].send(2, step, new Uint8Array([10])),
      y[0].send(2, step, new Uint8Array([20])),
    ])
    assert.deepEqual([...(await y[2].receive(0, step))], [20])
    assert.deepEqual([...(await x[2].receive(0, step))], [10])
  })

  it('buffers frames that arrive before the session is opened', async () => {
    const sessionId = randomBytes(32)
    const early = trio.muxes[0].open({ sessionId })
    await new Promise((resolve) => setTimeout(resolve, 20))
    const [s0, s1, s2] = await Promise.all([
      early,
      trio.muxes[1].open({ sessionId }),
      trio.muxes[2].open({ sessionId }),
    ])
    assert.ok(s0 && s1 && s2)
  })

  it('refuses to reopen a session id', async () => {
    const sessionId = randomBytes(32)
    const sessions = await trio.open(sessionId)
    await assert.rejects(trio.muxes[0].open({ sessionId }), (e) =>
      isTriadError(e, 'TRIAD_ERR_SESSION_DUPLICATE'),
    )
    for (const session of sessions) session.close()
    await assert.rejects(trio.muxes[0].open({ sessionId }), (e) =>
      isTriadError(e, 'TRIAD_ERR_SESSION_DUPLICATE'),
    )
  })

  it('fails a waiting receive when its session closes', async () => {
    const [s0] = await trio.open()
    const waiting = s0.receive(1, s0.nextStep())
    s0.close()
    await assert.rejects(waiting, (e) => isTriadError(e, 'TRIAD_ERR_SESSION_CLOSED'))
  })

  it('derives session ids from job ids deterministically', () => {
    assert.deepEqual(sessionIdForJob(7n), sessionIdForJob(`0x${'0'.repeat(63)}7`))
    assert.notDeepEqual(sessionIdForJob(7n), sessionIdForJob(7n, 1))
    assert.equal(sessionIdForJob(7n).length, 32)
  })
})

describe('sessions when a peer is lost', () => {
  it('fails every waiting receive on every session with TRIAD_ERR_PEER_LOST', async () => {
    const networks = createMemoryNetworks()
    const trio = trioOver(networks)
    try {
      const [a, b] = await Promise.all([trio.open(), trio.open()])
      const waits = [
        a[0].receive(2, a[0].nextStep()),
        b[0].receive(1, b[0].nextStep()),
        a[1].receive(0, a[1].nextStep()),
      ]
      await networks[2].close()
      for (const outcome of await Promise.allSettled(waits)) {
        assert.equal(outcome.status, 'rejected')
        assert.ok(
          isTriadError(outcome.status === 'rejected' && outcome.reason, 'TRIAD_ERR_PEER_LOST'),
        )
      }
    } finally {
      trio.close()
      await Promise.all(networks.map((network) => network.close()))
    }
  })

  it('bounds frames buffered for sessions never opened', async () => {
    const networks = createMemoryNetworks()
    const mux = createSessionMux({ network: networks[1], maxBufferedBytes: 100 })
    try {
      const sessionId = randomBytes(32)
      await networks[0].send(1, { sessionId, step: 1, payload: new Uint8Array(101) })
      await new Promise((resolve) => setImmediate(resolve))
      await assert.rejects(mux.open({ sessionId }), (e) =>
        isTriadError(e, 'TRIAD_ERR_PEER_PROTOCOL'),
      )
    } finally {
      mux.close()
      await Promise.all(networks.map((network) => network.close()))
    }
  })
})
