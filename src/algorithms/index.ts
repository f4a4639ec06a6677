/** The standard library of algorithms, written against the secure types. */
export { algorithmLibrary, findAlgorithm } from './library.ts'
export {
  type Algorithm,
  type AlgorithmManifest,
  type AlgorithmRunParameters,
  algorithmId,
  type ColumnParam,
  canonicalJson,
  type ParamSpec,
  type ValueType,
} from './manifest.ts'
export {
  type AlgorithmParams,
  checkAlgorithmParams,
  decodeAlgorithmParams,
  encodeAlgorithmParams,
} from './params.ts'
export { type RunSumParameters, runSum, sumAlgorithm, sumManifest, sumPlaintext } from './sum.ts'
