/** Secure types: what algorithms compute with. `revealTo` is the only way out. */
export type { PublicInts, PublicReals } from './publicVector.ts'
export { SecureBitVector } from './SecureBitVector.ts'
export { SecureFixed, SecureFixedVector } from './SecureFixedVector.ts'
export { SecureInt, SecureIntVector } from './SecureIntVector.ts'
export { type Receiver, SecureValue } from './SecureValue.ts'
