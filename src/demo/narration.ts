/** The steps of a market round, numbered as in the architecture brief (0 is the set-up). */
export const roundSteps = {
  0: 'set-up',
  1: 'sellers contribute',
  2: 'buyer requests a job',
  3: 'bridge hands the job to the nodes',
  4: 'nodes compute on shares',
  5: 'nodes seal, sign; contract verifies',
  6: 'buyer opens the result',
  7: 'payment released',
  8: 'sellers, nodes and market credited',
} as const

export type RoundStep = keyof typeof roundSteps

/** Tells what is happening at a step of the round. */
export type Narrate = (step: RoundStep, message: string) => void
