/**
 * Pool schemas (version 2): the typed, bounded columns of a pool, their canonical JSON, hash and
 * `data:` URI, the exact decimals of fixed-point bounds and the rule that keeps sums exact.
 * Browser-safe: nothing here imports node:*.
 */
export { canonicalSchemaJson, poolSchemaHash } from './canonicalSchema.ts'
export {
  compareDecimals,
  type Decimal,
  decimalFromBigint,
  decimalToBigint,
  decimalToScaled,
  formatDecimal,
  formatScaled,
  MAX_DECIMAL_EXPONENT,
  MAX_SIGNIFICANT_DIGITS,
  type ParseDecimalResult,
  parseDecimal,
} from './decimal.ts'
export {
  type BooleanColumn,
  type CategoricalColumn,
  type ColumnSpec,
  type ColumnType,
  DEFAULT_FRACTIONAL_BITS,
  encodedRange,
  type FixedColumn,
  type IntegerColumn,
  MAX_CATEGORIES,
  MAX_COLUMNS,
  POOL_SCHEMA_VERSION,
  type PoolSchema,
  type PoolSchemaInput,
  poolSchemaFormat,
} from './PoolSchema.ts'
export { parsePoolSchema } from './parsePoolSchema.ts'
export { poolSchemaFromUri, poolSchemaUri } from './poolSchemaUri.ts'
export {
  DEFAULT_PRIVACY_POLICY,
  decimalFraction,
  MAX_EPSILON_PER_JOB,
  MAX_PRIVACY_BUDGET,
  maxPrivateJobs,
  type PrivacyPolicy,
  privacyBudgetAllows,
  privacyPolicyFormat,
  privacyPolicyOf,
} from './privacyPolicy.ts'
export { MAX_ENCODED_VALUE, MAX_TABLE_ROWS, MIN_ENCODED_VALUE } from './sumBounds.ts'
