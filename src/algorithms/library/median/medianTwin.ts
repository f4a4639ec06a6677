import { orderStatisticTwin } from '../quantiles/orderStatisticTwin.ts'
import { medianFields } from './median.ts'

/** The plaintext twin of median: sort and read off the positions. */
export const medianTwin = orderStatisticTwin(medianFields)
