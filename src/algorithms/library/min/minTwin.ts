import { orderStatisticTwin } from '../quantiles/orderStatisticTwin.ts'
import { minFields } from './min.ts'

/** The plaintext twin of min: sort and read off the positions. */
export const minTwin = orderStatisticTwin(minFields)
