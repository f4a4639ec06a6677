import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, describe, it } from 'node:test'
import { isTriadError } from '../errors/index.ts'
import {
  createMemoryNetworks,
  decodeSignedValue,
  encodeReplicatedShare,
  encodeSigned,
  inputFromOwner,
  type PartyNetwork,
  type ReplicatedShare,
  reconstructReplicated,
  sessionIdForJob,
  shareReplicated,
} from '../mpc/index.ts'
import { closeAll, startTlsNetworks } from '../mpc/testing/tlsNetworks.ts'
import { trioOver } from '../mpc/testing/trio.ts'
import { formatScaled, parsePoolSchema } from '../protocol/schema/index.ts'
import { encodeTable, joinTableShares, tableFromRows } from '../table/index.ts'
import {
  algorithmId,
  canonicalJson,
  findAlgorithm,
  runSum,
  sumAlgorithm,
  sumManifest,
  sumPlaintext,
} from './index.ts'

/** The buyer's side: check the three shares agree and add them up. */
const openResult = (out: readonly ReplicatedShare[]) =>
  decodeSignedValue(reconstructReplicated([out[0]!, out[1]!, out[2]!])[0]!)

async function sumOver(
  networks: readonly [PartyNetwork, PartyNetwork, PartyNetwork],
  values: bigint[],
) {
  const trio = trioOver(networks)
  try {
    // The seller shares the column and sends blob i to node i.
    const blobs = shareReplicated(encodeSigned(values)).map(encodeReplicatedShare)
    const sessions = await trio.open(sessionIdForJob(BigInt(`0x${randomBytes(8).toString('hex')}`)))
    const out = await Promise.all(
      sessions.map((session, i) => runSum({ session, column: inputFromOwner(blobs[i]!) })),
    )
    return openResult(out)
  } finally {
    trio.close()
  }
}

describe('sum over memory networks, against its plaintext twin', () => {
  const networks = createMemoryNetworks()
  after(() => closeAll(networks))

  for (const values of [
    [],
    [0n],
    [1n, -1n],
    [5n, 7n, -20n, 1000n],
    [2n ** 63n - 1n, 1n],
    Array.from({ length: 10_000 }, (_, i) => BigInt(i * (i % 2 === 0 ? 1 : -3))),
  ]) {
    it(`sums ${values.length} values`, async () => {
      assert.equal(await sumOver(networks, values), sumPlaintext(values))
    })
  }

  it('runs through the library entry on a table, summing the column the params name', async () => {
    const schema = parsePoolSchema({
      version: 2,
      columns: [
        { name: 'n', type: 'integer', min: -100, max: 100 },
        { name: 'x', type: 'fixed', min: '-10', max: '10', nullable: true },
        { name: 'ok', type: 'boolean', nullable: true },
        { name: 'tag', type: 'categorical', values: ['a', 'b'] },
      ],
    })
    const sellers = [
      [
        { n: 3, x: '1.5', ok: true, tag: 'a' },
        { n: -7, x: null, ok: false, tag: 'b' },
      ],
      [
        { n: 40, x: '-0.25', ok: null, tag: 'a' },
        { n: 1, x: '0.1', ok: true, tag: 'a' },
        { n: 0, x: null, ok: true, tag: 'b' },
      ],
    ]
    // Each seller encodes and shares its own rows; the nodes join them by layout vector.
    const dealt = sellers.map((rows) => ({
      rows: rows.length,
      shares: shareReplicated(encodeTable(tableFromRows(schema, rows))),
    }))
    const tables = [0, 1, 2].map((party) =>
      joinTableShares(
        schema,
        dealt.map(({ rows, shares }) => ({ rows, share: shares[party]! })),
      ),
    )
    const algorithm = findAlgorithm(sumAlgorithm.id)
    const trio = trioOver(networks)
    try {
      const sum = async (params: Record<string, string>) => {
        const sessions = await trio.open()
        return openResult(
          await Promise.all(
            sessions.map((session, i) => algorithm.run({ session, table: tables[i]!, params })),
          ),
        )
      }
      assert.equal(await sum({ column: 'n' }), 37n)
      // 1.5 - 0.25 + 0.1 at 16 bits: 98304 - 16384 + 6554; missing values add nothing.
      assert.equal(await sum({ column: 'x' }), 88_474n)
      assert.equal(formatScaled(88_474n, 16), '1.350006103515625')
      assert.equal(await sum({ column: 'ok' }), 3n) // count of true; missing is not true
      const sessions = await trio.open()
      await assert.rejects(
        algorithm.run({ session: sessions[0], table: tables[0]!, params: { column: 'tag' } }),
        (e) =>
          isTriadError(e, 'TRIAD_ERR_ALGORITHM_INPUT_INVALID') &&
          /column "tag" is categorical, which sum does not take/.test(e.message),
      )
      await assert.rejects(
        algorithm.run({ session: sessions[0], table: tables[0]!, params: { column: 'price' } }),
        (e) =>
          isTriadError(e, 'TRIAD_ERR_ALGORITHM_INPUT_INVALID') &&
          /no column "price"/.test(e.message),
      )
    } finally {
      trio.close()
    }
  })
})

describe('sum over TLS: three parties on 127.0.0.1, port 0, one process', () => {
  it('runs end to end and the buyer reconstructs the sum', async () => {
    const networks = await startTlsNetworks()
    try {
      await Promise.all(networks.map((network) => network.ready()))
      const values = Array.from({ length: 5_000 }, (_, i) => BigInt(i) - 1_234n)
      assert.equal(await sumOver(networks, values), sumPlaintext(values))
    } finally {
      await closeAll(networks)
    }
  })
})

describe('the algorithm library', () => {
  it('identifies sum by the hash of its manifest and source', () => {
    assert.match(sumAlgorithm.id, /^0x[0-9a-f]{64}$/)
    assert.equal(sumAlgorithm.id, algorithmId(sumManifest, sumAlgorithm.source))
    assert.notEqual(
      sumAlgorithm.id,
      algorithmId({ ...sumManifest, version: '1.0.1' }, sumAlgorithm.source),
    )
    assert.equal(findAlgorithm(sumAlgorithm.id), sumAlgorithm)
    assert.equal(
      findAlgorithm(sumAlgorithm.id.toUpperCase().replace('0X', '0x') as `0x${string}`),
      sumAlgorithm,
    )
  })

  it('refuses an unknown id with TRIAD_ERR_ALGORITHM_UNKNOWN', () => {
    assert.throws(
      () => findAlgorithm(`0x${'00'.repeat(32)}`),
      (e) => isTriadError(e, 'TRIAD_ERR_ALGORITHM_UNKNOWN'),
    )
  })

  it('writes canonical JSON with sorted keys and no whitespace', () => {
    assert.equal(
      canonicalJson({ b: [1, { d: 'x', c: null }], a: true }),
      '{"a":true,"b":[1,{"c":null,"d":"x"}]}',
    )
  })

  it('has a plaintext twin that wraps like the ring', () => {
    assert.equal(sumPlaintext([2n ** 63n - 1n, 1n]), -(2n ** 63n))
  })
})
