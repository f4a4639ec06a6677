import { parseUnits } from 'viem'
import { TriadError } from '../errors/index.ts'
import { jobIdOf } from '../protocol/jobId.ts'

/**
 * A pool id as typed: a whole number.
 *
 * @example
 * parsePoolId('2') // 2n
 */
export function parsePoolId(raw: string): bigint {
  if (!/^\d{1,20}$/.test(raw.trim())) {
    throw new TriadError('TRIAD_ERR_USAGE', `A pool id is a whole number, got ${raw}`, {
      hint: 'List the pools with `triad pool list`.',
    })
  }
  return BigInt(raw.trim())
}

/**
 * A job id as typed: the full id (`18446744073709551616`) or `pool:sequence` (`1:0`, pool 1's
 * first job), as `triad buy` prints both.
 *
 * @example
 * parseJobId('1:0') // 18446744073709551616n
 */
export function parseJobId(raw: string): bigint {
  const text = raw.trim()
  const pair = /^(\d{1,20}):(\d{1,19})$/.exec(text)
  if (pair) return jobIdOf(BigInt(pair[1]!), BigInt(pair[2]!))
  if (/^\d{1,78}$/.test(text)) return BigInt(text)
  throw new TriadError('TRIAD_ERR_USAGE', `A job id is a number or pool:sequence, got ${raw}`, {
    hint: 'For example: `triad job status 1:0` (pool 1, its first job), as `triad buy` prints it.',
  })
}

/**
 * A token amount as typed in whole tokens (`100`, `2.5`) to base units.
 *
 * @example
 * parseAmount('--price', '2.5', 6) // 2500000n
 */
export function parseAmount(flag: string, raw: string, decimals: number): bigint {
  const text = raw.trim()
  const fraction = text.split('.')[1] ?? ''
  if (!/^\d{1,30}(\.\d+)?$/.test(text) || fraction.length > decimals) {
    throw new TriadError(
      'TRIAD_ERR_USAGE',
      `${flag} must be an amount of tokens with at most ${decimals} decimals, got ${raw}`,
      { hint: `For example: ${flag} 100` },
    )
  }
  return parseUnits(text, decimals)
}

/**
 * An algorithm's parameters as typed after its name: `column=income` pairs, or one JSON object.
 *
 * @example
 * parseAlgorithmParams(['column=income']) // { column: 'income' }
 */
export function parseAlgorithmParams(raw: readonly string[]): Record<string, string> {
  if (raw.length === 1 && raw[0]!.trim().startsWith('{')) {
    try {
      return JSON.parse(raw[0]!) as Record<string, string>
    } catch (error) {
      throw new TriadError('TRIAD_ERR_USAGE', 'The parameters are not JSON', {
        details: (error as Error).message,
        hint: `Write them as name=value pairs (column=income) or one JSON object ('{"column":"income"}').`,
      })
    }
  }
  const params: Record<string, string> = {}
  for (const pair of raw) {
    const match = /^([a-zA-Z_][a-zA-Z0-9_]*)=(.*)$/.exec(pair)
    if (!match) {
      throw new TriadError('TRIAD_ERR_USAGE', `A parameter is name=value, got ${pair}`, {
        hint: 'For example: `triad buy 1 sum column=value`.',
      })
    }
    params[match[1]!] = match[2]!
  }
  return params
}
