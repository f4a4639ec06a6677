import { orderStatisticAlgorithm } from '../quantiles/orderStatistic.ts'

/** max: The largest value of a numeric column over the rows that pass the filter and have a value. */
export const maxAlgorithm = orderStatisticAlgorithm({
  name: 'max',
  title: 'Maximum',
  summary:
    'The largest value of a numeric column over the rows that pass the filter and have a value.',
  fields: [{ name: 'max', probability: 1 }],
})

export const maxDefinition = maxAlgorithm.definition
