import { type OrderStatisticField, orderStatisticDefinition } from '../quantiles/orderStatistic.ts'

/** min: The smallest value of a numeric column over the rows that pass the filter and have a value. */
export const minFields: readonly OrderStatisticField[] = [{ name: 'min', probability: 0 }]

/** The definition of min: manifest, layout of the result, decoder. */
export const minDefinition = orderStatisticDefinition({
  name: 'min',
  title: 'Minimum',
  summary:
    'The smallest value of a numeric column over the rows that pass the filter and have a value.',
  fields: minFields,
})
