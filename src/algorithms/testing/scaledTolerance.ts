import type { ResultValue } from '../definition/AlgorithmDefinition.ts'

/**
 * Test support: the tolerance of a result against its twin when a wide column may have been
 * divided by 2^s before products: `relative` of each number (1e-9 absolute for round-off), and for
 * the numbers that can sit near 0 whatever the scale of the data, where a relative error means
 * nothing, an absolute one too: 1e-7 for a correlation (in [−1, 1]), and `relative` times the
 * twin's standard error for a regression coefficient.
 */
export function scaledTolerance(
  expected: ResultValue,
  relative: number,
): (path: string) => { absolute: number; relative: number } {
  return (path) => {
    if (path.endsWith('correlation')) return { absolute: 1e-7, relative }
    const parts = path.split('.')
    const at = parts.lastIndexOf('coefficients')
    if (at >= 0) {
      const error = valueAt(expected, [
        ...parts.slice(0, at),
        'standardErrors',
        ...parts.slice(at + 1),
      ])
      if (typeof error === 'number') return { absolute: 1e-9 + relative * error, relative }
    }
    return { absolute: 1e-9, relative }
  }
}

function valueAt(value: ResultValue, keys: readonly string[]): ResultValue | undefined {
  let current: ResultValue | undefined = value
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined
    current = (current as { readonly [key: string]: ResultValue })[key]
  }
  return current
}
