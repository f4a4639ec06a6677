import { type OrderStatisticField, orderStatisticDefinition } from '../quantiles/orderStatistic.ts'

/** median: The median of a numeric column (the mean of the two middle values when their number is even), over the rows that pass the filter and have a value. */
export const medianFields: readonly OrderStatisticField[] = [{ name: 'median', probability: 0.5 }]

/** The definition of median: manifest, layout of the result, decoder. */
export const medianDefinition = orderStatisticDefinition({
  name: 'median',
  title: 'Median',
  summary:
    'The median of a numeric column (the mean of the two middle values when their number is even), over the rows that pass the filter and have a value.',
  fields: medianFields,
})
