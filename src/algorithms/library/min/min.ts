import { orderStatisticAlgorithm } from '../quantiles/orderStatistic.ts'

/** min: The smallest value of a numeric column over the rows that pass the filter and have a value. */
export const minAlgorithm = orderStatisticAlgorithm({
  name: 'min',
  title: 'Minimum',
  summary:
    'The smallest value of a numeric column over the rows that pass the filter and have a value.',
  fields: [{ name: 'min', probability: 0 }],
})

export const minDefinition = minAlgorithm.definition
