import { TriadError } from '../../errors/index.ts'
import { encodeFixed, encodeSigned } from '../ring/index.ts'

/** A public operand: one value for every element, or one value per element. */
export type PublicInts = bigint | number | ArrayLike<bigint | number>
export type PublicReals = number | ArrayLike<number>

function broadcast<T>(value: T | ArrayLike<T>, length: number, isScalar: boolean): ArrayLike<T> {
  if (isScalar) return Array.from({ length }, () => value as T)
  const values = value as ArrayLike<T>
  if (values.length !== length)
    throw new TriadError(
      'TRIAD_ERR_VECTOR_LENGTH_MISMATCH',
      'A public operand differs in length from the vector',
      { details: `${values.length} values for ${length} elements` },
    )
  return values
}

/** Signed integers as ring elements, one per element of a vector of `length`. */
export function publicInts(value: PublicInts, length: number): BigUint64Array {
  const scalar = typeof value === 'bigint' || typeof value === 'number'
  return encodeSigned(broadcast(value, length, scalar))
}

/** Reals as fixed-point ring elements, one per element of a vector of `length`. */
export function publicReals(
  value: PublicReals,
  length: number,
  fractionalBits: number,
): BigUint64Array {
  return encodeFixed(broadcast(value, length, typeof value === 'number'), fractionalBits)
}
