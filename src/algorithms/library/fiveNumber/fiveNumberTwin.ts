import { orderStatisticTwin } from '../quantiles/orderStatisticTwin.ts'
import { fiveNumberFields } from './fiveNumber.ts'

/** The plaintext twin of fiveNumber: sort and read off the positions. */
export const fiveNumberTwin = orderStatisticTwin(fiveNumberFields)
