import { orderStatisticAlgorithm } from '../quantiles/orderStatistic.ts'

/** median: The median of a numeric column (the mean of the two middle values when their number is even), over the rows that pass the filter and have a value. */
export const medianAlgorithm = orderStatisticAlgorithm({
  name: 'median',
  title: 'Median',
  summary:
    'The median of a numeric column (the mean of the two middle values when their number is even), over the rows that pass the filter and have a value.',
  fields: [{ name: 'median', probability: 0.5 }],
})

export const medianDefinition = medianAlgorithm.definition
