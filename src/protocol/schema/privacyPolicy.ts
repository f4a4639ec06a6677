import { z } from 'zod'
import { compareDecimals, type Decimal, formatDecimal, parseDecimal } from './decimal.ts'
import { MAX_TABLE_ROWS } from './sumBounds.ts'

/** The largest epsilon a pool may spend on one job, and the largest budget it may declare. */
export const MAX_EPSILON_PER_JOB = '10'
export const MAX_PRIVACY_BUDGET = '1000'

const positiveDecimal = (what: string, max: string) =>
  z
    .string({ error: `${what} is a decimal number written as a string, such as "0.5"` })
    .transform((value, context) => {
      const parsed = parseDecimal(value)
      if (!parsed.ok) {
        context.addIssue({ code: 'custom', message: `"${value}" is not a decimal number` })
        return z.NEVER
      }
      const limit = decimalOf(max)
      if (parsed.value.negative || parsed.value.digits === 0n) {
        context.addIssue({ code: 'custom', message: `${what} must be above 0` })
        return z.NEVER
      }
      if (compareDecimals(parsed.value, limit) > 0) {
        context.addIssue({ code: 'custom', message: `${what} must be at most ${max}` })
        return z.NEVER
      }
      return formatDecimal(parsed.value)
    })

/**
 * The privacy policy of a pool, part of its schema (so it is hashed and committed on chain with
 * the columns). `minRows`: every released number must have at least this many rows behind it,
 * checked inside the MPC (default 1: nothing is computed over no rows). `differentialPrivacy`:
 * calibrated noise inside the MPC, `epsilonPerJob` spent by every job, at most `budget` in all.
 */
export const privacyPolicyFormat = z.strictObject({
  minRows: z.number().int().min(1).max(MAX_TABLE_ROWS).default(1),
  differentialPrivacy: z
    .strictObject({
      epsilonPerJob: positiveDecimal('epsilonPerJob', MAX_EPSILON_PER_JOB),
      budget: positiveDecimal('budget', MAX_PRIVACY_BUDGET),
    })
    .refine((dp) => compareDecimals(decimalOf(dp.budget), decimalOf(dp.epsilonPerJob)) >= 0, {
      message: 'the budget must be at least epsilonPerJob',
      path: ['budget'],
    })
    .optional(),
})

/** A pool's privacy policy with its defaults filled in. */
export type PrivacyPolicy = z.output<typeof privacyPolicyFormat>

/** The policy of a pool whose schema declares none: at least one row behind every number, no DP. */
export const DEFAULT_PRIVACY_POLICY: PrivacyPolicy = { minRows: 1 }

/**
 * The privacy policy a schema declares, or the default one.
 *
 * @example
 * privacyPolicyOf(schema).minRows // 1 unless the schema says otherwise
 */
export function privacyPolicyOf(schema: { readonly privacy?: PrivacyPolicy }): PrivacyPolicy {
  return schema.privacy ?? DEFAULT_PRIVACY_POLICY
}

/**
 * How many jobs a pool with differential privacy may run: ⌊budget / epsilonPerJob⌋ (every job
 * spends the same epsilon), or `undefined` (no limit) without differential privacy.
 *
 * @example
 * maxPrivateJobs({ minRows: 5, differentialPrivacy: { epsilonPerJob: '0.5', budget: '3' } }) // 6n
 */
export function maxPrivateJobs(policy: PrivacyPolicy): bigint | undefined {
  const dp = policy.differentialPrivacy
  if (dp === undefined) return undefined
  const [budget, epsilon] = [decimalOf(dp.budget), decimalOf(dp.epsilonPerJob)]
  const exponent = Math.min(budget.exponent, epsilon.exponent)
  const scaled = (d: Decimal) => d.digits * 10n ** BigInt(d.exponent - exponent)
  return scaled(budget) / scaled(epsilon)
}

/**
 * Whether a pool's privacy budget still pays for its job number `sequence` (0-based, in the
 * pool): always without differential privacy, else while sequence < ⌊budget / epsilonPerJob⌋.
 * Deterministic from public data (the policy is in the schema, the sequence on chain), so every
 * honest node decides the same.
 *
 * @example
 * privacyBudgetAllows(policy, 5n) // false when budget / epsilonPerJob is 5
 */
export function privacyBudgetAllows(policy: PrivacyPolicy, sequence: bigint): boolean {
  const jobs = maxPrivateJobs(policy)
  return jobs === undefined || sequence < jobs
}

/**
 * A positive decimal as the exact fraction numerator / denominator.
 *
 * @example
 * decimalFraction('0.25') // { numerator: 25n, denominator: 100n }
 */
export function decimalFraction(text: string): { numerator: bigint; denominator: bigint } {
  const value = decimalOf(text)
  const sign = value.negative ? -1n : 1n
  return value.exponent >= 0
    ? { numerator: sign * value.digits * 10n ** BigInt(value.exponent), denominator: 1n }
    : { numerator: sign * value.digits, denominator: 10n ** BigInt(-value.exponent) }
}

function decimalOf(text: string): Decimal {
  const parsed = parseDecimal(text)
  if (!parsed.ok) throw new Error(`not a decimal: ${text}`)
  return parsed.value
}
