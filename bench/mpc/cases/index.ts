import type { BenchCase } from '../BenchCase.ts'
import { divideByPublicCase } from './divideByPublic.ts'
import { dotProductCase } from './dotProduct.ts'
import { equalCase } from './equal.ts'
import { gramMatrixCase } from './gramMatrix.ts'
import { lessThanCase } from './lessThan.ts'
import { multiplyCase } from './multiply.ts'
import { multiplyFixedCase } from './multiplyFixed.ts'
import { reciprocalFixedCase } from './reciprocalFixed.ts'
import { sortByKeyCase } from './sortByKey.ts'
import { sortByKeyNarrowCase } from './sortByKeyNarrow.ts'

/**
 * Every case of `npm run bench:mpc`, in the order they run. To add an operation, write
 * `cases/<operation>.ts` exporting a BenchCase and list it here.
 */
export const benchCases: readonly BenchCase[] = [
  multiplyCase,
  dotProductCase,
  multiplyFixedCase,
  gramMatrixCase,
  divideByPublicCase,
  reciprocalFixedCase,
  lessThanCase,
  equalCase,
  sortByKeyCase,
  sortByKeyNarrowCase,
]
