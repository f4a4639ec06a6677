import type { Session } from '../session/index.ts'
import type { PartyIndex } from '../sharing/index.ts'

/** Test support: runs `run` on each of the three parties' sessions at once. */
export async function onEach<T>(
  sessions: readonly [Session, Session, Session],
  run: (session: Session, party: PartyIndex) => Promise<T> | T,
): Promise<[T, T, T]> {
  const [a, b, c] = await Promise.all(sessions.map((s, i) => run(s, i as PartyIndex)))
  return [a!, b!, c!]
}
