import { TriadError } from '../errors/index.ts'

/**
 * A commander option parser for a whole number in `[min, max]`. Anything else (`7x`, `1.5`,
 * out of range) is a `TRIAD_ERR_USAGE` that names the option, the range and the value given.
 *
 * @example
 * command.option('--sellers <n>', 'number of sellers', wholeNumberOption('--sellers', 3, 50), 5)
 */
export function wholeNumberOption(
  flag: string,
  min: number,
  max: number,
): (value: string) => number {
  return (value) => {
    const number = /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN
    if (!(number >= min && number <= max)) {
      throw new TriadError(
        'TRIAD_ERR_USAGE',
        `${flag} must be a whole number from ${min} to ${max}, got ${value}`,
        { hint: `For example: ${flag} ${Math.min(max, Math.max(min, 5))}` },
      )
    }
    return number
  }
}
