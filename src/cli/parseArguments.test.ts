import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findKnownAlgorithm } from '../client/knownAlgorithms.ts'
import { isTriadError } from '../errors/index.ts'
import { parseAlgorithmParams, parseAmount, parseJobId, parsePoolId } from './parseArguments.ts'

const usage = (error: unknown) => isTriadError(error, 'TRIAD_ERR_USAGE')

describe('command-line arguments', () => {
  it('reads job ids as pool:sequence or whole ids', () => {
    assert.equal(parseJobId('1:0'), 1n << 64n)
    assert.equal(parseJobId('2:5'), (2n << 64n) | 5n)
    assert.equal(parseJobId(' 36893488147419103232 '), 2n << 64n)
    for (const bad of ['', '1:', ':1', '1:x', '-3', '0x12', '1.5']) {
      assert.throws(() => parseJobId(bad), usage, bad)
    }
  })

  it('reads pool ids', () => {
    assert.equal(parsePoolId('7'), 7n)
    assert.throws(() => parsePoolId('seven'), usage)
  })

  it('reads token amounts in whole tokens, to the token decimals and no further', () => {
    assert.equal(parseAmount('--price', '25', 6), 25_000_000n)
    assert.equal(parseAmount('--price', '2.5', 6), 2_500_000n)
    assert.equal(parseAmount('--price', '0.000001', 6), 1n)
    for (const bad of ['0.0000001', '-1', '1e3', 'ten', '1,5', '']) {
      assert.throws(() => parseAmount('--price', bad, 6), usage, bad)
    }
  })

  it('reads algorithm parameters as name=value pairs or one JSON object', () => {
    assert.deepEqual(parseAlgorithmParams(['column=income']), { column: 'income' })
    assert.deepEqual(parseAlgorithmParams(['a=1', 'b=x=y']), { a: '1', b: 'x=y' })
    assert.deepEqual(parseAlgorithmParams(['{"column":"age"}']), { column: 'age' })
    assert.deepEqual(parseAlgorithmParams([]), {})
    assert.throws(() => parseAlgorithmParams(['income']), usage)
    assert.throws(() => parseAlgorithmParams(['{"column":']), usage)
  })

  it("reads each value as the algorithm's parameter schema wants it", () => {
    const schema = (name: string) => findKnownAlgorithm(name).manifest.params
    assert.deepEqual(
      parseAlgorithmParams(['column=age', 'edges=18, 30,50.5,b'], schema('histogram')),
      { column: 'age', edges: [18, 30, 50.5, 'b'] },
    )
    assert.deepEqual(
      parseAlgorithmParams(['target=visits', 'features=age'], schema('linearRegression')),
      { target: 'visits', features: ['age'] },
    )
    assert.deepEqual(
      parseAlgorithmParams(['probabilities=0.1,0.9', 'column=income'], schema('quantiles')),
      { probabilities: [0.1, 0.9], column: 'income' },
    )
    assert.deepEqual(
      parseAlgorithmParams(['column=visits', 'by=smoker', 'groups=true,false'], schema('tTest')),
      { column: 'visits', by: 'smoker', groups: ['true', 'false'] },
    )
    assert.deepEqual(
      parseAlgorithmParams(
        ['column=income', 'where={"column":"age","op":">=","value":40}'],
        schema('mean'),
      ),
      { column: 'income', where: { column: 'age', op: '>=', value: 40 } },
    )
    assert.throws(() => parseAlgorithmParams(['column=x', 'where=age>40'], schema('mean')), usage)
    assert.throws(() => parseAlgorithmParams(['edges=[1,2'], schema('histogram')), usage)
  })
})
