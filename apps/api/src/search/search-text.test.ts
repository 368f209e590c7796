import { describe, expect, it } from 'vitest';
import { buildTsqueries } from './postgres/postgres-search-engine.js';
import { matchesPrefixes } from './search-reference.js';
import { foldForSearch, oneDeletionVariants, queryWords, withinOneEdit } from './search-text.js';
import { TtlCache } from './ttl-cache.js';

describe('foldForSearch', () => {
  it('folds diacritics, case and đ like fold_vi', () => {
    expect(foldForSearch('Cà Phê ĐẶC SẢN Đà Lạt')).toBe('ca phe dac san da lat');
  });

  it('spells a lone y after a consonant as i, as Vietnamese writers do both ways', () => {
    expect(foldForSearch('Quýt Bắc Sơn')).toBe('quit bac son');
    expect(foldForSearch('kỹ thuật, Mỹ Tho, lý do, Sỹ')).toBe('ki thuat, mi tho, li do, si');
    expect(foldForSearch('quý')).toBe(foldForSearch('quí'));
  });

  it('keeps y where it is another sound', () => {
    expect(foldForSearch('tay máy, Thủy, Nguyễn, quyền, yến sào, Huy')).toBe(
      'tay may, thuy, nguyen, quyen, yen sao, huy',
    );
  });
});

describe('queryWords', () => {
  it('splits on anything but letters and digits, drops repeats and caps the count', () => {
    expect(queryWords('  Mật-ong (500g), mật ong!! ')).toEqual(['mat', 'ong', '500g']);
    expect(queryWords('a b c d e f g h i j')).toHaveLength(8);
    expect(queryWords('… — !!')).toEqual([]);
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['thach', 'thach', true],
    ['thsch', 'thach', true], // substitution
    ['thahc', 'thach', true], // adjacent swap
    ['nguyn', 'nguyen', true], // deletion
    ['nguyeen', 'nguyen', true], // insertion
    ['thxxh', 'thach', false], // two edits
    ['trang', 'tranhh', false],
    ['abc', 'abcde', false],
  ])('%s → %s: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});

describe('oneDeletionVariants', () => {
  it('lists the word and each one-letter deletion once', () => {
    expect(oneDeletionVariants('trang').sort()).toEqual(['rang', 'tang', 'trag', 'tran', 'trang', 'trng'].sort());
    expect(oneDeletionVariants('too')).toEqual(['too', 'oo', 'to']);
  });

  it('puts any two words within one edit in touch', () => {
    for (const [a, b] of [
      ['thsch', 'thach'],
      ['thahc', 'thach'],
      ['nguyn', 'nguyen'],
    ]) {
      const shared = oneDeletionVariants(a!).filter((variant) => oneDeletionVariants(b!).includes(variant));
      expect(shared.length, `${a} ${b}`).toBeGreaterThan(0);
    }
  });
});

describe('buildTsqueries', () => {
  it('makes every word a prefix, adds typo candidates, and keeps exact forms for ranking', () => {
    const queries = buildTsqueries(['thsch', 'den'], new Map([['thsch', ['thach']]]));
    expect(queries).toEqual({
      match: '(thsch:* | thach) & den:*',
      matchName: '(thsch:*A | thach:A) & den:*A',
      exactName: 'thsch:A & den:A',
      exactAny: 'thsch | den',
    });
  });

  it('leaves a lone letter inside a query exact, but completes it at the end', () => {
    expect(buildTsqueries(['a', 'b'], new Map()).match).toBe('a & b:*');
    expect(buildTsqueries(['a', 'b'], new Map()).matchName).toBe('a:A & b:*A');
  });
});

describe('matchesPrefixes', () => {
  it('needs every typed word to start a word of the name', () => {
    expect(matchesPrefixes(['xa', 'chi', 'lang'], ['chi', 'la'])).toBe(true);
    expect(matchesPrefixes(['xa', 'chi', 'lang'], ['chi', 'son'])).toBe(false);
  });
});

describe('TtlCache', () => {
  it('expires entries and evicts the least recently used', () => {
    let now = 0;
    const cache = new TtlCache<string, number>(2, 100, () => now);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3); // evicts b, the least recently used
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    now = 100;
    expect(cache.get('a')).toBeUndefined();
  });

  it('stores nothing when its lifetime is zero', () => {
    const cache = new TtlCache<string, number>(10, 0);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
  });
});
