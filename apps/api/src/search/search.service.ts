import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';
import { FILE_STORAGE, type FileStorage } from '../storage/file-storage.js';
import {
  type CategoryFacetDto,
  type SearchFacetsDto,
  type SearchItemDto,
  type SearchPageDto,
  type SearchQueryDto,
  type SuggestionDto,
} from './dto/search.dto.js';
import { SearchCache } from './search-cache.js';
import {
  CERTIFICATE_KINDS,
  emptyFacets,
  PRICE_BANDS,
  type RawFacets,
  SEARCH_ENGINE,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from './search-engine.js';
import { matchesPrefixes, SearchReference } from './search-reference.js';
import { queryWords } from './search-text.js';

const CERTIFICATE_NAMES: Record<(typeof CERTIFICATE_KINDS)[number], string> = {
  vietgap: 'VietGAP',
  globalgap: 'GlobalG.A.P.',
  haccp: 'HACCP',
  organic: 'Hữu cơ',
  food_safety: 'An toàn thực phẩm',
};

/** One collator: `localeCompare(…, 'vi')` would build a new one for every comparison. */
const VIETNAMESE = new Intl.Collator('vi');
const MAX_SUGGESTIONS = 8;
const MAX_PLACE_SUGGESTIONS = 2;
const PAGE_ENTRIES = 20_000;
const SUMMARY_ENTRIES = 10_000;

/**
 * Search as the public API serves it: the engine's answer with names on the facets and URLs on the
 * images, behind a cache (SEARCH_CACHE_TTL_MS, stale-while-revalidate: see search-cache.ts).
 *
 * The cache may make totals, facet counts and the order of a page a little old (at most three
 * TTLs), never the products shown: a cached page is used only after checking, with one primary-key lookup, that each of its
 * products still has a document. Documents of unpublished products and suspended sellers are
 * deleted in the transaction that hides them, so that check is exact. Pages from Meilisearch,
 * which learns of changes a moment later through the outbox, go through the same check.
 */
@Injectable()
export class SearchService {
  /** Pages: sorted, paginated product cards. */
  private readonly pages: SearchCache<SearchItemDto[]>;
  /** Summaries: total and facet counts, shared by every sort and page of the same query. */
  private readonly summaries: SearchCache<{ total: number; facets: SearchFacetsDto }>;
  private pendingChecks: { ids: string[]; resolve: (found: Set<string>) => void; reject: (error: unknown) => void }[] =
    [];

  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly reference: SearchReference,
  ) {
    const ttlMs = config.SEARCH_CACHE_TTL_MS;
    this.pages = new SearchCache({ maxEntries: PAGE_ENTRIES, ttlMs, staleMs: 2 * ttlMs });
    this.summaries = new SearchCache({ maxEntries: SUMMARY_ENTRIES, ttlMs, staleMs: 2 * ttlMs });
  }

  async search(dto: SearchQueryDto): Promise<SearchPageDto> {
    if (dto.priceMin !== undefined && dto.priceMax !== undefined && dto.priceMin > dto.priceMax) {
      throw new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
        { field: 'priceMax', messages: ['priceMax must not be below priceMin'] },
      ]);
    }
    const query: SearchQuery = {
      text: dto.q ?? '',
      category: dto.category,
      stars: dto.stars?.length ? [...new Set(dto.stars)].sort() : undefined,
      commune: dto.commune,
      priceMin: dto.priceMin,
      priceMax: dto.priceMax,
      certificates: dto.certificate?.length ? [...new Set(dto.certificate)].sort() : undefined,
      sort: dto.sort ?? 'relevance',
      page: dto.page ?? 1,
      pageSize: dto.pageSize ?? 24,
    };
    const matchKey = JSON.stringify([
      queryWords(query.text).join(' '),
      query.category,
      query.stars,
      query.commune,
      query.priceMin,
      query.priceMax,
      query.certificates,
    ]);
    const pageKey = JSON.stringify([matchKey, query.sort, query.page, query.pageSize]);

    if (!this.pages.enabled) {
      // No cache: one engine call for both parts (one statement in PostgreSQL).
      const result = await this.engine.search(query, { hits: true, facets: true });
      const summary = await this.describeSummary(result);
      const items = await this.visibleItems(result.hits);
      return { items, total: summary.total, page: query.page, pageSize: query.pageSize, facets: summary.facets };
    }
    // Cached as response objects, so that a hit costs two lookups and the visibility check.
    const items = await this.pages.get(
      pageKey,
      () => this.computePage(query, matchKey),
      async (cached) => {
        if ((await this.stillPublic(cached.map((item) => item.id))).size === cached.length) return true;
        // Something on the page was hidden: the counts that included it are recomputed with it.
        this.summaries.delete(matchKey);
        return false;
      },
    );
    const summary = await this.summaries.get(matchKey, async () =>
      this.describeSummary(await this.engine.search(query, { hits: false, facets: true })),
    );
    return { items, total: summary.total, page: query.page, pageSize: query.pageSize, facets: summary.facets };
  }

  async suggest(text: string): Promise<SuggestionDto[]> {
    const typed = queryWords(text);
    if (typed.length === 0) return [];
    const [categories, communes] = await Promise.all([this.reference.categories(), this.reference.publicCommunes()]);
    const places: SuggestionDto[] = [
      ...categories
        .filter((category) => matchesPrefixes(category.words, typed))
        .slice(0, MAX_PLACE_SUGGESTIONS)
        .map((category) => ({ type: 'category' as const, label: category.name, value: category.code })),
      ...communes
        .filter((commune) => matchesPrefixes(commune.words, typed))
        .slice(0, MAX_PLACE_SUGGESTIONS)
        .map((commune) => ({ type: 'commune' as const, label: commune.name, value: commune.code })),
    ];
    const names = await this.engine.suggestProductNames(text, MAX_SUGGESTIONS - places.length);
    // Meilisearch may still hold a product hidden a moment ago.
    const visible =
      this.engine.name === 'postgres' ? null : await this.stillPublicSlugs(names.map((name) => name.slug));
    const products = names
      .filter((name) => visible === null || visible.has(name.slug))
      .map((name) => ({ type: 'product' as const, label: name.name, value: name.slug }));
    return [...products, ...places].slice(0, MAX_SUGGESTIONS);
  }

  /** A page, and the summary with it when that is missing too: one engine call instead of two. */
  private async computePage(query: SearchQuery, matchKey: string): Promise<SearchItemDto[]> {
    const withSummary = this.summaries.enabled && !this.summaries.has(matchKey);
    const result = await this.engine.search(query, { hits: true, facets: withSummary });
    if (withSummary && result.facets) this.summaries.set(matchKey, await this.describeSummary(result));
    return this.visibleItems(result.hits);
  }

  /**
   * Meilisearch may still hold a product hidden a moment ago; PostgreSQL answers from the same
   * transactional table the check would read, so its hits need no check.
   */
  private async visibleItems(hits: SearchHit[]): Promise<SearchItemDto[]> {
    if (this.engine.name !== 'postgres') {
      const visible = await this.stillPublic(hits.map((hit) => hit.id));
      hits = hits.filter((hit) => visible.has(hit.id));
    }
    return hits.map((hit) => this.toItem(hit));
  }

  /**
   * Which of these products still have a document. Runs for every cached answer, so the checks of
   * all requests that arrive in one turn of the event loop share one query (each query still starts
   * after its requests arrived, so it sees every commit they could have followed), and that query is
   * a named prepared statement on the driver's pool, parsed and planned once per connection.
   */
  private stillPublic(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return Promise.resolve(new Set());
    return new Promise((resolve, reject) => {
      this.pendingChecks.push({ ids, resolve, reject });
      if (this.pendingChecks.length === 1) setImmediate(() => this.runChecks());
    });
  }

  private async runChecks(): Promise<void> {
    const checks = this.pendingChecks;
    this.pendingChecks = [];
    try {
      const ids = [...new Set(checks.flatMap((check) => check.ids))];
      const text = 'SELECT product_id FROM search_documents WHERE product_id = ANY($1::uuid[])';
      const pool = (this.db.driver as unknown as { master?: pg.Pool }).master;
      const rows = pool
        ? (await pool.query<{ product_id: string }>({ name: 'search_still_public', text, values: [ids] })).rows
        : ((await this.db.query(text, [ids])) as { product_id: string }[]);
      const found = new Set(rows.map((row) => row.product_id));
      for (const check of checks) check.resolve(new Set(check.ids.filter((id) => found.has(id))));
    } catch (error) {
      for (const check of checks) check.reject(error);
    }
  }

  private async stillPublicSlugs(slugs: string[]): Promise<Set<string>> {
    if (slugs.length === 0) return new Set();
    const rows = (await this.db.query(
      'SELECT d.slug FROM products p JOIN search_documents d ON d.product_id = p.id WHERE p.slug = ANY($1::text[])',
      [slugs],
    )) as { slug: string }[];
    return new Set(rows.map((row) => row.slug));
  }

  private toItem(hit: SearchHit): SearchItemDto {
    return {
      id: hit.id,
      slug: hit.slug,
      name: hit.name,
      categoryCode: hit.categoryCode,
      listPrice: hit.listPrice,
      stars: hit.stars,
      seller: { name: hit.sellerName, slug: hit.sellerSlug },
      commune: hit.communeCode && hit.communeName ? { code: hit.communeCode, name: hit.communeName } : null,
      imageUrl: hit.imageKey ? this.storage.url(hit.imageKey) : null,
    };
  }

  private async describeSummary(result: SearchResult): Promise<{ total: number; facets: SearchFacetsDto }> {
    return { total: result.total ?? 0, facets: await this.describeFacets(result.facets ?? emptyFacets()) };
  }

  private async describeFacets(raw: RawFacets): Promise<SearchFacetsDto> {
    const categories = await this.reference.categories();
    const byCode = new Map(categories.map((category) => [category.code, category]));
    // A parent's count includes its subcategories, as the category filter does.
    const counts = new Map<string, number>();
    for (const [code, count] of Object.entries(raw.categories)) {
      counts.set(code, (counts.get(code) ?? 0) + count);
      const parent = byCode.get(code)?.parentCode;
      if (parent) counts.set(parent, (counts.get(parent) ?? 0) + count);
    }
    const categoryFacets: CategoryFacetDto[] = categories
      .filter((category) => (counts.get(category.code) ?? 0) > 0)
      .map((category) => ({
        code: category.code,
        name: category.name,
        parentCode: category.parentCode,
        count: counts.get(category.code) ?? 0,
      }));

    const communeCodes = Object.keys(raw.communes);
    const communeNames = await this.reference.communeNamesFor(communeCodes);
    return {
      categories: categoryFacets,
      stars: Object.entries(raw.stars)
        .map(([stars, count]) => ({ stars: Number(stars), count }))
        .filter((bucket) => bucket.count > 0)
        .sort((a, b) => b.stars - a.stars),
      communes: communeCodes
        .map((code) => ({ code, name: communeNames.get(code) ?? code, count: raw.communes[code] ?? 0 }))
        .filter((bucket) => bucket.count > 0)
        .sort((a, b) => b.count - a.count || VIETNAMESE.compare(a.name, b.name)),
      priceBands: PRICE_BANDS.map((band, index) => ({
        code: band.code,
        label: band.label,
        min: band.min,
        max: band.max,
        count: raw.priceBands[String(index)] ?? 0,
      })).filter((band) => band.count > 0),
      certificates: CERTIFICATE_KINDS.map((kind) => ({
        code: kind,
        name: CERTIFICATE_NAMES[kind],
        count: raw.certificates[kind] ?? 0,
      })).filter((bucket) => bucket.count > 0),
    };
  }
}
