import type { ResultValue } from '../algorithms/definition/AlgorithmDefinition.ts'

/** How an opened result compares with its plaintext twin. */
export interface ResultComparison {
  /** Same structure, strings, booleans and nulls, every number within the tolerance. */
  readonly agrees: boolean
  /** The largest difference of two numbers, relative to the twin's (absolute below 1). */
  readonly largestDifference: number
  /** Where they part, when they do not agree. */
  readonly where: string | undefined
}

/**
 * Compares an opened result with the same computation on the plaintext rows: the structure,
 * every string, boolean and null exactly, every number to `tolerance` (relative, or absolute
 * for numbers below 1). The MPC and the twin compute on the same encoded values, so counts and
 * sums are exact; ratios and solved coefficients may differ in the last bits of a double.
 *
 * @example
 * compareResults({ mean: 16.4370 }, { mean: 16.4370 }).agrees // true
 */
export function compareResults(
  opened: ResultValue,
  plaintext: ResultValue,
  tolerance = 1e-9,
): ResultComparison {
  let largest = 0
  let where: string | undefined
  const walk = (a: ResultValue, b: ResultValue, path: string): void => {
    if (where !== undefined) return
    if (typeof a === 'number' && typeof b === 'number') {
      const difference = Math.abs(a - b) / Math.max(1, Math.abs(b))
      if (!(difference <= tolerance)) where = `${path || '(result)'}: ${a} vs ${b}`
      else largest = Math.max(largest, difference)
      return
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) where = `${path}: ${a.length} items vs ${b.length}`
      else for (const [index, item] of a.entries()) walk(item, b[index]!, `${path}[${index}]`)
      return
    }
    if (isRecord(a) && isRecord(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)])
      for (const key of keys) {
        if (!(key in a) || !(key in b)) where = `${path}.${key}: missing on one side`
        else walk(a[key]!, b[key]!, path ? `${path}.${key}` : key)
      }
      return
    }
    if (a !== b) where = `${path || '(result)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`
  }
  walk(opened, plaintext, '')
  return { agrees: where === undefined, largestDifference: largest, where }
}

function isRecord(value: ResultValue): value is { readonly [key: string]: ResultValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
