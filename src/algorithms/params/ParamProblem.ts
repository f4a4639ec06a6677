/**
 * A problem with an algorithm's parameters, found while reading them against the pool's schema:
 * where (`where.and.1`, `edges`) and what. The algorithm reports it as a TriadError
 * TRIAD_ERR_ALGORITHM_INPUT_INVALID naming itself (see `invalidParams`).
 */
export class ParamProblem extends Error {
  override readonly name = 'ParamProblem'
  readonly path: string
  readonly problem: string
  readonly details: string | undefined

  constructor(path: string, problem: string, details?: string) {
    super(`${path}: ${problem}`)
    this.path = path
    this.problem = problem
    this.details = details
  }
}
