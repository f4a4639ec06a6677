import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import Fastify, { type FastifyInstance } from 'fastify'
import { isTriadError } from '../errors/index.ts'
import { generateTlsIdentity, type TlsIdentity } from '../mpc/transport/identity.ts'
import { fetchPinned } from './fetchPinned.ts'
import { PinnedAgent } from './PinnedAgent.ts'

describe('fetchPinned (a real HTTPS server with a self-signed certificate)', () => {
  let identity: TlsIdentity
  let other: TlsIdentity
  let app: FastifyInstance
  let url: string
  let requests = 0
  let connections = 0

  before(async () => {
    ;[identity, other] = await Promise.all([generateTlsIdentity(), generateTlsIdentity()])
    app = Fastify({ https: { key: identity.keyPem, cert: identity.certPem } })
    app.addHook('onRequest', async () => {
      requests += 1
    })
    app.post('/echo', async (request) => ({ echoed: request.body }))
    app.get('/empty', async (_request, reply) => reply.status(204).send())
    await app.listen({ host: '127.0.0.1', port: 0 })
    app.server.on('secureConnection', () => {
      connections += 1
    })
    const address = app.server.address()
    url = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  after(() => app.close())

  it('talks to the server whose certificate has the pinned fingerprint', async () => {
    const response = await fetchPinned(`${url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
      fingerprint: identity.fingerprint,
    })
    assert.equal(response.status, 200)
    assert.deepEqual(await response.json(), { echoed: { a: 1 } })
    const empty = await fetchPinned(`${url}/empty`, { fingerprint: identity.fingerprint })
    assert.equal(empty.status, 204)
  })

  it('refuses a server with another certificate before sending a byte of the request', async () => {
    const before = requests
    await assert.rejects(
      fetchPinned(`${url}/echo`, {
        method: 'POST',
        body: '{"secret":"sealed share"}',
        fingerprint: other.fingerprint,
      }),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_TLS_PIN_MISMATCH') &&
        error.details === `presented ${identity.fingerprint}, pinned ${other.fingerprint}`,
    )
    assert.equal(requests, before)
  })

  it('reuses one connection through a shared agent', async () => {
    const agent = new PinnedAgent(identity.fingerprint)
    const before = connections
    for (let i = 0; i < 3; i += 1) {
      const response = await fetchPinned(`${url}/empty`, { agent })
      assert.equal(response.status, 204)
    }
    agent.destroy()
    assert.equal(connections - before, 1)
  })

  it('gives up at once when its signal aborts', async () => {
    const slow = Fastify()
    slow.get('/slow', () => new Promise(() => {}))
    await slow.listen({ host: '127.0.0.1', port: 0 })
    try {
      const address = slow.server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      const controller = new AbortController()
      // The server never answers: only the abort can end this request.
      setTimeout(() => controller.abort(), 100)
      await assert.rejects(
        fetchPinned(`http://127.0.0.1:${port}/slow`, { signal: controller.signal }),
        /aborted/,
      )
    } finally {
      await slow.close()
    }
  })

  it('refuses an https URL without a pin, and a non-http URL', async () => {
    await assert.rejects(fetchPinned(`${url}/empty`), (error) =>
      isTriadError(error, 'TRIAD_ERR_USAGE'),
    )
    await assert.rejects(fetchPinned('ftp://127.0.0.1/x'), (error) =>
      isTriadError(error, 'TRIAD_ERR_USAGE'),
    )
  })

  it('reaches a plain http server without a pin (a dev node)', async () => {
    const plain = Fastify()
    plain.get('/ok', async () => ({ ok: true }))
    await plain.listen({ host: '127.0.0.1', port: 0 })
    try {
      const address = plain.server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      const response = await fetchPinned(`http://127.0.0.1:${port}/ok`)
      assert.deepEqual(await response.json(), { ok: true })
    } finally {
      await plain.close()
    }
  })
})
