import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const box = SecretBox.fromKey(randomBytes(32).toString('hex'));

  it('round-trips and never repeats a ciphertext', () => {
    const a = box.seal('{"password":"bí mật"}', 'org-1');
    const b = box.seal('{"password":"bí mật"}', 'org-1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('bí mật');
    expect(box.open(a, 'org-1')).toBe('{"password":"bí mật"}');
  });

  it('refuses another context, another key and a tampered value', () => {
    const sealed = box.seal('secret', 'org-1');
    expect(() => box.open(sealed, 'org-2')).toThrow();
    expect(() => SecretBox.derivedFrom('x'.repeat(32)).open(sealed, 'org-1')).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => box.open(`v1.${raw.toString('base64')}`, 'org-1')).toThrow();
  });

  it('accepts a base64 key and refuses a short one', () => {
    expect(() => SecretBox.fromKey(randomBytes(32).toString('base64'))).not.toThrow();
    expect(() => SecretBox.fromKey('c2hvcnQ=')).toThrow(/32 bytes/);
  });
});
