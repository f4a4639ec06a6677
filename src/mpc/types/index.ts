/** Secure types: what algorithms compute with. `revealTo` is the only way out. */
export { SecureBitVector } from './SecureBitVector.ts'
export { SecureInt, SecureIntVector } from './SecureIntVector.ts'
export { type Receiver, SecureValue } from './SecureValue.ts'
