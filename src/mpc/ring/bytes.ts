import { isLittleEndian } from './layout.ts'

/**
 * The wire form of a ring vector: 8 bytes per element, little-endian. On a little-endian host the
 * result is a view of the vector's own memory (no copy); do not mutate the vector until it is sent.
 *
 * @example
 * ringToBytes(new BigUint64Array([1n])) // Uint8Array [1, 0, 0, 0, 0, 0, 0, 0]
 */
export function ringToBytes(vector: BigUint64Array): Uint8Array {
  if (isLittleEndian) return new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength)
  const bytes = new Uint8Array(vector.byteLength)
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < vector.length; i++) view.setBigUint64(i * 8, vector[i]!, true)
  return bytes
}

/**
 * Reads `length` ring elements from `bytes` at `offset` (little-endian) into a fresh, aligned
 * vector. The caller checks that the bytes are there.
 *
 * @example
 * ringFromBytes(new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0]), 0, 1) // BigUint64Array [1n]
 */
export function ringFromBytes(bytes: Uint8Array, offset: number, length: number): BigUint64Array {
  const vector = new BigUint64Array(length)
  const source = bytes.subarray(offset, offset + length * 8)
  if (isLittleEndian) {
    new Uint8Array(vector.buffer).set(source)
    return vector
  }
  const view = new DataView(source.buffer, source.byteOffset, source.byteLength)
  for (let i = 0; i < length; i++) vector[i] = view.getBigUint64(i * 8, true)
  return vector
}

/**
 * `length` ring elements from `bytes` at `offset` (little-endian), sharing `bytes`' memory when it
 * can: on a little-endian host with the elements 8-byte aligned the result is a view (no copy),
 * otherwise a fresh copy. For buffers the caller owns, such as a received frame's payload; writes
 * to the result may write to `bytes`.
 *
 * @example
 * const vector = ringView(frame.payload, 0, frame.payload.length / 8)
 */
export function ringView(bytes: Uint8Array, offset: number, length: number): BigUint64Array {
  const start = bytes.byteOffset + offset
  if (isLittleEndian && start % 8 === 0 && offset + length * 8 <= bytes.length)
    return new BigUint64Array(bytes.buffer, start, length)
  return ringFromBytes(bytes, offset, length)
}
