import { TriadError } from '../../errors/index.ts'

/**
 * Fixed-point numbers in Z_2^64: a real v is the ring element round(v·2^f) in two's complement,
 * for f fractional bits. The encodable range is [−2^(63−f), 2^(63−f)) with a step of 2^−f; with
 * the default f = 16 that is about ±1.4·10^14 in steps of 1.5·10^−5. Products need twice the
 * fractional bits before truncation: see `multiplyFixed` for the range and error of arithmetic.
 */

/** Fractional bits of Triad's fixed-point numbers unless a caller chooses otherwise. */
export const defaultFractionalBits = 16

/**
 * 2^f as a bigint, after checking 0 <= f <= 62 (a fixed-point number keeps its sign bit and at
 * least one integer bit).
 *
 * @example
 * fixedPointScale(16) // 65536n
 */
export function fixedPointScale(fractionalBits: number = defaultFractionalBits): bigint {
  if (!Number.isInteger(fractionalBits) || fractionalBits < 0 || fractionalBits > 62)
    throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'Fractional bits must be in [0, 62]', {
      details: `${fractionalBits} fractional bits`,
    })
  return 1n << BigInt(fractionalBits)
}

/**
 * Encodes reals as fixed-point ring elements, rounding to the nearest multiple of 2^−f.
 *
 * @throws TriadError TRIAD_ERR_VALUE_OUT_OF_RANGE for a value that is not finite or outside
 * [−2^(63−f), 2^(63−f)).
 * @example
 * encodeFixed([1.5, -0.25]) // BigUint64Array [98304n, 18446744073709535232n]
 */
export function encodeFixed(
  values: ArrayLike<number>,
  fractionalBits: number = defaultFractionalBits,
): BigUint64Array {
  fixedPointScale(fractionalBits)
  const scale = 2 ** fractionalBits
  const limit = 2 ** 63
  const out = new BigUint64Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!
    const scaled = Math.round(value * scale)
    if (!Number.isFinite(scaled) || scaled < -limit || scaled >= limit)
      throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'A value does not fit in fixed point', {
        details: `element ${i} is ${value}, outside [−2^${63 - fractionalBits}, 2^${63 - fractionalBits}) with ${fractionalBits} fractional bits`,
        hint: 'Scale the data down, or use fewer fractional bits.',
      })
    out[i] = BigInt(scaled)
  }
  return out
}

/**
 * Decodes fixed-point ring elements to reals (the nearest double).
 *
 * @example
 * decodeFixed(encodeFixed([1.5, -0.25])) // Float64Array [1.5, -0.25]
 */
export function decodeFixed(
  ring: BigUint64Array,
  fractionalBits: number = defaultFractionalBits,
): Float64Array {
  fixedPointScale(fractionalBits)
  const scale = 2 ** fractionalBits
  const signed = new BigInt64Array(ring.buffer, ring.byteOffset, ring.length)
  const out = new Float64Array(ring.length)
  for (let i = 0; i < ring.length; i++) out[i] = Number(signed[i]!) / scale
  return out
}
