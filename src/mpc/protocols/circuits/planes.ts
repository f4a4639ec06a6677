import type { BooleanShare } from '../../boolean/index.ts'

/** Plane k (words [k·w, (k+1)·w)) of bit-sliced boolean shares, as views. */
export function planeOf(share: BooleanShare, wordsPerPlane: number, k: number): BooleanShare {
  const start = k * wordsPerPlane
  const end = start + wordsPerPlane
  return { first: share.first.subarray(start, end), second: share.second.subarray(start, end) }
}

/** Planes [from, to) of bit-sliced boolean shares, as one view. */
export function planeRange(
  share: BooleanShare,
  wordsPerPlane: number,
  from: number,
  to: number,
): BooleanShare {
  return {
    first: share.first.subarray(from * wordsPerPlane, to * wordsPerPlane),
    second: share.second.subarray(from * wordsPerPlane, to * wordsPerPlane),
  }
}
