import { TriadError } from '../../errors/index.ts'

/**
 * Conversion between JavaScript integers and ring elements. Signed values use two's complement:
 * -1 is 2^64 - 1, and a ring element at or above 2^63 decodes as negative. Arithmetic in the ring
 * is then exact for signed results in [-2^63, 2^63).
 */

const signedMin = -(2n ** 63n)
const signedMax = 2n ** 63n - 1n
const unsignedMax = 2n ** 64n - 1n

function toBigInt(value: bigint | number, index: number): bigint {
  if (typeof value === 'bigint') return value
  if (!Number.isSafeInteger(value))
    throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'A number is not a safe integer', {
      details: `element ${index} is ${value}`,
      hint: 'Pass integers; use bigint for magnitudes beyond 2^53.',
    })
  return BigInt(value)
}

function outOfRange(value: bigint, index: number, range: string): TriadError {
  return new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'A value does not fit in 64 bits', {
    details: `element ${index} is ${value}, outside ${range}`,
  })
}

/**
 * Encodes signed integers in [-2^63, 2^63) as ring elements (two's complement).
 *
 * @example
 * encodeSigned([-1n, 5]) // BigUint64Array [18446744073709551615n, 5n]
 */
export function encodeSigned(values: ArrayLike<bigint | number>): BigUint64Array {
  const out = new BigUint64Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const value = toBigInt(values[i]!, i)
    if (value < signedMin || value > signedMax) throw outOfRange(value, i, '[-2^63, 2^63)')
    // A BigUint64Array store reduces mod 2^64, which is exactly two's complement.
    out[i] = value
  }
  return out
}

/**
 * Decodes ring elements as signed integers (two's complement). Returns a fresh copy.
 *
 * @example
 * decodeSigned(new BigUint64Array([2n ** 64n - 1n])) // BigInt64Array [-1n]
 */
export function decodeSigned(ring: BigUint64Array): BigInt64Array {
  return new BigInt64Array(ring.slice().buffer)
}

/**
 * Encodes unsigned integers in [0, 2^64) as ring elements.
 *
 * @example
 * encodeUnsigned([0, 2n ** 64n - 1n])
 */
export function encodeUnsigned(values: ArrayLike<bigint | number>): BigUint64Array {
  const out = new BigUint64Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const value = toBigInt(values[i]!, i)
    if (value < 0n || value > unsignedMax) throw outOfRange(value, i, '[0, 2^64)')
    out[i] = value
  }
  return out
}

/**
 * Decodes ring elements as unsigned integers. Returns a fresh copy.
 *
 * @example
 * decodeUnsigned(encodeUnsigned([7])) // BigUint64Array [7n]
 */
export function decodeUnsigned(ring: BigUint64Array): BigUint64Array {
  return ring.slice()
}

/**
 * Encodes one signed integer as a ring element.
 *
 * @example
 * encodeSignedValue(-2n) // 18446744073709551614n
 */
export function encodeSignedValue(value: bigint | number): bigint {
  return encodeSigned([value])[0]!
}

/**
 * Decodes one ring element as a signed integer.
 *
 * @example
 * decodeSignedValue(2n ** 64n - 2n) // -2n
 */
export function decodeSignedValue(element: bigint): bigint {
  return BigInt.asIntN(64, element)
}
