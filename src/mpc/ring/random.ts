import { randomFillSync } from 'node:crypto'

/**
 * A vector of `length` ring elements drawn uniformly from Z_2^64 by the operating system's CSPRNG.
 *
 * @example
 * const mask = randomRingVector(1024)
 */
export function randomRingVector(length: number): BigUint64Array {
  const vector = new BigUint64Array(length)
  // randomFillSync caps one call at 2^31 - 1 bytes; fill in chunks below that.
  const chunk = 1 << 27
  for (let start = 0; start < length; start += chunk)
    randomFillSync(vector.subarray(start, Math.min(length, start + chunk)))
  return vector
}
