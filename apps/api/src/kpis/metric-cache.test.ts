import { describe, expect, it } from 'vitest';
import { MetricCache, QueryMemo } from './metric-cache.js';

describe('MetricCache', () => {
  const counter = () => {
    let calls = 0;
    return { load: () => Promise.resolve(++calls), calls: () => calls };
  };

  it('answers from the cache within the TTL, and serves a stale answer once while refreshing', async () => {
    const cache = new MetricCache(1_000);
    const source = counter();
    expect(await cache.get('k', source.load, 0).value).toBe(1);
    expect(await cache.get('k', source.load, 999).value).toBe(1);
    expect(source.calls()).toBe(1);
    // Past the TTL: the old answer, while the new one is computed in the background.
    const stale = cache.get('k', source.load, 1_500);
    expect(stale.at).toBe(0);
    expect(await stale.value).toBe(1);
    await Promise.resolve();
    expect(source.calls()).toBe(2);
    const fresh = cache.get('k', source.load, 1_600);
    expect(fresh.at).toBe(1_500);
    expect(await fresh.value).toBe(2);
  });

  it('never serves an answer older than twice the TTL, and forgets failures', async () => {
    const cache = new MetricCache(1_000);
    const source = counter();
    await cache.get('k', source.load, 0).value;
    expect(await cache.get('k', source.load, 2_000).value).toBe(2);
    const failing = cache.get('f', () => Promise.reject(new Error('boom')), 0);
    await expect(failing.value).rejects.toThrow('boom');
    expect(await cache.get('f', source.load, 1).value).toBe(3);
  });

  it('keeps nothing with a TTL of 0, but one request still asks each question once', async () => {
    const source = counter();
    const cache = new MetricCache(0);
    await cache.get('k', source.load).value;
    await cache.get('k', source.load).value;
    expect(source.calls()).toBe(2);
    const memo = new QueryMemo(null);
    await Promise.all([memo.run('k', source.load), memo.run('k', source.load)]);
    expect(source.calls()).toBe(3);
  });
});
