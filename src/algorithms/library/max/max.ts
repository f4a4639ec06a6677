import { type OrderStatisticField, orderStatisticDefinition } from '../quantiles/orderStatistic.ts'

/** max: The largest value of a numeric column over the rows that pass the filter and have a value. */
export const maxFields: readonly OrderStatisticField[] = [{ name: 'max', probability: 1 }]

/** The definition of max: manifest, layout of the result, decoder. */
export const maxDefinition = orderStatisticDefinition({
  name: 'max',
  title: 'Maximum',
  summary:
    'The largest value of a numeric column over the rows that pass the filter and have a value.',
  fields: maxFields,
})
