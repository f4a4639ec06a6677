import { TriadError } from '../errors/index.ts'
import type { ColumnSpec, PoolSchema } from '../protocol/schema/index.ts'

/** One cell that breaks the schema. */
export interface DataProblem {
  /** The file (or `rows` for rows given in code). */
  readonly source: string
  /** The line the row starts on, as an editor shows it (the header is line 1); none for rows in code. */
  readonly line: number | undefined
  /** The row's position among the data rows, from 1. */
  readonly row: number
  readonly column: string
  /** The rule the cell breaks, with the cell: "'abc' is not an integer". */
  readonly rule: string
}

/** How many problems an error lists; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 20

/**
 * Rows that do not match the pool schema: TRIAD_ERR_DATA_INVALID with the first 20 problems
 * listed in `details` (one per line: file, line, column, rule) and in `problems`, and the total.
 */
export class DataInvalidError extends TriadError {
  override readonly name = 'DataInvalidError'
  /** The first `MAX_LISTED_PROBLEMS` problems, in row order. */
  readonly problems: readonly DataProblem[]
  /** How many problems there are in all. */
  readonly total: number

  constructor(parameters: {
    source: string
    schema: PoolSchema
    problems: readonly DataProblem[]
    total: number
  }) {
    const { source, problems, total } = parameters
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS)
    const lines = listed.map(formatProblem)
    if (total > listed.length) lines.push(`... and ${total - listed.length} more (${total} in all)`)
    const columns = [...new Set(listed.map((problem) => problem.column))]
    const accepted = parameters.schema.columns
      .filter((spec) => columns.includes(spec.name))
      .map(describeColumn)
    super(
      'TRIAD_ERR_DATA_INVALID',
      `${source}: ${total} ${total === 1 ? 'value does' : 'values do'} not match the pool schema`,
      {
        details: lines.join('\n'),
        hint: `Fix the listed cells and try again. ${accepted.join('; ')}.`,
      },
    )
    this.problems = listed
    this.total = total
  }
}

/**
 * A problem as one line: `data.csv, line 4, age: 'abc' is not an integer`.
 *
 * @example
 * formatProblem({ source: 'data.csv', line: 4, row: 3, column: 'age', rule: "'abc' is not an integer" })
 */
export function formatProblem(problem: DataProblem): string {
  const where = problem.line === undefined ? `row ${problem.row}` : `line ${problem.line}`
  return `${problem.source}, ${where}, ${problem.column}: ${problem.rule}`
}

/**
 * What a column accepts, in words, for hints: `age: an integer from 0 to 120`.
 *
 * @example
 * describeColumn({ name: 'ok', type: 'boolean', nullable: true }) // 'ok: true, false, 1 or 0, or empty'
 */
export function describeColumn(spec: ColumnSpec): string {
  const empty = spec.nullable ? ', or empty' : ' (required)'
  switch (spec.type) {
    case 'integer':
      return `${spec.name}: an integer from ${spec.min} to ${spec.max}${empty}`
    case 'fixed':
      return `${spec.name}: a decimal number from ${spec.min} to ${spec.max}${empty}`
    case 'boolean':
      return `${spec.name}: true, false, 1 or 0${empty}`
    case 'categorical':
      return `${spec.name}: one of ${spec.values.length <= 10 ? spec.values.join(', ') : `${spec.values.length} declared values`}${empty}`
  }
}
