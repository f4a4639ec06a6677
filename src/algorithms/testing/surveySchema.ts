import { type PoolSchema, parsePoolSchema } from '../../protocol/schema/index.ts'

/**
 * Test support: a survey-like schema with every column type, nullable and not, and the same with
 * a privacy policy.
 */
export function surveySchema(privacy?: PoolSchema['privacy']): PoolSchema {
  return parsePoolSchema({
    version: 2,
    columns: [
      { name: 'age', type: 'integer', min: 18, max: 100 },
      { name: 'income', type: 'fixed', min: '0', max: '250000', nullable: true },
      { name: 'score', type: 'fixed', min: '-5', max: '5', fractionalBits: 12 },
      { name: 'smoker', type: 'boolean', nullable: true },
      { name: 'region', type: 'categorical', values: ['north', 'south', 'east', 'west'] },
      { name: 'plan', type: 'categorical', values: ['basic', 'plus', 'premium'], nullable: true },
      { name: 'visits', type: 'integer', min: 0, max: 365, nullable: true },
    ],
    ...(privacy === undefined ? {} : { privacy }),
  })
}
