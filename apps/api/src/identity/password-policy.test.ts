import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy.js';

describe('passwordProblems', () => {
  it('accepts a long password with a letter and a digit', () => {
    expect(passwordProblems('mật-khẩu-2026')).toEqual([]);
  });

  it('reports each broken rule', () => {
    expect(passwordProblems('abc')).toEqual([
      'password must be at least 10 characters',
      'password must contain a digit',
    ]);
    expect(passwordProblems('1234567890')).toEqual(['password must contain a letter']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblems('ắắắắắắắắ1')).toContain('password must be at least 10 characters');
  });

  it('refuses a password containing the login', () => {
    expect(passwordProblems('lan@example.vn1', ['lan@example.vn'])).toContain(
      'password must not contain your email or phone number',
    );
    expect(passwordProblems('x0912345678', ['+84912345678'])).toContain(
      'password must not contain your email or phone number',
    );
  });
});
