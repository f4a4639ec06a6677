import { columnName } from './columnName.ts'
import { conditionFormat } from './where.ts'

/** The optional filter every aggregate takes: `where`. */
export const whereParam = conditionFormat.optional()

/** The optional grouping column: one result per category of a categorical or boolean column. */
export const groupByParam = columnName.optional()
