/** Sessions: one computation, its step-addressed messages and its correlated randomness. */
export {
  type CreateSessionMuxParameters,
  createSessionMux,
  type OpenSessionParameters,
  type SessionMux,
} from './createSessionMux.ts'
export type { Session } from './Session.ts'
export { sessionIdForJob } from './sessionId.ts'
