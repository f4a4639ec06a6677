import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  chiSquareSurvival,
  logGamma,
  normalTwoSided,
  regularizedBeta,
  studentTwoSided,
} from './distributions.ts'

const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  )

describe('tail probabilities', () => {
  it('computes ln Γ at integers and halves', () => {
    close(logGamma(1), 0, 1e-13)
    close(logGamma(5), Math.log(24), 1e-12)
    close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-12)
    close(logGamma(101), 363.73937555556347, 1e-9)
  })

  it('matches the closed forms of the incomplete beta function', () => {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b.
    close(regularizedBeta(0.3, 1, 1), 0.3, 1e-13)
    close(regularizedBeta(0.3, 4, 1), 0.3 ** 4, 1e-13)
    close(regularizedBeta(0.3, 1, 6), 1 - 0.7 ** 6, 1e-13)
  })

  it('gives the textbook critical values', () => {
    close(normalTwoSided(1.959963984540054), 0.05, 1e-10)
    close(chiSquareSurvival(3.841458820694124, 1), 0.05, 1e-10)
    close(chiSquareSurvival(11.070497693516351, 5), 0.05, 1e-10)
    close(studentTwoSided(2.2281388519649385, 10), 0.05, 1e-10)
    close(studentTwoSided(12.706204736174707, 1), 0.05, 1e-10)
    // t with 1 degree of freedom is Cauchy: P(|T| ≥ 1) = 1/2.
    close(studentTwoSided(1, 1), 0.5, 1e-13)
    // χ² with 2 degrees of freedom is exponential: P(X ≥ x) = e^(−x/2).
    close(chiSquareSurvival(7, 2), Math.exp(-3.5), 1e-13)
  })
})
