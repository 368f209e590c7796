import { foldVietnamese } from '@ocop/shared';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type SortDirection = 'asc' | 'desc';
export interface SortState<K extends string> {
  key: K;
  direction: SortDirection;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Sorts text the way Vietnamese readers expect (Đ after D, tones ignored first). */
export function compareText(a: string | null | undefined, b: string | null | undefined): number {
  return collator.compare(a ?? '', b ?? '');
}

export function compareNumber(a: number | null | undefined, b: number | null | undefined): number {
  return (a ?? Number.NEGATIVE_INFINITY) - (b ?? Number.NEGATIVE_INFINITY);
}

/** ISO timestamps and dates sort correctly as text. */
export function compareInstant(a: string | null | undefined, b: string | null | undefined): number {
  return (a ?? '').localeCompare(b ?? '');
}

interface ListOptions<T, K extends string> {
  items: readonly T[] | undefined;
  /** The text a search matches, with or without diacritics. */
  searchText: (item: T) => string;
  sorters: Record<K, (a: T, b: T) => number>;
  /** NoInfer: the sorters name the columns; the default must be one of them, not widen them. */
  defaultSort: SortState<NoInfer<K>>;
  pageSize?: number;
}

/**
 * Search, sort and pagination of a list the API gave in full. The state lives in the address
 * (?q=&sort=&dir=&page=), so a reload, a shared link or "back" from a detail page finds the same view.
 */
export function useListView<T, K extends string>({
  items,
  searchText,
  sorters,
  defaultSort,
  pageSize = 20,
}: ListOptions<T, K>) {
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const sortParam = params.get('sort');
  const sort: SortState<K> =
    sortParam && sortParam in sorters
      ? { key: sortParam as K, direction: params.get('dir') === 'desc' ? 'desc' : 'asc' }
      : defaultSort;

  const update = useCallback(
    (changes: Record<string, string | null>, replace = false) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(changes)) {
            if (value === null || value === '') next.delete(name);
            else next.set(name, value);
          }
          return next;
        },
        { replace },
      ),
    [setParams],
  );

  const filtered = useMemo(() => {
    const needle = foldVietnamese(query.trim());
    const matching = needle
      ? (items ?? []).filter((item) => foldVietnamese(searchText(item)).includes(needle))
      : [...(items ?? [])];
    const compare = sorters[sort.key];
    matching.sort((a, b) => (sort.direction === 'asc' ? compare(a, b) : compare(b, a)));
    return matching;
  }, [items, query, searchText, sorters, sort.key, sort.direction]);

  const pageCount = Math.max(1, Math.ceil(filtered.length / pageSize));
  const requestedPage = Number(params.get('page') ?? '1');
  const page = Number.isInteger(requestedPage) && requestedPage >= 1 ? Math.min(requestedPage, pageCount) : 1;

  return {
    query,
    /** Typing replaces the history entry instead of adding one per key. */
    setQuery: (value: string) => update({ q: value, page: null }, true),
    sort,
    toggleSort: (key: K) =>
      update({
        sort: key,
        dir: sort.key === key && sort.direction === 'asc' ? 'desc' : 'asc',
        page: null,
      }),
    page,
    pageCount,
    setPage: (next: number) => update({ page: next > 1 ? String(next) : null }),
    setFilter: (name: string, value: string | null) => update({ [name]: value, page: null }),
    filter: (name: string) => params.get(name),
    visible: filtered.slice((page - 1) * pageSize, page * pageSize),
    matching: filtered.length,
    total: items?.length ?? 0,
  };
}
