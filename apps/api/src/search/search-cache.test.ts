import { describe, expect, it } from 'vitest';
import { SearchCache } from './search-cache.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('SearchCache', () => {
  it('serves a fresh value without recomputing it', async () => {
    let now = 0;
    let calls = 0;
    const cache = new SearchCache<number>({ maxEntries: 10, ttlMs: 100, staleMs: 200, now: () => now });
    const compute = async () => ++calls;
    expect(await cache.get('a', compute)).toBe(1);
    now = 99;
    expect(await cache.get('a', compute)).toBe(1);
    expect(calls).toBe(1);
  });

  it('serves a stale value at once and refreshes it in the background', async () => {
    let now = 0;
    const cache = new SearchCache<string>({ maxEntries: 10, ttlMs: 100, staleMs: 200, now: () => now });
    await cache.get('a', async () => 'old');
    now = 150;
    const next = deferred<string>();
    expect(await cache.get('a', () => next.promise)).toBe('old');
    next.resolve('new');
    await next.promise;
    await Promise.resolve();
    expect(await cache.get('a', async () => 'unused')).toBe('new');
  });

  it('recomputes a value older than the stale window while the caller waits', async () => {
    let now = 0;
    const cache = new SearchCache<string>({ maxEntries: 10, ttlMs: 100, staleMs: 200, now: () => now });
    await cache.get('a', async () => 'old');
    now = 300;
    expect(await cache.get('a', async () => 'new')).toBe('new');
  });

  it('recomputes at once when the caller vetoes the cached value', async () => {
    const cache = new SearchCache<string>({ maxEntries: 10, ttlMs: 1000, staleMs: 0 });
    await cache.get('a', async () => 'hidden product');
    expect(
      await cache.get(
        'a',
        async () => 'fresh',
        async (value) => value !== 'hidden product',
      ),
    ).toBe('fresh');
  });

  it('shares one computation between callers asking at once', async () => {
    const cache = new SearchCache<number>({ maxEntries: 10, ttlMs: 1000, staleMs: 0 });
    let calls = 0;
    const slow = deferred<number>();
    const compute = () => {
      calls += 1;
      return slow.promise;
    };
    const both = Promise.all([cache.get('a', compute), cache.get('a', compute)]);
    slow.resolve(7);
    expect(await both).toEqual([7, 7]);
    expect(calls).toBe(1);
  });

  it('evicts the least recently used entry beyond its size', async () => {
    const cache = new SearchCache<string>({ maxEntries: 2, ttlMs: 1000, staleMs: 0 });
    await cache.get('a', async () => 'a');
    await cache.get('b', async () => 'b');
    await cache.get('a', async () => 'a again');
    await cache.get('c', async () => 'c');
    expect(await cache.get('a', async () => 'recomputed')).toBe('a');
    expect(await cache.get('b', async () => 'recomputed')).toBe('recomputed');
  });

  it('computes every time when its lifetime is zero', async () => {
    const cache = new SearchCache<number>({ maxEntries: 10, ttlMs: 0, staleMs: 0 });
    let calls = 0;
    await cache.get('a', async () => ++calls);
    await cache.get('a', async () => ++calls);
    expect(calls).toBe(2);
  });
});
