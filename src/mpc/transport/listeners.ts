import type { NetworkEvent, NetworkListener } from './PartyNetwork.ts'

/** The subscribers of one network. A throwing listener is a bug: it surfaces, and the others still run. */
export class Listeners {
  readonly #listeners = new Set<NetworkListener>()

  add(listener: NetworkListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  emit(event: NetworkEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch (error) {
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }
}
