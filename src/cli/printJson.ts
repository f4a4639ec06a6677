/**
 * Prints a read command's `--json` answer: one JSON document on stdout, bigints as decimal
 * strings (token amounts and ids exceed 2^53), two-space indented.
 *
 * @example
 * printJson({ poolId: 1n, price: 100000000n }) // {"poolId": "1", "price": "100000000"}
 */
export function printJson(value: unknown): void {
  process.stdout.write(`${toJson(value)}\n`)
}

/** JSON with bigints as decimal strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, item) => (typeof item === 'bigint' ? item.toString() : item),
    2,
  )
}
