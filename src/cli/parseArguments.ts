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

/** The part of a JSON Schema (an algorithm manifest's `params`) that says how to read a value. */
interface ValueSchema {
  readonly type?: string
  readonly items?: ValueSchema | false
  readonly prefixItems?: readonly ValueSchema[]
  readonly anyOf?: readonly ValueSchema[]
  readonly properties?: Readonly<Record<string, ValueSchema>>
  readonly $ref?: string
}

/**
 * An algorithm's parameters as typed after its name: `name=value` pairs, or one JSON object.
 * With the algorithm's parameter schema (its manifest's `params`), each value is read as the
 * schema wants it: a list from commas (`features=temp_min,wind`, `edges=0,10,20`), a number,
 * a boolean; a value in brackets or braces is JSON (`where='{"column":"age","op":">=","value":40}'`).
 *
 * @example
 * parseAlgorithmParams(['column=income']) // { column: 'income' }
 * parseAlgorithmParams(['column=age', 'edges=18,30,50'], histogram.manifest.params)
 * // { column: 'age', edges: [18, 30, 50] }
 */
export function parseAlgorithmParams(
  raw: readonly string[],
  schema?: unknown,
): Record<string, unknown> {
  if (raw.length === 1 && raw[0]!.trim().startsWith('{')) {
    return parseJson(raw[0]!, 'The parameters are not JSON') as Record<string, unknown>
  }
  const properties = (schema as ValueSchema | undefined)?.properties ?? {}
  const params: Record<string, unknown> = {}
  for (const pair of raw) {
    const match = /^([a-zA-Z_][a-zA-Z0-9_]*)=(.*)$/s.exec(pair)
    if (!match) {
      throw new TriadError('TRIAD_ERR_USAGE', `A parameter is name=value, got ${pair}`, {
        hint: 'For example: `triad buy 1 mean column=value`.',
      })
    }
    const [, name, text] = match as unknown as [string, string, string]
    params[name] = readValue(name, text, properties[name])
  }
  return params
}

function readValue(name: string, text: string, schema: ValueSchema | undefined): unknown {
  const trimmed = text.trim()
  if (trimmed.startsWith('[') || trimmed.startsWith('{'))
    return parseJson(trimmed, `The value of ${name} is not JSON`)
  if (schema === undefined) return text
  if (schema.$ref !== undefined || schema.type === 'object') {
    throw new TriadError('TRIAD_ERR_USAGE', `${name} takes a JSON object, got ${text}`, {
      hint: `For example: ${name}='{"column":"age","op":">=","value":40}' (quote it for the shell).`,
    })
  }
  if (schema.type === 'array') {
    const items = text === '' ? [] : text.split(',')
    return items.map((item, index) =>
      readScalar(item.trim(), schema.prefixItems?.[index] ?? (schema.items || undefined)),
    )
  }
  return readScalar(text, schema)
}

/** A number where the schema takes one (and the text is one), a boolean likewise, else the text. */
function readScalar(text: string, schema: ValueSchema | undefined): unknown {
  const types = new Set(
    [schema?.type, ...(schema?.anyOf ?? []).map((option) => option.type)].filter(Boolean),
  )
  if ((types.has('number') || types.has('integer')) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text))
    return Number(text)
  if (types.has('boolean') && (text === 'true' || text === 'false')) return text === 'true'
  return text
}

function parseJson(text: string, message: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new TriadError('TRIAD_ERR_USAGE', message, {
      details: (error as Error).message,
      hint: `Write them as name=value pairs (column=income, features=age,income) or one JSON object ('{"column":"income"}').`,
    })
  }
}
