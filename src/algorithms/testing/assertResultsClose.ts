import assert from 'node:assert/strict'
import type { ResultValue } from '../definition/AlgorithmDefinition.ts'

/**
 * Test support: two results are equal in structure, strings and booleans, and every number is
 * within `tolerance(path)` of the expected one: |a − e| ≤ absolute + relative·|e|.
 */
export function assertResultsClose(
  actual: ResultValue,
  expected: ResultValue,
  tolerance: (path: string) => { absolute: number; relative: number } = () => ({
    absolute: 0,
    relative: 0,
  }),
  path = '',
): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const { absolute, relative } = tolerance(path)
    if (Number.isNaN(expected)) {
      assert.ok(Number.isNaN(actual), `${path}: ${actual} is not NaN`)
      return
    }
    const allowed = absolute + relative * Math.abs(expected)
    assert.ok(
      Math.abs(actual - expected) <= allowed,
      `${path || '(result)'}: ${actual} differs from ${expected} by ${Math.abs(actual - expected)} (allowed ${allowed})`,
    )
    return
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array, got ${JSON.stringify(actual)}`)
    assert.equal(actual.length, expected.length, `${path}: length`)
    expected.forEach((item, i) => {
      assertResultsClose(actual[i]!, item, tolerance, `${path}[${i}]`)
    })
    return
  }
  if (typeof expected === 'object' && expected !== null) {
    assert.ok(
      typeof actual === 'object' && actual !== null && !Array.isArray(actual),
      `${path}: expected an object, got ${JSON.stringify(actual)}`,
    )
    const record = actual as Record<string, ResultValue>
    assert.deepEqual(Object.keys(record).sort(), Object.keys(expected).sort(), `${path}: keys`)
    for (const [key, item] of Object.entries(expected))
      assertResultsClose(record[key]!, item, tolerance, path ? `${path}.${key}` : key)
    return
  }
  assert.deepEqual(actual, expected, path)
}
