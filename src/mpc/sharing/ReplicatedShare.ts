/**
 * One party's part of a 3-party replicated secret sharing of a vector x over Z_2^64.
 * x = x0 + x1 + x2 (mod 2^64), and party i holds `first` = x_i and `second` = x_{i+1 mod 3}.
 * Every component is held by exactly two parties; any two parties together can reconstruct x,
 * and any single party's view is uniformly random.
 */
export interface ReplicatedShare {
  readonly first: BigUint64Array
  readonly second: BigUint64Array
}

/** The three parties' shares of one vector, indexed by party. */
export type ReplicatedShares = readonly [ReplicatedShare, ReplicatedShare, ReplicatedShare]
