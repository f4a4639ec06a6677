export { generateSealingKeyPair, type SealingKeyPair } from './generateSealingKeyPair.ts'
export { open } from './open.ts'
export { seal } from './seal.ts'
