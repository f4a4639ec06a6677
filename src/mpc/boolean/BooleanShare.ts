/**
 * One party's part of a 3-party replicated XOR sharing of a vector of 64-bit words:
 * x = x0 ⊕ x1 ⊕ x2, and party i holds `first` = x_i and `second` = x_{i+1 mod 3}, as in the
 * arithmetic `ReplicatedShare` but with XOR in place of addition. A word holds 64 independent
 * bits; a vector of n bits is packed 64 to a word (see `packBits`), and n 64-bit values in
 * bit-sliced form are 64 such bit vectors, one per bit position (see `bitSlice`).
 * XOR and NOT are local; AND costs one round (`andBits` in protocols).
 */
export interface BooleanShare {
  readonly first: BigUint64Array
  readonly second: BigUint64Array
}

/** The three parties' boolean shares of one vector, indexed by party. */
export type BooleanShares = readonly [BooleanShare, BooleanShare, BooleanShare]
