import { type OrderStatisticField, orderStatisticDefinition } from '../quantiles/orderStatistic.ts'

/** fiveNumber: Minimum, lower quartile, median, upper quartile and maximum (type-7 quartiles) of a numeric column over the rows that pass the filter and have a value. */
export const fiveNumberFields: readonly OrderStatisticField[] = [
  { name: 'min', probability: 0 },
  { name: 'q1', probability: 0.25 },
  { name: 'median', probability: 0.5 },
  { name: 'q3', probability: 0.75 },
  { name: 'max', probability: 1 },
]

/** The definition of fiveNumber: manifest, layout of the result, decoder. */
export const fiveNumberDefinition = orderStatisticDefinition({
  name: 'fiveNumber',
  title: 'Five-number summary',
  summary:
    'Minimum, lower quartile, median, upper quartile and maximum (type-7 quartiles) of a numeric column over the rows that pass the filter and have a value.',
  fields: fiveNumberFields,
})
