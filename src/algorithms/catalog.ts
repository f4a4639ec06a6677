import type { Hex } from 'viem'
import { TriadError } from '../errors/index.ts'
import type {
  AlgorithmResult,
  AnyAlgorithmDefinition,
  ReleasedBlock,
} from './definition/AlgorithmDefinition.ts'
import { type AlgorithmManifest, algorithmId, manifestOf } from './definition/manifest.ts'
import { algorithmSources } from './generated/algorithmSources.ts'
import { chiSquareDefinition } from './library/chiSquare/chiSquare.ts'
import { correlationDefinition } from './library/correlation/correlation.ts'
import { countDefinition } from './library/count/count.ts'
import { covarianceDefinition } from './library/covariance/covariance.ts'
import { fiveNumberDefinition } from './library/fiveNumber/fiveNumber.ts'
import { frequencyDefinition } from './library/frequency/frequency.ts'
import { histogramDefinition } from './library/histogram/histogram.ts'
import { linearRegressionDefinition } from './library/linearRegression/linearRegression.ts'
import { mannWhitneyDefinition } from './library/mannWhitney/mannWhitney.ts'
import { maxDefinition } from './library/max/max.ts'
import { meanDefinition } from './library/mean/mean.ts'
import { medianDefinition } from './library/median/median.ts'
import { minDefinition } from './library/min/min.ts'
import { quantilesDefinition } from './library/quantiles/quantiles.ts'
import { stddevDefinition } from './library/stddev/stddev.ts'
import { sumDefinition } from './library/sum/sum.ts'
import { tTestDefinition } from './library/tTest/tTest.ts'

import { varianceDefinition } from './library/variance/variance.ts'

/** The definitions of the standard library, in the order the docs list them. */
export const algorithmDefinitions: readonly AnyAlgorithmDefinition[] = [
  countDefinition,
  sumDefinition,
  meanDefinition,
  varianceDefinition,
  stddevDefinition,
  minDefinition,
  maxDefinition,
  medianDefinition,
  quantilesDefinition,
  fiveNumberDefinition,
  histogramDefinition,
  frequencyDefinition,
  covarianceDefinition,
  correlationDefinition,
  linearRegressionDefinition,
  tTestDefinition,
  chiSquareDefinition,
  mannWhitneyDefinition,
]

/** An algorithm as clients know it: definition, manifest, source hash and id. Browser-safe. */
export interface CatalogEntry {
  readonly id: Hex
  readonly manifest: AlgorithmManifest
  readonly definition: AnyAlgorithmDefinition
  /** The hash of its source files at build time (`generated/algorithmSources.ts`). */
  readonly sourceHash: Hex
  /** Its source files, repository-relative. */
  readonly files: readonly string[]
}

const missingSource: Hex = `0x${'00'.repeat(32)}`

function entryOf(definition: AnyAlgorithmDefinition): CatalogEntry {
  const manifest = manifestOf(definition)
  const source = algorithmSources[definition.name]
  const sourceHash = source?.sourceHash ?? missingSource
  return {
    id: algorithmId(manifest, sourceHash),
    manifest,
    definition,
    sourceHash,
    files: source?.files ?? [],
  }
}

/** Every algorithm of the standard library, by id. Pools allow these ids on chain. */
export const algorithmCatalog: ReadonlyMap<Hex, CatalogEntry> = new Map(
  algorithmDefinitions.map((definition) => {
    const entry = entryOf(definition)
    return [entry.id, entry]
  }),
)

/**
 * The catalog entry of an algorithm, by id (what the chain names) or by name.
 *
 * @throws TriadError TRIAD_ERR_ALGORITHM_UNKNOWN listing the known ones.
 * @example
 * const mean = findCatalogEntry('mean')
 * const same = findCatalogEntry(mean.id)
 */
export function findCatalogEntry(idOrName: string): CatalogEntry {
  const key = idOrName.toLowerCase()
  for (const entry of algorithmCatalog.values())
    if (entry.id === key || entry.manifest.name === idOrName) return entry
  throw new TriadError('TRIAD_ERR_ALGORITHM_UNKNOWN', 'No algorithm in the library has this id', {
    details: idOrName,
    hint: `Known: ${[...algorithmCatalog.values()].map((entry) => `${entry.manifest.name} ${entry.id}`).join(', ')}`,
  })
}

/**
 * Splits a revealed result into its blocks (values, then the guard bit) and decodes it.
 *
 * @throws TriadError TRIAD_ERR_SHARES_DISAGREE when the length or a guard bit is not what the
 * layout says (the nodes did not run this algorithm on these parameters).
 */
export function decodeBlocks(
  values: readonly bigint[],
  layout: { readonly blocks: number; readonly valuesPerBlock: number },
): ReleasedBlock[] {
  const width = layout.valuesPerBlock + 1
  if (values.length !== layout.blocks * width)
    throw new TriadError(
      'TRIAD_ERR_SHARES_DISAGREE',
      'The result does not have the expected layout',
      {
        details: `${values.length} values; expected ${layout.blocks} blocks of ${width}`,
      },
    )
  return Array.from({ length: layout.blocks }, (_, g) => {
    const ok = values[g * width + layout.valuesPerBlock]!
    if (ok !== 0n && ok !== 1n)
      throw new TriadError('TRIAD_ERR_SHARES_DISAGREE', 'A guard bit of the result is not 0 or 1', {
        details: `block ${g}: ${ok}`,
      })
    return { ok: ok === 1n, values: values.slice(g * width, g * width + layout.valuesPerBlock) }
  })
}

export type { AlgorithmResult }
