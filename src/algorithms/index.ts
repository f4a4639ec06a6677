/**
 * The standard library of algorithms, written against the secure types, each with a manifest, a
 * plaintext twin and an id (the hash of its manifest and source). This entry point is for nodes
 * (it includes the secure halves); browser clients import `catalog.ts` and `decodeResult.ts`.
 */
export {
  algorithmCatalog,
  algorithmDefinitions,
  type CatalogEntry,
  decodeBlocks,
  findCatalogEntry,
} from './catalog.ts'
export { type DecodeResultParameters, decodeResult } from './decodeResult.ts'
export type {
  AlgorithmDefinition,
  AlgorithmResult,
  AnyAlgorithmDefinition,
  ColumnRule,
  PublicContext,
  ReleasedBlock,
  ResultValue,
} from './definition/AlgorithmDefinition.ts'
export { canonicalJson } from './definition/canonicalJson.ts'
export {
  type AlgorithmManifest,
  algorithmId,
  hashFile,
  hashSources,
  manifestOf,
} from './definition/manifest.ts'
export { checkParams, decodeParams, encodeParams, parseParams } from './definition/readParams.ts'

import { type Algorithm, findAlgorithm } from './library.ts'

export { sumPlaintext } from './library/sum/sumTwin.ts'
export {
  type Algorithm,
  type AlgorithmRunParameters,
  algorithmLibrary,
  findAlgorithm,
} from './library.ts'
export { type Condition, conditionFormat } from './params/where.ts'
export {
  cryptoRandomSource,
  type RandomSource,
  seededRandomSource,
} from './privacy/RandomSource.ts'
export {
  assertSourceVerified,
  type SourceVerification,
  verifyAlgorithmSources,
} from './sources/verifyAlgorithmSources.ts'

/** The library's `sum`, the algorithm of the demo and the dev market's default pool. */
export const sumAlgorithm: Algorithm = findAlgorithm('sum')
