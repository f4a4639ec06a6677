import type { ColumnSpec } from '../../protocol/schema/index.ts'
import { QUANTILE_ONE } from '../numeric/quantileFraction.ts'
import { realValue } from './values.ts'

/** A revealed quantile (the value times 2^16, in the column's encoding) in real units. */
export function quantileValue(revealed: bigint, spec: ColumnSpec): number {
  return realValue(revealed, spec, QUANTILE_ONE)
}
