import type { QueryRunner } from 'typeorm';

/**
 * The search port. Services talk only to this; the adapter (PostgreSQL by default, Meilisearch when
 * MEILI_URL is set) is chosen by configuration. Both read the same source of truth: the
 * `search_documents` table, one row per product the public may see, maintained in SQL by triggers
 * and the outbox worker (see README.md in this folder).
 */

export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'best_selling'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/**
 * Listed-price bands for the price facet. `search_price_band()` in the search migration computes the
 * same index in SQL; a test keeps the two in step.
 */
export const PRICE_BANDS = [
  { code: 'under_100k', min: 0, max: 99_999, label: 'Dưới 100.000 ₫' },
  { code: '100k_200k', min: 100_000, max: 199_999, label: '100.000 – 200.000 ₫' },
  { code: '200k_500k', min: 200_000, max: 499_999, label: '200.000 – 500.000 ₫' },
  { code: '500k_1m', min: 500_000, max: 999_999, label: '500.000 – 1.000.000 ₫' },
  { code: 'over_1m', min: 1_000_000, max: null, label: 'Từ 1.000.000 ₫' },
] as const;

export const CERTIFICATE_KINDS = ['vietgap', 'globalgap', 'haccp', 'organic', 'food_safety'] as const;

export interface SearchQuery {
  /** What the user typed; folded by the adapter. Empty means "browse": every public product. */
  text: string;
  /** A category code; a parent category includes its subcategories. */
  category?: string;
  /** Verified, unexpired OCOP stars; any of them. */
  stars?: number[];
  commune?: string;
  priceMin?: number;
  priceMax?: number;
  /** Unexpired quality certificate kinds; any of them. */
  certificates?: string[];
  sort: SearchSort;
  page: number;
  pageSize: number;
}

/** A product card, as both engines store it. */
export interface SearchHit {
  id: string;
  slug: string;
  name: string;
  categoryCode: string;
  listPrice: number;
  stars: number | null;
  sellerName: string;
  sellerSlug: string | null;
  communeCode: string | null;
  communeName: string | null;
  imageKey: string | null;
}

/** Counts over everything that matched the query and all filters, keyed by raw value. */
export interface RawFacets {
  /** By leaf category code; the service adds parents. */
  categories: Record<string, number>;
  stars: Record<string, number>;
  communes: Record<string, number>;
  /** By index into PRICE_BANDS. */
  priceBands: Record<string, number>;
  certificates: Record<string, number>;
}

/** Which parts of an answer to compute: a page of hits, and/or the total with the facet counts. */
export interface SearchParts {
  hits: boolean;
  facets: boolean;
}

export interface SearchResult {
  /** The requested page; empty when hits were not asked for. */
  hits: SearchHit[];
  /** Everything that matched, when facets were asked for. */
  total: number | null;
  facets: RawFacets | null;
}

export interface ProductNameSuggestion {
  name: string;
  slug: string;
}

/** How the engine reaches the database inside the outbox worker's transaction. */
export type SqlRunner = Pick<QueryRunner, 'query'>;

export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  /** False when `search_documents` itself is the index; true when documents are copied elsewhere. */
  readonly copiesDocuments: boolean;
  /** Prepares the engine's own storage (index, settings); safe to call on every start. */
  prepare(): Promise<void>;
  /**
   * Makes the engine agree with `search_documents` for these products: present rows are (re)indexed,
   * missing ones removed. Runs inside the worker's copy transaction, so a failure leaves the rows
   * queued to be retried.
   */
  sync(productIds: readonly string[], db: SqlRunner): Promise<void>;
  /** Documents in the engine's own index, or null when `search_documents` is the index. */
  indexedCount(): Promise<number | null>;
  /** Replaces the whole index with the current `search_documents`; returns the number of documents. */
  rebuild(db: SqlRunner): Promise<number>;
  /**
   * The page (sorted, paginated) and the summary (total and facets) are separate parts because they
   * change at different rates: paging or re-sorting keeps the summary, so the service caches them
   * apart and asks only for what it lacks.
   */
  search(query: SearchQuery, parts: SearchParts): Promise<SearchResult>;
  /** Distinct product names whose words start with the typed words, best first. */
  suggestProductNames(text: string, limit: number): Promise<ProductNameSuggestion[]>;
}

export const SEARCH_ENGINE = Symbol('SEARCH_ENGINE');

export function emptyFacets(): RawFacets {
  return { categories: {}, stars: {}, communes: {}, priceBands: {}, certificates: {} };
}
