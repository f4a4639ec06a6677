import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import { after, before, describe, it } from 'node:test'
import { createPublicClient, http } from 'viem'
import { countRpcErrors, type RpcErrorKind } from './countRpcErrors.ts'

describe('countRpcErrors (a real HTTP JSON-RPC server)', () => {
  let server: Server
  let url: string

  before(async () => {
    // Answers eth_chainId, reverts eth_call, and errors on anything else.
    server = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk) => {
        body += chunk
      })
      request.on('end', () => {
        const { id, method } = JSON.parse(body) as { id: number; method: string }
        const answer =
          method === 'eth_chainId'
            ? { result: '0x1' }
            : method === 'eth_call'
              ? { error: { code: 3, message: 'execution reverted', data: '0x' } }
              : { error: { code: -32601, message: 'method not found' } }
        response.setHeader('content-type', 'application/json')
        response.end(JSON.stringify({ jsonrpc: '2.0', id, ...answer }))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  after(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const clientWith = (rpcUrl: string, seen: [string, RpcErrorKind][]) =>
    createPublicClient({
      transport: countRpcErrors(http(rpcUrl, { retryCount: 0 }), (method, kind) =>
        seen.push([method, kind]),
      ),
    })

  it('counts nothing for a request that succeeds', async () => {
    const seen: [string, RpcErrorKind][] = []
    assert.equal(await clientWith(url, seen).getChainId(), 1)
    assert.deepEqual(seen, [])
  })

  it('tells a revert from an RPC error from an unreachable endpoint, rethrowing each', async () => {
    const seen: [string, RpcErrorKind][] = []
    const client = clientWith(url, seen)
    await assert.rejects(client.call({ to: '0x0000000000000000000000000000000000000001' }))
    await assert.rejects(client.getGasPrice())
    await assert.rejects(clientWith('http://127.0.0.1:1', seen).getBlockNumber())
    assert.deepEqual(seen, [
      ['eth_call', 'reverted'],
      ['eth_gasPrice', 'rpc'],
      ['eth_blockNumber', 'unreachable'],
    ])
  })
})
