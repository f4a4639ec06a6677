import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { maskedProducts } from './localProducts.ts'
import { reshareAdditive } from './reshareAdditive.ts'

/**
 * Element-wise product of two shared vectors in one round (Araki et al., CCS 2016). Party i holds
 * (x_i, x_{i+1}) and (y_i, y_{i+1}) and computes its 3-out-of-3 share of the product
 * z_i = x_i·y_i + x_i·y_{i+1} + x_{i+1}·y_i + α_i, with α a fresh zero-sharing; it sends z_i to
 * party i−1 and receives z_{i+1} from party i+1, so its product share is (z_i, z_{i+1}).
 * Cost: one ring element sent per party per element, one round.
 *
 * @leakage none: every message is masked by α.
 * @example
 * const product = await multiply(session, x, y)
 */
export function multiply(
  session: Session,
  x: ReplicatedShare,
  y: ReplicatedShare,
): Promise<ReplicatedShare> {
  return reshareAdditive(session, maskedProducts(session, x, y))
}
