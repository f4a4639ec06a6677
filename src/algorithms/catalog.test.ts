import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { stringToHex } from 'viem'
import { isTriadError } from '../errors/index.ts'
import { parsePoolSchema } from '../protocol/schema/index.ts'
import { algorithmCatalog, decodeBlocks, findCatalogEntry } from './catalog.ts'
import { canonicalJson } from './definition/canonicalJson.ts'
import { algorithmId, hashFile, hashSources, manifestOf } from './definition/manifest.ts'
import { checkParams, decodeParams, encodeParams, parseParams } from './definition/readParams.ts'
import { algorithmSources } from './generated/algorithmSources.ts'
import { algorithmLibrary, findAlgorithm } from './library.ts'
import { algorithmSourceFiles, type SourceReader } from './sources/algorithmSourceFiles.ts'
import { diskSourceReader } from './sources/readSources.ts'
import { assertSourceVerified, verifyAlgorithmSources } from './sources/verifyAlgorithmSources.ts'

const invalid = (pattern: RegExp) => (error: unknown) =>
  isTriadError(error, 'TRIAD_ERR_ALGORITHM_INPUT_INVALID') && pattern.test(error.message)

describe('the catalog', () => {
  it('has the 18 algorithms of the issue, each id built from its manifest and its source hash', () => {
    assert.deepEqual([...algorithmCatalog.values()].map((entry) => entry.manifest.name).sort(), [
      'chiSquare',
      'correlation',
      'count',
      'covariance',
      'fiveNumber',
      'frequency',
      'histogram',
      'linearRegression',
      'mannWhitney',
      'max',
      'mean',
      'median',
      'min',
      'quantiles',
      'stddev',
      'sum',
      'tTest',
      'variance',
    ])
    for (const entry of algorithmCatalog.values()) {
      assert.match(entry.id, /^0x[0-9a-f]{64}$/)
      assert.equal(entry.id, algorithmId(manifestOf(entry.definition), entry.sourceHash))
      assert.equal(
        entry.id,
        algorithmSources[entry.manifest.name]!.id,
        `${entry.manifest.name} generated`,
      )
      assert.equal(findCatalogEntry(entry.id), entry)
      assert.equal(findCatalogEntry(entry.id.toUpperCase().replace('0X', '0x')), entry)
      assert.equal(findCatalogEntry(entry.manifest.name), entry)
      assert.equal(algorithmLibrary.get(entry.id)?.definition, entry.definition)
    }
  })

  it('refuses an unknown id with TRIAD_ERR_ALGORITHM_UNKNOWN', () => {
    assert.throws(
      () => findCatalogEntry(`0x${'00'.repeat(32)}`),
      (e) => isTriadError(e, 'TRIAD_ERR_ALGORITHM_UNKNOWN'),
    )
    assert.throws(
      () => findAlgorithm('average'),
      (e) => isTriadError(e, 'TRIAD_ERR_ALGORITHM_UNKNOWN'),
    )
  })

  it('changes the id when the manifest or the source changes', () => {
    const mean = findCatalogEntry('mean')
    const manifest = manifestOf(mean.definition)
    assert.notEqual(algorithmId({ ...manifest, version: '9.9.9' }, mean.sourceHash), mean.id)
    assert.notEqual(
      algorithmId(manifest, hashSources([{ path: 'a.ts', hash: hashFile('x') }])),
      mean.id,
    )
    // Line endings do not matter; order of files does not either.
    assert.equal(hashFile('a\r\nb'), hashFile('a\nb'))
    const files = [
      { path: 'b.ts', hash: hashFile('2') },
      { path: 'a.ts', hash: hashFile('1') },
    ]
    assert.equal(hashSources(files), hashSources([...files].reverse()))
  })

  it('writes canonical JSON with sorted keys and no whitespace', () => {
    assert.equal(
      canonicalJson({ b: [1, { d: 'x', c: null }], a: true }),
      '{"a":true,"b":[1,{"c":null,"d":"x"}]}',
    )
  })
})

describe('algorithm sources', () => {
  const disk = diskSourceReader()

  it('are the algorithm’s folder and the files of src/algorithms it imports, not tests or generated ids', () => {
    const files = algorithmSourceFiles('mean', disk)
    assert.ok(files.includes('src/algorithms/library/mean/mean.ts'))
    assert.ok(files.includes('src/algorithms/library/mean/runMean.ts'))
    assert.ok(files.includes('src/algorithms/library/mean/meanTwin.ts'))
    assert.ok(files.includes('src/algorithms/secure/releaseToBuyer.ts'))
    assert.ok(
      files.every((file) => file.startsWith('src/algorithms/') && !file.endsWith('.test.ts')),
    )
    assert.ok(!files.some((file) => file.includes('/generated/')))
    assert.ok(!files.includes('src/algorithms/library/median/median.ts'))
  })

  it('verify on disk, and a changed file makes its algorithms refuse with a clear error', () => {
    const entries = [...algorithmLibrary.values()]
    assert.deepEqual(verifyAlgorithmSources(entries).mismatches, [])
    // A node whose copy of the release step differs from the one the ids were built from.
    const tampered: SourceReader = {
      list: (directory) => disk.list(directory),
      read: (path) =>
        path === 'src/algorithms/secure/releaseToBuyer.ts'
          ? `${disk.read(path)}\n// changed\n`
          : disk.read(path),
    }
    const verification = verifyAlgorithmSources(entries, tampered)
    assert.equal(verification.mismatches.length, entries.length)
    const mean = findAlgorithm('mean')
    assert.throws(
      () => assertSourceVerified(verification, mean),
      (error) =>
        isTriadError(error, 'TRIAD_ERR_ALGORITHM_SOURCE_MISMATCH') &&
        /The code of mean on this node is not the code its id names/.test(error.message) &&
        error.details!.includes(mean.sourceHash),
    )
    // Only the algorithms that import a changed file are affected.
    const meanOnly: SourceReader = {
      list: (directory) => disk.list(directory),
      read: (path) =>
        path === 'src/algorithms/library/mean/mean.ts' ? `${disk.read(path)} ` : disk.read(path),
    }
    assert.deepEqual(
      verifyAlgorithmSources(entries, meanOnly).mismatches.map((item) => item.name),
      ['mean'],
    )
  })
})

describe('parameters', () => {
  const sum = findCatalogEntry('sum').definition
  const count = findCatalogEntry('count').definition
  const schema = parsePoolSchema({
    version: 2,
    columns: [
      { name: 'n', type: 'integer', min: 0, max: 1 },
      { name: 'x', type: 'fixed', min: '0', max: '1', nullable: true },
      { name: 'ok', type: 'boolean' },
      { name: 'tag', type: 'categorical', values: ['a'] },
    ],
  })

  it('travel as canonical JSON bytes and decode back', () => {
    const encoded = encodeParams(sum, { where: { column: 'n', op: '>', value: 0 }, column: 'x' })
    assert.equal(encoded, stringToHex('{"column":"x","where":{"column":"n","op":">","value":0}}'))
    assert.deepEqual(decodeParams(sum, encoded), {
      column: 'x',
      where: { column: 'n', op: '>', value: 0 },
    })
    assert.equal(encodeParams(count, {}), '0x')
    assert.deepEqual(decodeParams(count, '0x'), {})
  })

  it('refuse what the zod schema does not take, JSON that is not canonical, and junk', () => {
    assert.throws(() => encodeParams(sum, {}), invalid(/the parameters do not fit/))
    assert.throws(() => encodeParams(sum, { column: 'x', colour: 'y' }), invalid(/do not fit/))
    assert.throws(() => encodeParams(sum, { column: 3 }), invalid(/do not fit/))
    assert.throws(() => decodeParams(sum, stringToHex('{"column":')), invalid(/not JSON/))
    assert.throws(
      () => decodeParams(sum, stringToHex('{ "column": "x" }')),
      invalid(/not in canonical form/),
    )
  })

  it('must name columns of the types the algorithm takes, and fit the pool', () => {
    for (const column of ['n', 'x', 'ok']) checkParams(sum, parseParams(sum, { column }), schema, 0)
    assert.throws(
      () => checkParams(sum, parseParams(sum, { column: 'tag' }), schema, 0),
      (error) =>
        invalid(/column "tag" is categorical, which sum does not take/)(error) &&
        /must name one of the pool's integer, fixed, boolean columns: n, x, ok/.test(String(error)),
    )
    assert.throws(() => checkParams(sum, { column: 'm' }, schema, 0), invalid(/no column "m"/))
    assert.throws(
      () => checkParams(sum, { column: 'n', groupBy: 'x' }, schema, 0),
      invalid(/groups come from a categorical or boolean column/),
    )
    assert.throws(
      () =>
        checkParams(sum, { column: 'n', where: { column: 'tag', op: '<', value: 'a' } }, schema, 0),
      invalid(/compare it with =, != or in, not </),
    )
    assert.throws(
      () =>
        checkParams(sum, { column: 'n', where: { column: 'tag', op: '=', value: 'b' } }, schema, 0),
      invalid(/has no category "b"/),
    )
    assert.throws(
      () =>
        checkParams(sum, { column: 'n', where: { column: 'n', op: '=', value: 0.5 } }, schema, 0),
      invalid(/0\.5 is not a whole number/),
    )
    assert.throws(
      () => checkParams(count, { where: { column: 'x', op: 'in', value: ['1'] } }, schema, 0),
      invalid(/"in" compares categorical and boolean columns/),
    )
  })
})

describe('decoding a result', () => {
  it('splits blocks and refuses a layout or guard bit that does not fit', () => {
    assert.deepEqual(decodeBlocks([7n, 1n, 0n, 0n], { blocks: 2, valuesPerBlock: 1 }), [
      { ok: true, values: [7n] },
      { ok: false, values: [0n] },
    ])
    assert.throws(
      () => decodeBlocks([7n, 1n, 0n], { blocks: 2, valuesPerBlock: 1 }),
      (error) => isTriadError(error, 'TRIAD_ERR_SHARES_DISAGREE'),
    )
    assert.throws(
      () => decodeBlocks([7n, 2n], { blocks: 1, valuesPerBlock: 1 }),
      (error) => isTriadError(error, 'TRIAD_ERR_SHARES_DISAGREE'),
    )
  })
})
