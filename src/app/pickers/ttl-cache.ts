// What the pickers read from HubSpot, kept for a while per key (docs/decisions.md §Builder pickers).
// The promise is kept, not the answer: two pickers opening at once share one call. A failed read is
// forgotten at once, so the next picker asks again.

export type TtlCache<T> = {
  /** The held value of `key` if younger than the TTL and no refresh is asked; else `load()`'s. */
  get(key: string, refresh: boolean, load: () => Promise<T>): Promise<T>;
};

export function createTtlCache<T>(deps: { now: () => number; ttlMs: number }): TtlCache<T> {
  const held = new Map<string, { loadedAtMs: number; value: Promise<T> }>();
  return {
    get(key, refresh, load) {
      const entry = held.get(key);
      if (entry && !refresh && deps.now() - entry.loadedAtMs < deps.ttlMs) return entry.value;
      const fresh = { loadedAtMs: deps.now(), value: load() };
      held.set(key, fresh);
      fresh.value.catch(() => {
        if (held.get(key) === fresh) held.delete(key);
      });
      return fresh.value;
    },
  };
}
