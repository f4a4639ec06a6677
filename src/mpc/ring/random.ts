/**
 * A vector of `length` ring elements drawn uniformly from Z_2^64 by the platform's CSPRNG (Web
 * Crypto's `getRandomValues`, which Node backs with the operating system's generator), so a
 * seller can deal shares in a browser as well as in Node.
 *
 * @example
 * const mask = randomRingVector(1024)
 */
export function randomRingVector(length: number): BigUint64Array {
  const vector = new BigUint64Array(length)
  // getRandomValues fills at most 65,536 bytes per call.
  const chunk = 65_536 / 8
  for (let start = 0; start < length; start += chunk)
    crypto.getRandomValues(vector.subarray(start, Math.min(length, start + chunk)))
  return vector
}
