import { describe, expect, it } from 'vitest';
import { readParams, writeParams } from './searchParams';

const read = (query: string) => readParams(new URLSearchParams(query));

describe('search addresses', () => {
  it('reads a shared search with its filters and writes the same address back', () => {
    const params = read(
      'q=mat+ong&stars=5,3&category=mat-ong&commune=06385&price=100k_200k&certificate=vietgap&page=2',
    );
    expect(params).toEqual({
      q: 'mat ong',
      category: 'mat-ong',
      stars: [3, 5],
      commune: '06385',
      price: '100k_200k',
      certificates: ['vietgap'],
      seller: null,
      sort: 'relevance',
      page: 2,
    });
    expect(readParams(writeParams(params))).toEqual(params);
  });

  it('leaves the default order and the first page out of the address', () => {
    expect(writeParams(read('q=hoi')).toString()).toBe('q=hoi');
    expect(writeParams(read('category=gia-vi&sort=newest&page=1')).toString()).toBe('category=gia-vi');
    expect(writeParams(read('q=hoi&sort=price_asc')).toString()).toBe('q=hoi&sort=price_asc');
  });

  it('drops what a hand-edited link gets wrong instead of failing the search', () => {
    expect(read('stars=2,4,x&price=cheap&commune=123&category=Gia+Vi&sort=best&page=0&certificate=iso')).toEqual({
      q: '',
      category: null,
      stars: [4],
      commune: null,
      price: null,
      certificates: [],
      seller: null,
      sort: 'newest',
      page: 1,
    });
    expect(read(`q=${'a'.repeat(200)}`).q).toHaveLength(80);
    expect(read('page=5000').page).toBe(1);
  });
});
