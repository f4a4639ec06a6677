export { cannotReadFile } from './cannotReadFile.ts'
export { type LoadJsonFileOptions, loadJsonFile } from './loadJsonFile.ts'
export { type ReadSecretFileOptions, readSecretFile } from './readSecretFile.ts'
export {
  type ChainConfig,
  type ChainSection,
  type ChainSectionFile,
  chainSectionSchema,
  resolveChainSection,
} from './resolveChainSection.ts'
