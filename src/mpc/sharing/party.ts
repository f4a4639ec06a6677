/** One of the three computing parties of a committee. */
export type PartyIndex = 0 | 1 | 2

/** The three parties, in order. */
export const partyIndices: readonly PartyIndex[] = [0, 1, 2]

/** True when `value` is 0, 1 or 2. */
export function isPartyIndex(value: unknown): value is PartyIndex {
  return value === 0 || value === 1 || value === 2
}

/** Party i + 1 mod 3. */
export function nextParty(party: PartyIndex): PartyIndex {
  return ((party + 1) % 3) as PartyIndex
}

/** Party i - 1 mod 3. */
export function previousParty(party: PartyIndex): PartyIndex {
  return ((party + 2) % 3) as PartyIndex
}
