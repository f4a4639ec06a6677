/**
 * The MPC engine, layered as in MPyC: ring → sharing (arithmetic and boolean) → transport → session → protocols → types.
 * Each layer imports only the ones before it.
 */
export * from './boolean/index.ts'
export * from './protocols/index.ts'
export * from './ring/index.ts'
export * from './session/index.ts'
export * from './sharing/index.ts'
export * from './transport/index.ts'
export * from './types/index.ts'
