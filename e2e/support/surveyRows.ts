import { randomInt } from 'node:crypto'

/** A survey row as a seller's file would hold it (examples/survey.schema.json). */
export type SurveyRow = {
  age: number
  income: string | null
  smoker: boolean | null
  region: string
  visits: number
} & Record<string, unknown>

const regions = ['north', 'south', 'east', 'west']

/** `count` random rows of the example survey schema, some incomes and smoker answers missing. */
export function randomSurveyRows(count: number): SurveyRow[] {
  return Array.from({ length: count }, () => ({
    age: randomInt(18, 101),
    income:
      randomInt(10) === 0
        ? null
        : `${randomInt(8_000, 180_000)}.${randomInt(100).toString().padStart(2, '0')}`,
    smoker: randomInt(8) === 0 ? null : randomInt(3) === 0,
    region: regions[randomInt(regions.length)]!,
    visits: randomInt(0, 40),
  }))
}
