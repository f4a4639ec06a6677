import { orderStatisticTwin } from '../quantiles/orderStatisticTwin.ts'
import { maxFields } from './max.ts'

/** The plaintext twin of max: sort and read off the positions. */
export const maxTwin = orderStatisticTwin(maxFields)
