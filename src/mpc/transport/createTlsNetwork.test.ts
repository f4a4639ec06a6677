import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { isTriadError } from '../../errors/index.ts'
import type { PartyIndex } from '../sharing/index.ts'
import { closeAll, startTlsNetworks } from '../testing/tlsNetworks.ts'
import {
  createTlsNetwork,
  fingerprintOf,
  generateTlsIdentity,
  type NetworkEvent,
  type PartyNetwork,
  type TlsIdentity,
  type TlsNetwork,
} from './index.ts'

function nextFrame(network: PartyNetwork) {
  return new Promise<Extract<NetworkEvent, { kind: 'frame' }>>((resolve) => {
    const unsubscribe = network.subscribe((event) => {
      if (event.kind !== 'frame') return
      unsubscribe()
      resolve(event)
    })
  })
}

function nextEvent<K extends NetworkEvent['kind']>(network: PartyNetwork, kind: K) {
  return new Promise<Extract<NetworkEvent, { kind: K }>>((resolve) => {
    const unsubscribe = network.subscribe((event) => {
      if (event.kind !== kind) return
      unsubscribe()
      resolve(event as Extract<NetworkEvent, { kind: K }>)
    })
  })
}

describe('TLS identity', () => {
  it('generates a self-signed P-256 certificate with a 32-byte 0x fingerprint', async () => {
    const identity = await generateTlsIdentity({ commonName: 'triad-test' })
    assert.match(identity.certPem, /^-----BEGIN CERTIFICATE-----/)
    assert.match(identity.keyPem, /^-----BEGIN PRIVATE KEY-----/)
    assert.match(identity.fingerprint, /^0x[0-9a-f]{64}$/)
    assert.equal(fingerprintOf(identity.certPem), identity.fingerprint)
  })

  it('rejects a non-certificate', () => {
    assert.throws(
      () => fingerprintOf('nonsense'),
      (e) => isTriadError(e, 'TRIAD_ERR_CONFIG_INVALID'),
    )
  })
})

describe('TLS network', () => {
  let networks: [TlsNetwork, TlsNetwork, TlsNetwork]
  before(async () => {
    networks = await startTlsNetworks()
    await Promise.all(networks.map((network) => network.ready()))
  })
  after(() => closeAll(networks))

  it('binds port 0 to a real port and connects every pair', () => {
    for (const network of networks) {
      assert.ok(network.port > 0)
      for (const peer of [0, 1, 2] as const)
        if (peer !== network.partyIndex) assert.ok(network.isConnected(peer))
    }
  })

  it('delivers frames in both directions of every pair', async () => {
    for (const [from, to] of [
      [0, 1],
      [1, 0],
      [0, 2],
      [2, 0],
      [1, 2],
      [2, 1],
    ] as [PartyIndex, PartyIndex][]) {
      const sessionId = randomBytes(32)
      const received = nextFrame(networks[to])
      await networks[from].send(to, {
        sessionId,
        step: 0xfffffffe,
        payload: new Uint8Array([from, to]),
      })
      const event = await received
      assert.equal(event.from, from)
      assert.deepEqual([...event.frame.sessionId], [...sessionId])
      assert.equal(event.frame.step, 0xfffffffe)
      assert.deepEqual([...event.frame.payload], [from, to])
    }
  })

  it('carries a large frame through backpressure intact', async () => {
    const payload = randomBytes(24 * 1024 * 1024)
    const received = nextFrame(networks[2])
    await networks[0].send(2, { sessionId: randomBytes(32), step: 1, payload })
    const event = await received
    assert.equal(Buffer.compare(Buffer.from(event.frame.payload), payload), 0)
  })
})

describe('TLS network with a wrong identity', () => {
  let identities: [TlsIdentity, TlsIdentity, TlsIdentity]
  let impostor: TlsIdentity
  before(async () => {
    ;[identities, impostor] = await Promise.all([
      Promise.all([0, 1, 2].map(() => generateTlsIdentity())) as Promise<
        [TlsIdentity, TlsIdentity, TlsIdentity]
      >,
      generateTlsIdentity(),
    ])
  })

  it('refuses a dialling peer with an unpinned certificate (TRIAD_ERR_PEER_IDENTITY)', async () => {
    // Party 0 runs with the impostor's certificate; parties 1 and 2 pin the real one.
    const networks = await startTlsNetworks({
      identities: [impostor, identities[1], identities[2]],
      pins: [identities[0].fingerprint, identities[1].fingerprint, identities[2].fingerprint],
      timeoutMs: 1_000,
    })
    try {
      const rejected = await nextEvent(networks[1], 'peerRejected')
      assert.ok(isTriadError(rejected.error, 'TRIAD_ERR_PEER_IDENTITY'))
      assert.match(rejected.error.details ?? '', new RegExp(impostor.fingerprint))
      await assert.rejects(networks[1].ready({ timeoutMs: 300 }), (e) =>
        isTriadError(e, 'TRIAD_ERR_PEER_IDENTITY'),
      )
      assert.equal(networks[1].isConnected(0), false)
      await assert.rejects(networks[0].ready({ timeoutMs: 300 }), (e) =>
        isTriadError(e, 'TRIAD_ERR_PEER_UNREACHABLE'),
      )
    } finally {
      await closeAll(networks)
    }
  })

  it('refuses an accepting peer with an unpinned certificate (TRIAD_ERR_PEER_IDENTITY)', async () => {
    // Party 2 runs with the impostor's certificate; party 0 dials it and checks the pin.
    const networks = await startTlsNetworks({
      identities: [identities[0], identities[1], impostor],
      pins: [identities[0].fingerprint, identities[1].fingerprint, identities[2].fingerprint],
      timeoutMs: 1_000,
    })
    try {
      const rejected = await nextEvent(networks[0], 'peerRejected')
      assert.ok(isTriadError(rejected.error, 'TRIAD_ERR_PEER_IDENTITY'))
      await assert.rejects(networks[0].ready({ timeoutMs: 300 }), (e) =>
        isTriadError(e, 'TRIAD_ERR_PEER_IDENTITY'),
      )
      await assert.rejects(
        networks[0].send(2, { sessionId: randomBytes(32), step: 1, payload: new Uint8Array(1) }),
        (e) => isTriadError(e, 'TRIAD_ERR_PEER_LOST'),
      )
    } finally {
      await closeAll(networks)
    }
  })

  it('gives up waiting for an absent peer with a clear error', async () => {
    const network = await createTlsNetwork({
      partyIndex: 0,
      identity: identities[0],
      listen: { host: '127.0.0.1', port: 0 },
      peers: [
        { index: 1, host: '127.0.0.1', port: 1, fingerprint: identities[1].fingerprint },
        { index: 2, host: '127.0.0.1', port: 1, fingerprint: identities[2].fingerprint },
      ],
    })
    try {
      await assert.rejects(network.ready({ timeoutMs: 300 }), (e) => {
        assert.ok(isTriadError(e, 'TRIAD_ERR_PEER_UNREACHABLE'))
        assert.match(e.details ?? '', /party 1 .*127\.0\.0\.1:1/)
        return true
      })
    } finally {
      await network.close()
    }
  })

  it('refuses a configuration without exactly the two peers', async () => {
    await assert.rejects(
      createTlsNetwork({
        partyIndex: 0,
        identity: identities[0],
        listen: { host: '127.0.0.1', port: 0 },
        peers: [{ index: 1, host: '127.0.0.1', port: 1, fingerprint: identities[1].fingerprint }],
      }),
      (e) => isTriadError(e, 'TRIAD_ERR_CONFIG_INVALID'),
    )
  })
})
