import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isTriadError } from '../../errors/index.ts'
import {
  canonicalSchemaJson,
  decimalFraction,
  maxPrivateJobs,
  parsePoolSchema,
  poolSchemaFromUri,
  poolSchemaHash,
  poolSchemaUri,
  privacyBudgetAllows,
  privacyPolicyOf,
} from './index.ts'

const columns = [{ name: 'age', type: 'integer', min: 0, max: 120 }]

describe('the privacy policy of a pool schema', () => {
  it('defaults to one row behind every number and no differential privacy', () => {
    const schema = parsePoolSchema({ version: 2, columns })
    assert.equal(schema.privacy, undefined)
    assert.deepEqual(privacyPolicyOf(schema), { minRows: 1 })
    // A schema without a policy hashes as before: the policy is written only when declared.
    assert.equal(
      canonicalSchemaJson(schema),
      '{"version":2,"columns":[{"name":"age","type":"integer","min":"0","max":"120","nullable":false}]}',
    )
  })

  it('reads minRows and differential privacy, canonicalises the decimals, and round-trips its URI', () => {
    const schema = parsePoolSchema({
      version: 2,
      columns,
      privacy: { minRows: 10, differentialPrivacy: { epsilonPerJob: '0.50', budget: '3.0' } },
    })
    assert.deepEqual(schema.privacy, {
      minRows: 10,
      differentialPrivacy: { epsilonPerJob: '0.5', budget: '3' },
    })
    assert.match(
      canonicalSchemaJson(schema),
      /"privacy":\{"minRows":10,"differentialPrivacy":\{"epsilonPerJob":"0\.5","budget":"3"\}\}\}$/,
    )
    assert.deepEqual(poolSchemaFromUri(poolSchemaUri(schema), poolSchemaHash(schema)), schema)
    assert.notEqual(
      poolSchemaHash(schema),
      poolSchemaHash(parsePoolSchema({ version: 2, columns })),
    )
  })

  it('refuses bad policies, naming the field', () => {
    const refused = (privacy: unknown, pattern: RegExp) =>
      assert.throws(
        () => parsePoolSchema({ version: 2, columns, privacy }),
        (error) =>
          isTriadError(error, 'TRIAD_ERR_SCHEMA_INVALID') && pattern.test(String(error.details)),
      )
    refused({ minRows: 0 }, /privacy\.minRows/)
    refused({ minRows: 2.5 }, /privacy\.minRows/)
    refused(
      { differentialPrivacy: { epsilonPerJob: '0', budget: '1' } },
      /epsilonPerJob must be above 0/,
    )
    refused(
      { differentialPrivacy: { epsilonPerJob: '11', budget: '20' } },
      /epsilonPerJob must be at most 10/,
    )
    refused(
      { differentialPrivacy: { epsilonPerJob: 1, budget: '2' } },
      /epsilonPerJob is a decimal number written as a string/,
    )
    refused(
      { differentialPrivacy: { epsilonPerJob: '2', budget: '1' } },
      /budget: the budget must be at least epsilonPerJob/,
    )
    refused(
      { differentialPrivacy: { epsilonPerJob: 'x', budget: '1' } },
      /"x" is not a decimal number/,
    )
    refused({ minRows: 1, colour: 'red' }, /privacy/)
  })

  it('turns the budget into a number of jobs, exactly', () => {
    const policy = (epsilonPerJob: string, budget: string) => ({
      minRows: 1,
      differentialPrivacy: { epsilonPerJob, budget },
    })
    assert.equal(maxPrivateJobs({ minRows: 1 }), undefined)
    assert.equal(maxPrivateJobs(policy('0.1', '1')), 10n) // no float: 0.1 × 10 is exactly 1
    assert.equal(maxPrivateJobs(policy('0.3', '1')), 3n)
    assert.equal(maxPrivateJobs(policy('2', '5')), 2n)
    assert.equal(privacyBudgetAllows(policy('2', '5'), 1n), true)
    assert.equal(privacyBudgetAllows(policy('2', '5'), 2n), false)
    assert.equal(privacyBudgetAllows({ minRows: 3 }, 10n ** 9n), true)
    assert.deepEqual(decimalFraction('0.25'), { numerator: 25n, denominator: 100n })
  })
})
