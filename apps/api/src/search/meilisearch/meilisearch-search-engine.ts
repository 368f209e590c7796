import {
  type EnqueuedTaskPromise,
  type Filter,
  type Index,
  type IndexSwap,
  Meilisearch,
  MeilisearchApiError,
  type Settings,
} from 'meilisearch';
import { MAX_SERVED_HITS } from '../postgres/postgres-search-engine.js';
import {
  emptyFacets,
  type ProductNameSuggestion,
  type RawFacets,
  type SearchEngine,
  type SearchHit,
  type SearchParts,
  type SearchQuery,
  type SearchResult,
  type SearchSort,
  type SqlRunner,
} from '../search-engine.js';
import { queryWords } from '../search-text.js';

/**
 * The Meilisearch engine (official `meilisearch` client). Documents are copied from
 * `search_documents` by the outbox worker, so PostgreSQL stays the source of truth and a lost or
 * wiped Meilisearch is rebuilt with `search:rebuild`.
 *
 * Text is folded before it is sent, both in documents (`*_folded`, `*_text`, folded in SQL) and in
 * queries: Meilisearch's own normalisation of Vietnamese is then irrelevant, and both engines agree
 * on what "the same letters" means (đ/d, the i/y spellings).
 */

export interface MeilisearchOptions {
  host: string;
  apiKey?: string;
  indexUid: string;
  /** How long to wait for Meilisearch to apply a write before the worker gives up and retries. */
  taskTimeoutMs?: number;
}

export interface MeiliDocument {
  id: string;
  slug: string;
  name: string;
  name_folded: string;
  category_code: string;
  category_parent: string | null;
  category_text: string;
  seller_name: string;
  seller_slug: string | null;
  commune_code: string | null;
  commune_name: string | null;
  place_text: string;
  stars: number | null;
  list_price: number;
  price_band: number;
  certificates: string[];
  /** Milliseconds since the epoch: sortable as a number. */
  published_at: number;
  sold_count: number;
  image_key: string | null;
  description_text: string;
}

const CARD_FIELDS = [
  'id',
  'slug',
  'name',
  'category_code',
  'list_price',
  'stars',
  'seller_name',
  'seller_slug',
  'commune_code',
  'commune_name',
  'image_key',
] as const;

const FACETS = ['category_code', 'stars', 'commune_code', 'price_band', 'certificates'] as const;
const FACET_NAMES: Record<(typeof FACETS)[number], keyof RawFacets> = {
  category_code: 'categories',
  stars: 'stars',
  commune_code: 'communes',
  price_band: 'priceBands',
  certificates: 'certificates',
};

export const MEILI_SETTINGS: Settings = {
  // Order matters: the `attribute` ranking rule prefers matches in earlier attributes.
  searchableAttributes: ['name_folded', 'category_text', 'place_text', 'description_text'],
  filterableAttributes: [
    'category_code',
    'category_parent',
    'stars',
    'commune_code',
    'list_price',
    'price_band',
    'certificates',
  ],
  sortableAttributes: ['list_price', 'published_at', 'sold_count', 'id'],
  // `sort` first: a shopper sorting by price wants price order, not relevance buckets then price.
  // Without a sort parameter the rule does nothing and relevance decides. `attribute` (which field,
  // then how early in it) before `proximity`: Vietnamese product names are head-first, so a name
  // that starts with the query's first word ("Quýt vàng Bắc Sơn") is the product itself, while one
  // that holds the words together later ("Nước cốt quýt Bắc Sơn") is something made from it.
  rankingRules: ['sort', 'words', 'typo', 'attribute', 'proximity', 'exactness'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  pagination: { maxTotalHits: MAX_SERVED_HITS },
  faceting: { maxValuesPerFacet: 500 },
};

const SORTS: Record<Exclude<SearchSort, 'relevance'>, string[]> = {
  price_asc: ['list_price:asc', 'id:asc'],
  price_desc: ['list_price:desc', 'id:asc'],
  newest: ['published_at:desc', 'id:asc'],
  best_selling: ['sold_count:desc', 'published_at:desc', 'id:asc'],
};

const UPLOAD_BATCH = 5_000;

const DOCUMENT_SQL = `
  SELECT d.product_id AS id, d.slug, d.name, d.name_folded, d.category_code, d.category_parent, d.category_text,
         d.seller_name, d.seller_slug, d.commune_code, d.commune_name, d.place_text, d.stars,
         d.list_price::float8 AS list_price, d.price_band, d.certificates,
         (extract(epoch FROM d.published_at) * 1000)::float8 AS published_at, d.sold_count, d.image_key,
         left(search_fold(search_html_text(p.description_html)), 2000) AS description_text
  FROM search_documents d JOIN products p ON p.id = d.product_id`;

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export class MeilisearchSearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  readonly copiesDocuments = true;
  private readonly client: Meilisearch;
  private readonly index: Index<MeiliDocument>;
  private readonly taskTimeoutMs: number;

  constructor(private readonly options: MeilisearchOptions) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
    this.index = this.client.index<MeiliDocument>(options.indexUid);
    this.taskTimeoutMs = options.taskTimeoutMs ?? 60_000;
  }

  async prepare(): Promise<void> {
    await this.ensureIndex(this.options.indexUid);
  }

  async sync(productIds: readonly string[], db: SqlRunner): Promise<void> {
    if (productIds.length === 0) return;
    const documents = (await db.query(`${DOCUMENT_SQL} WHERE d.product_id = ANY($1::uuid[])`, [
      productIds,
    ])) as MeiliDocument[];
    const present = new Set(documents.map((document) => document.id));
    const absent = productIds.filter((id) => !present.has(id));
    if (documents.length > 0) await this.wait(this.index.addDocuments(documents, { primaryKey: 'id' }));
    if (absent.length > 0) await this.wait(this.index.deleteDocuments(absent));
  }

  async indexedCount(): Promise<number> {
    return (await this.index.getStats()).numberOfDocuments;
  }

  /** Fills a fresh index and swaps it in, so searches see the old index until the new one is whole. */
  async rebuild(db: SqlRunner): Promise<number> {
    const staging = `${this.options.indexUid}_rebuild`;
    await this.client.deleteIndexIfExists(staging);
    await this.ensureIndex(staging);
    let count = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const documents = (await db.query(
        `${DOCUMENT_SQL} WHERE d.product_id > $1::uuid ORDER BY d.product_id LIMIT $2`,
        [after, UPLOAD_BATCH],
      )) as MeiliDocument[];
      if (documents.length === 0) break;
      await this.wait(this.client.index<MeiliDocument>(staging).addDocuments(documents, { primaryKey: 'id' }));
      count += documents.length;
      after = documents[documents.length - 1]!.id;
    }
    await this.ensureIndex(this.options.indexUid);
    // No `rename` field: Meilisearch before 1.18 rejects it, and later versions default it to false.
    await this.wait(this.client.swapIndexes([{ indexes: [this.options.indexUid, staging] } as IndexSwap]));
    await this.wait(this.client.deleteIndex(staging));
    return count;
  }

  async search(query: SearchQuery, parts: SearchParts): Promise<SearchResult> {
    const filter: Filter = [];
    if (query.category)
      filter.push([`category_code = ${quote(query.category)}`, `category_parent = ${quote(query.category)}`]);
    if (query.stars?.length) filter.push(query.stars.map((stars) => `stars = ${Number(stars)}`));
    if (query.commune) filter.push(`commune_code = ${quote(query.commune)}`);
    if (query.priceMin !== undefined) filter.push(`list_price >= ${Number(query.priceMin)}`);
    if (query.priceMax !== undefined) filter.push(`list_price <= ${Number(query.priceMax)}`);
    if (query.certificates?.length) filter.push(query.certificates.map((kind) => `certificates = ${quote(kind)}`));

    const text = queryWords(query.text).join(' ');
    const sort =
      query.sort === 'relevance'
        ? text
          ? undefined
          : ['sold_count:desc', 'published_at:desc', 'id:asc']
        : SORTS[query.sort];
    const response = await this.index.search(text, {
      filter: filter.length > 0 ? filter : undefined,
      facets: parts.facets ? [...FACETS] : undefined,
      sort,
      page: query.page,
      // Zero hits per page still counts the matches: the cheap way to ask for the summary alone.
      hitsPerPage: parts.hits ? query.pageSize : 0,
      matchingStrategy: 'all',
      attributesToRetrieve: [...CARD_FIELDS],
    });
    if (!parts.facets) return { hits: response.hits.map(toHit), total: null, facets: null };

    const facets = emptyFacets();
    for (const facet of FACETS) {
      for (const [value, count] of Object.entries(response.facetDistribution?.[facet] ?? {}))
        facets[FACET_NAMES[facet]][value] = count;
    }
    return { hits: response.hits.map(toHit), total: response.totalHits, facets };
  }

  async suggestProductNames(text: string, limit: number): Promise<ProductNameSuggestion[]> {
    const words = queryWords(text);
    if (words.length === 0 || limit <= 0) return [];
    const response = await this.index.search(words.join(' '), {
      attributesToSearchOn: ['name_folded'],
      attributesToRetrieve: ['name', 'slug', 'name_folded'],
      matchingStrategy: 'all',
      limit: limit * 4,
    });
    const suggestions = new Map<string, ProductNameSuggestion>();
    for (const hit of response.hits)
      if (!suggestions.has(hit.name_folded)) suggestions.set(hit.name_folded, { name: hit.name, slug: hit.slug });
    return [...suggestions.values()].slice(0, limit);
  }

  private async ensureIndex(uid: string): Promise<void> {
    try {
      await this.client.getRawIndex(uid);
    } catch (error) {
      if (!(error instanceof MeilisearchApiError) || error.cause?.code !== 'index_not_found') throw error;
      await this.wait(this.client.createIndex(uid, { primaryKey: 'id' }));
    }
    await this.wait(this.client.index(uid).updateSettings(MEILI_SETTINGS));
  }

  private async wait(enqueued: EnqueuedTaskPromise): Promise<void> {
    const task = await enqueued.waitTask({ timeout: this.taskTimeoutMs });
    if (task.status !== 'succeeded') {
      throw new Error(
        `Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no detail'}`,
      );
    }
  }
}

function toHit(hit: Partial<MeiliDocument>): SearchHit {
  return {
    id: hit.id as string,
    slug: hit.slug as string,
    name: hit.name as string,
    categoryCode: hit.category_code as string,
    listPrice: Number(hit.list_price),
    stars: hit.stars ?? null,
    sellerName: hit.seller_name as string,
    sellerSlug: hit.seller_slug ?? null,
    communeCode: hit.commune_code ?? null,
    communeName: hit.commune_name ?? null,
    imageKey: hit.image_key ?? null,
  };
}
