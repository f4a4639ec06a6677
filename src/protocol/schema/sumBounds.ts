/**
 * The rule that keeps sums exact. Every value travels as an element of the ring Z_2^64, read as
 * a signed (two's complement) integer in [-2^63, 2^63). A sum over the rows of a pool is exact
 * while it stays in that range. A pool holds at most `MAX_TABLE_ROWS` = 2^24 rows; if every
 * encoded value lies in [lo, hi], a sum of at most 2^24 of them lies in
 * [2^24 * min(lo, 0), 2^24 * max(hi, 0)], which fits when
 *
 *     lo >= -2^63 / 2^24 = -2^39     and     hi <= (2^63 - 1) / 2^24, that is hi <= 2^39 - 1.
 *
 * So a schema's columns must encode into [-2^39, 2^39 - 1] = [-549755813888, 549755813887]:
 * integers as themselves, fixed point as `value * 2^fractionalBits` (with 16 fractional bits,
 * |value| <= 8388608, about 8.4 million), booleans as 0 and 1, categories as their index.
 * A missing value's slot holds 0, which is always inside. Algorithms that multiply (variance,
 * regression) need more headroom and check their own bounds against these.
 */

/** The most rows a pool's table may hold: sums over all of them cannot wrap the ring. */
export const MAX_TABLE_ROWS = 2 ** 24

/** The smallest encoded value a column may hold: -2^63 / 2^24. */
export const MIN_ENCODED_VALUE = -(2n ** 39n)

/** The largest encoded value a column may hold: floor((2^63 - 1) / 2^24). */
export const MAX_ENCODED_VALUE = 2n ** 39n - 1n
