import type { ResultValue } from '../algorithms/definition/AlgorithmDefinition.ts'

type ResultObject = { readonly [key: string]: ResultValue }

/**
 * An algorithm's result for people: one line for a single number (`sum of visits = 77`),
 * else its fields as aligned lines, nested objects indented, lists of records (histogram bins)
 * as a table. `--json` prints the same result as JSON.
 *
 * @example
 * formatResult('mean of age', { count: 19, mean: 41.2 })
 * // ['mean of age', '  count  19', '  mean   41.2']
 */
export function formatResult(description: string, value: ResultObject): string[] {
  const entries = Object.entries(value)
  if (entries.length === 1 && isScalar(entries[0]![1]))
    return [`${description} = ${scalarText(entries[0]![1])}`]
  return [description, ...objectLines(value, '  ')]
}

function objectLines(value: ResultObject, indent: string): string[] {
  const entries = Object.entries(value)
  const width = Math.max(
    0,
    ...entries.filter(([, item]) => isScalar(item)).map(([key]) => key.length),
  )
  const lines: string[] = []
  for (const [key, item] of entries) {
    if (isScalar(item)) lines.push(`${indent}${key.padEnd(width)}  ${scalarText(item)}`)
    else if (Array.isArray(item)) {
      if (item.every(isScalar))
        lines.push(`${indent}${key.padEnd(width)}  ${item.map(scalarText).join(', ')}`)
      else {
        lines.push(`${indent}${key}`)
        lines.push(...tableLines(item as readonly ResultValue[], `${indent}  `))
      }
    } else {
      lines.push(`${indent}${key}`)
      lines.push(...objectLines(item as ResultObject, `${indent}  `))
    }
  }
  return lines
}

/** A list of records as a table (columns from the first record); anything else as JSON lines. */
function tableLines(items: readonly ResultValue[], indent: string): string[] {
  const records = items.filter(
    (item): item is ResultObject =>
      typeof item === 'object' && item !== null && !Array.isArray(item),
  )
  if (
    records.length !== items.length ||
    !records.every((record) => Object.values(record).every(isScalar))
  )
    return items.map((item) => `${indent}${JSON.stringify(item)}`)
  const header = [...new Set(records.flatMap((record) => Object.keys(record)))]
  const rows = records.map((record) => header.map((key) => scalarText(record[key] ?? null)))
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  )
  return [header, ...rows].map(
    (row) =>
      `${indent}${row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd()}`,
  )
}

function isScalar(value: ResultValue): value is number | string | boolean | null {
  return value === null || typeof value !== 'object'
}

function scalarText(value: ResultValue): string {
  if (value === null) return 'null'
  return typeof value === 'string' ? value : String(value)
}
