import { describe, expect, it } from 'vitest';
import { backoffSeconds } from './outbox-worker.js';

describe('outbox backoff', () => {
  const policy = { baseSeconds: 30, maxSeconds: 3600, maxAttempts: 40 };

  it('doubles from the base and stops at the cap', () => {
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((attempt) => backoffSeconds(attempt, policy, noJitter))).toEqual([
      30, 60, 120, 240, 480, 960, 1920, 3600, 3600,
    ]);
  });

  it('adds at most 10 % jitter', () => {
    expect(backoffSeconds(3, policy, () => 0.999)).toBe(132);
    expect(backoffSeconds(30, policy, () => 1)).toBe(3960);
  });
});
