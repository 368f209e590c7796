/**
 * The cache in front of the search engine: least-recently-used, bounded, and stale-while-revalidate.
 *
 * - A value younger than `ttlMs` is served as it is.
 * - A value between `ttlMs` and `ttlMs + staleMs` old is served too, and a recomputation starts in
 *   the background, so a popular query never makes a shopper wait for the engine.
 * - Older values are dropped and recomputed while the caller waits.
 * - Callers asking for the same key at once share one computation (no stampede on expiry).
 *
 * `usable` lets the caller veto a cached value (the service checks that every product on a cached
 * page is still public); a vetoed value is recomputed at once.
 */
export class SearchCache<V> {
  private readonly entries = new Map<string, { value: V; storedAt: number }>();
  private readonly computing = new Map<string, Promise<V>>();

  constructor(private readonly options: { maxEntries: number; ttlMs: number; staleMs: number; now?: () => number }) {}

  get enabled(): boolean {
    return this.options.ttlMs > 0 && this.options.maxEntries > 0;
  }

  async get(key: string, compute: () => Promise<V>, usable?: (value: V) => Promise<boolean>): Promise<V> {
    if (!this.enabled) return compute();
    const entry = this.entries.get(key);
    if (entry) {
      const age = this.now() - entry.storedAt;
      if (age < this.options.ttlMs + this.options.staleMs && (!usable || (await usable(entry.value)))) {
        // Re-inserting keeps the Map in least-recently-used order.
        this.entries.delete(key);
        this.entries.set(key, entry);
        if (age >= this.options.ttlMs) this.compute(key, compute).catch(() => undefined);
        return entry.value;
      }
      if (this.entries.get(key) === entry) this.entries.delete(key);
    }
    return this.compute(key, compute);
  }

  /** True when a value that `get` would serve (fresh or stale) is held for this key. */
  has(key: string): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && this.now() - entry.storedAt < this.options.ttlMs + this.options.staleMs;
  }

  /** Stores a value computed alongside another one. */
  set(key: string, value: V): void {
    if (this.enabled) this.store(key, value);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private compute(key: string, compute: () => Promise<V>): Promise<V> {
    let pending = this.computing.get(key);
    if (!pending) {
      pending = compute()
        .then((value) => {
          this.store(key, value);
          return value;
        })
        .finally(() => this.computing.delete(key));
      this.computing.set(key, pending);
    }
    return pending;
  }

  private store(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, storedAt: this.now() });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
