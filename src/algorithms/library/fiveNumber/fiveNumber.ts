import { orderStatisticAlgorithm } from '../quantiles/orderStatistic.ts'

/** fiveNumber: Minimum, lower quartile, median, upper quartile and maximum (type-7 quartiles) of a numeric column over the rows that pass the filter and have a value. */
export const fiveNumberAlgorithm = orderStatisticAlgorithm({
  name: 'fiveNumber',
  title: 'Five-number summary',
  summary:
    'Minimum, lower quartile, median, upper quartile and maximum (type-7 quartiles) of a numeric column over the rows that pass the filter and have a value.',
  fields: [
    { name: 'min', probability: 0 },
    { name: 'q1', probability: 0.25 },
    { name: 'median', probability: 0.5 },
    { name: 'q3', probability: 0.75 },
    { name: 'max', probability: 1 },
  ],
})

export const fiveNumberDefinition = fiveNumberAlgorithm.definition
