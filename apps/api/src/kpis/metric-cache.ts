/**
 * Query results behind the KPIs, shared by the KPIs of one dashboard and, for a short time, by the
 * dashboards that follow.
 *
 * One dashboard asks the same question many times: three KPIs read the active sellers, two the
 * payments, two the listed products, and a trend point of one period is the previous period of the
 * next. Within a request every identical question is asked once (`QueryMemo`). Across requests the
 * answers are kept `ttlMs` (KPI_CACHE_TTL_MS; 0 keeps nothing), so a dashboard opened by several
 * officers, or re-opened with another commune, does not recompute the province's year each time.
 * An answer older than the TTL (but younger than twice the TTL) is still served once while a fresh
 * one is computed in the background, so a dashboard in steady use never waits for a full
 * recomputation; no answer older than twice the TTL is ever served.
 * External figures and the plan's targets are never cached: they are read on every request, so an
 * officer who enters a figure sees it at once. The dashboard says how old its platform figures are
 * (`computedAt`).
 */
interface Entry<T> {
  /** When the answer was asked for (epoch ms). */
  at: number;
  value: Promise<T>;
  settled: boolean;
  refreshing: boolean;
}

export class MetricCache {
  private readonly entries = new Map<string, Entry<unknown>>();

  constructor(readonly ttlMs: number) {}

  get<T>(key: string, load: () => Promise<T>, now = Date.now()): Entry<T> {
    const hit = this.entries.get(key) as Entry<T> | undefined;
    if (hit && now - hit.at < this.ttlMs) return hit;
    if (hit && now - hit.at < 2 * this.ttlMs && hit.settled) {
      if (!hit.refreshing) {
        hit.refreshing = true;
        // Replaced only once the new answer is in; until then the old one is served.
        const fresh = this.entry(now, load);
        fresh.value.then(
          () => this.entries.get(key) === hit && this.entries.set(key, fresh),
          () => (hit.refreshing = false),
        );
      }
      return hit;
    }
    const entry = this.entry(now, load);
    if (this.ttlMs > 0) {
      if (this.entries.size >= 5_000) this.sweep(now);
      this.entries.set(key, entry);
      // A failed query is not an answer: the next request asks again.
      entry.value.catch(() => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      });
    }
    return entry;
  }

  private entry<T>(at: number, load: () => Promise<T>): Entry<T> {
    const entry: Entry<T> = { at, value: load(), settled: false, refreshing: false };
    entry.value.then(
      () => (entry.settled = true),
      () => undefined,
    );
    return entry;
  }

  clear(): void {
    this.entries.clear();
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.entries) if (now - entry.at >= 2 * this.ttlMs) this.entries.delete(key);
    // Still full of fresh entries (many communes × periods): start again rather than grow without bound.
    if (this.entries.size >= 5_000) this.entries.clear();
  }
}

/** The questions of one request, and the time of the oldest answer it used. */
export class QueryMemo {
  private readonly local = new Map<string, Promise<unknown>>();
  private oldestAt = Number.POSITIVE_INFINITY;

  constructor(private readonly cache: MetricCache | null = null) {}

  /** When the oldest answer used was computed (epoch ms); now when nothing was asked. */
  get oldest(): number {
    return Number.isFinite(this.oldestAt) ? this.oldestAt : Date.now();
  }

  run<T>(key: string, load: () => Promise<T>): Promise<T> {
    const known = this.local.get(key);
    if (known) return known as Promise<T>;
    let value: Promise<T>;
    if (this.cache) {
      const entry = this.cache.get(key, load);
      this.oldestAt = Math.min(this.oldestAt, entry.at);
      value = entry.value;
    } else {
      this.oldestAt = Math.min(this.oldestAt, Date.now());
      value = load();
    }
    this.local.set(key, value);
    return value;
  }
}
