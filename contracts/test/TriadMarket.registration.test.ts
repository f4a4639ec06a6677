// What registerCommittee and createPool refuse. A committee node must name a signer, both keys
// and both endpoints, and no two nodes may share a signer, a sealing key or a TLS identity (one
// operator holding two seats breaks the honest majority). A pool's deadlines must satisfy
// 0 < minDeadline <= maxDeadline <= MAX_DEADLINE (365 days), so that requestJob's
// block.timestamp + deadlineSeconds cannot overflow.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { keccak256, toHex, zeroAddress, zeroHash } from 'viem'
import { readCommittee } from '../../src/chain/readCommittee.ts'
import { type NodeInfo, registerCommittee } from '../../src/chain/registerCommittee.ts'
import { requestJob } from '../../src/chain/requestJob.ts'
import { isTriadError } from '../../src/errors/index.ts'
import { triadMarketAbi } from '../../src/protocol/abi/generated/index.ts'
import { algorithmId, buyerKey, type Fixture, setupMarket } from './fixture.ts'

/** `NodeDefect` in ITriadMarket.sol. */
const NodeDefect = {
  SignerZero: 0,
  EncryptionKeyZero: 1,
  TlsFingerprintZero: 2,
  ApiUrlEmpty: 3,
  MpcEndpointEmpty: 4,
  EncryptionKeyReused: 5,
  TlsFingerprintReused: 6,
} as const

const days = (n: number) => BigInt(n * 86_400)

describe('TriadMarket registration', () => {
  let f: Fixture
  let nodes: NodeInfo[]
  before(async () => {
    f = await setupMarket()
    nodes = f.nodes.map((node, i) => ({
      signer: node.address,
      encryptionKey: keccak256(toHex(`other enc${i}`)),
      tlsFingerprint: keccak256(toHex(`other tls${i}`)),
      apiUrl: `https://other${i}.example:8443`,
      mpcEndpoint: `other${i}.example:9443`,
    }))
  })
  after(async () => {
    await f?.stop()
  })

  /** The committee with node `index` changed. */
  const withNode = (index: number, change: Partial<NodeInfo>) =>
    nodes.map((node, i) => (i === index ? { ...node, ...change } : node))
  const register = (committee: NodeInfo[]) =>
    registerCommittee(f.owner, { market: f.market, nodes: committee })

  const cases: [string, number, Partial<NodeInfo>, number, RegExp][] = [
    ['a zero signer', 0, { signer: zeroAddress }, NodeDefect.SignerZero, /signer is the zero/],
    [
      'a zero encryption key',
      1,
      { encryptionKey: zeroHash },
      NodeDefect.EncryptionKeyZero,
      /encryptionKey is zero/,
    ],
    [
      'a zero TLS fingerprint',
      2,
      { tlsFingerprint: zeroHash },
      NodeDefect.TlsFingerprintZero,
      /tlsFingerprint is zero/,
    ],
    ['an empty API URL', 1, { apiUrl: '' }, NodeDefect.ApiUrlEmpty, /apiUrl is empty/],
    [
      'an empty MPC endpoint',
      2,
      { mpcEndpoint: '' },
      NodeDefect.MpcEndpointEmpty,
      /mpcEndpoint is empty/,
    ],
    [
      "an earlier node's encryption key",
      2,
      { encryptionKey: keccak256(toHex('other enc0')) },
      NodeDefect.EncryptionKeyReused,
      /encryptionKey is an earlier node's/,
    ],
    [
      "an earlier node's TLS fingerprint",
      1,
      { tlsFingerprint: keccak256(toHex('other tls0')) },
      NodeDefect.TlsFingerprintReused,
      /tlsFingerprint is an earlier node's/,
    ],
  ]
  for (const [what, index, change, defect, hint] of cases) {
    it(`refuses a committee node with ${what}`, async () => {
      await assert.rejects(register(withNode(index, change)), (error) => {
        assert.ok(isTriadError(error, 'TRIAD_ERR_CONTRACT_REVERTED'))
        assert.match(
          error.message,
          new RegExp(`TriadNodeInvalid\\(index: ${index}, defect: ${defect}\\)`),
        )
        assert.match(error.hint ?? '', new RegExp(`^Committee node ${index}: `))
        assert.match(error.hint ?? '', hint)
        return true
      })
    })
  }

  it('refuses a committee in which two nodes share a signer', async () => {
    const signer = nodes[0]!.signer
    await assert.rejects(register(withNode(2, { signer })), (error) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_CONTRACT_REVERTED'))
      assert.match(error.message, new RegExp(`TriadNodeDuplicate\\(index: 2, signer: ${signer}\\)`))
      assert.match(error.hint ?? '', /its own signer/)
      return true
    })
  })

  it('registers a committee with every field set and distinct', async () => {
    const { committeeId } = await register(nodes)
    assert.deepEqual(await readCommittee(f.owner, { market: f.market, committeeId }), nodes)
  })

  it('refuses pool deadline bounds that are zero, inverted or beyond MAX_DEADLINE', async () => {
    const maxDeadline = await f.owner.readContract({
      address: f.market,
      abi: triadMarketAbi,
      functionName: 'MAX_DEADLINE',
    })
    assert.equal(maxDeadline, days(365))
    const bounds: [bigint, bigint][] = [
      [0n, 600n],
      [601n, 600n],
      [60n, days(365) + 1n],
      // Before the bound, this pool was accepted and requestJob then panicked on
      // block.timestamp + deadlineSeconds.
      [60n, 2n ** 64n - 1n],
    ]
    for (const [minDeadline, maxDeadline] of bounds) {
      await assert.rejects(f.newPool({ minDeadline, maxDeadline }), (error) => {
        assert.ok(isTriadError(error, 'TRIAD_ERR_CONTRACT_REVERTED'))
        assert.match(
          error.message,
          new RegExp(
            `TriadDeadlineBoundsInvalid\\(minDeadline: ${minDeadline}, maxDeadline: ${maxDeadline}\\)`,
          ),
        )
        assert.match(error.hint ?? '', /365 days/)
        return true
      })
    }
  })

  it('accepts a pool whose deadline is exactly MAX_DEADLINE and sells a job with it', async () => {
    const poolId = await f.newPool({ minContributors: 1, maxDeadline: days(365) })
    await f.contributeAs(f.sellers[0]!, 5n, poolId)
    const job = await requestJob(f.buyer, {
      market: f.market,
      poolId,
      algorithmId,
      params: '0x',
      buyerKey,
      deadlineSeconds: days(365),
    })
    const { blockNumber } = await f.owner.getTransactionReceipt({ hash: job.hash })
    const block = await f.owner.getBlock({ blockNumber })
    assert.equal(job.deadline, block.timestamp + days(365))
  })
})
