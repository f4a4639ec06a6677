import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { inspect } from 'node:util'
import { isTriadError } from '../../errors/index.ts'
import { decodeSigned, encodeSigned } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import { type ReplicatedShare, reconstructReplicated, shareReplicated } from '../sharing/index.ts'
import { trioOver } from '../testing/trio.ts'
import { createMemoryNetworks } from '../transport/index.ts'
import { type Receiver, SecureIntVector } from './index.ts'

const buyer: Receiver = { kind: 'external', name: 'buyer' }
const open = (out: ReplicatedShare[]) => [
  ...decodeSigned(reconstructReplicated([out[0]!, out[1]!, out[2]!])),
]

function secure(sessions: Session[], values: bigint[]): SecureIntVector[] {
  const shares = shareReplicated(encodeSigned(values))
  return sessions.map((session, i) => SecureIntVector.fromShare(session, shares[i]!))
}

describe('secure types', () => {
  const networks = createMemoryNetworks()
  const trio = trioOver(networks)
  after(async () => {
    trio.close()
    await Promise.all(networks.map((network) => network.close()))
  })

  it('refuses to be printed, serialised or branched on', async () => {
    const [session] = await trio.open()
    const [x] = secure([session], [5n])
    const total = x!.sum()
    for (const value of [x!, total]) {
      const refused = (e: unknown) => isTriadError(e, 'TRIAD_ERR_SECRET_NOT_PRINTABLE')
      assert.throws(() => value.valueOf(), refused)
      assert.throws(() => value.toString(), refused)
      assert.throws(() => JSON.stringify({ value }), refused)
      assert.throws(() => `${value}`, refused)
      // biome-ignore lint/suspicious/noExplicitAny: checking what a careless caller would do
      assert.throws(() => (value as any) + 1, refused)
      // biome-ignore lint/suspicious/noExplicitAny: checking what a careless caller would do
      assert.throws(() => (value as any) > 0, refused)
      assert.doesNotMatch(inspect(value), /\d{5,}/)
    }
    assert.equal(inspect(x), 'SecureIntVector <secret, 1 element>')
  })

  it('adds, subtracts, sums and reveals to an external receiver', async () => {
    const sessions = await trio.open()
    const a = secure(sessions, [1n, -2n, 3n])
    const b = secure(sessions, [10n, 20n, -30n])
    const sum = await Promise.all(a.map((x, i) => x.add(b[i]!).revealTo(buyer)))
    assert.deepEqual(open(sum), [11n, 18n, -27n])
    const difference = await Promise.all(a.map((x, i) => x.sub(b[i]!).revealTo(buyer)))
    assert.deepEqual(open(difference), [-9n, -22n, 33n])
    const total = await Promise.all(a.map((x, i) => x.sum().add(b[i]!.sum()).revealTo(buyer)))
    assert.deepEqual(open(total), [2n])
    const totalDifference = await Promise.all(
      a.map((x, i) => x.sum().sub(b[i]!.sum()).revealTo(buyer)),
    )
    assert.deepEqual(open(totalDifference), [2n])
  })

  it('refuses to combine values from different sessions', async () => {
    const [first, second] = await Promise.all([trio.open(), trio.open()])
    const [x] = secure([first[0]], [1n])
    const [y] = secure([second[0]], [1n])
    assert.throws(
      () => x!.add(y!),
      (e) => isTriadError(e, 'TRIAD_ERR_SESSION_MISMATCH'),
    )
  })
})
