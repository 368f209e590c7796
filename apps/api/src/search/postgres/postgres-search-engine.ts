import type { DataSource } from 'typeorm';
import { TtlCache } from '../ttl-cache.js';
import {
  CERTIFICATE_KINDS,
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
import { MIN_WORD_LENGTH_FOR_TYPO, oneDeletionVariants, queryWords, withinOneEdit } from '../search-text.js';

/**
 * The default engine: `search_documents` in PostgreSQL is the index itself, so `sync` and
 * `rebuild` have nothing to copy. How a query runs (README.md has the long version):
 *
 * 1. The query is folded and split into words. A word of 5+ letters that is neither a known word
 *    nor the start of one is a typo: its candidates are the vocabulary words one edit away, found
 *    by exact lookups of one-deletion variants (`search_term_variants`), never by a scan.
 * 2. Every word must match (as a prefix, or through a typo candidate): one GIN lookup on `tsv`.
 * 3. The page (ORDER BY … LIMIT, off a B-tree when the order is a column and there are no words)
 *    and the summary (the total and every facet in one pass with GROUPING SETS) are separate
 *    statements, since the service caches them apart; when both are wanted for a query with words,
 *    one statement computes both from a single pass over the GIN matches.
 * 4. Relevance, in decreasing weight: every word exactly in the name; every word matching the name;
 *    the name starting with the query; the name starting with the first word (Vietnamese names are
 *    head-first: "Quýt vàng Bắc Sơn" is tangerines, "Nước cốt quýt Bắc Sơn" is juice); how much of
 *    the name the query covers (the shorter, more specific name wins); a weighted rank (name >
 *    category > seller/commune > description); then sales and freshness.
 */

/** Orders on columns; each has a B-tree in the migration, so a page without words is an index scan. */
const ORDER: Record<Exclude<SearchSort, 'relevance'>, string> = {
  price_asc: 'list_price ASC, product_id',
  price_desc: 'list_price DESC, product_id',
  newest: 'published_at DESC, product_id',
  best_selling: 'sold_count DESC, published_at DESC, product_id',
};

/** Rows beyond this rank are never served, as in Meilisearch's `pagination.maxTotalHits`. */
export const MAX_SERVED_HITS = 10_000;

/** `GROUPING()` bit masks of the grouping sets below (a set bit is a column left out). */
const FACET_BY_GROUPING: Record<number, 'categories' | 'stars' | 'communes' | 'priceBands'> = {
  0b01111: 'categories',
  0b10111: 'stars',
  0b11011: 'communes',
  0b11101: 'priceBands',
};
const BY_CERTIFICATE_MASK = 0b11110;

/** Collects positional parameters while a statement is assembled. */
class Sql {
  readonly params: unknown[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

interface CardRow {
  id: string;
  slug: string;
  name: string;
  category_code: string;
  list_price: string | number;
  stars: number | null;
  seller_name: string;
  seller_slug: string | null;
  commune_code: string | null;
  commune_name: string | null;
  image_key: string | null;
}

interface Tsqueries {
  /** Every word, as a prefix or a typo candidate, anywhere. */
  match: string;
  /** The same, restricted to the name. */
  matchName: string;
  /** Every word exactly, in the name. */
  exactName: string;
  /** Any word exactly, anywhere: what the weighted rank counts. */
  exactAny: string;
}

export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;
  readonly copiesDocuments = false;
  /** Typo candidates by word; the vocabulary grows slowly, so a minute of staleness costs nothing. */
  private readonly typoCache = new TtlCache<string, string[]>(20_000, 60_000);

  constructor(private readonly db: DataSource) {}

  /** Category → parent (null for a top-level one). Categories change only with a migration. */
  private categoryParents: { at: number; value: Promise<Map<string, string | null>> } | null = null;

  async prepare(): Promise<void> {}

  async sync(): Promise<void> {}

  async indexedCount(): Promise<null> {
    return null;
  }

  async rebuild(db: SqlRunner): Promise<number> {
    const [row] = (await db.query('SELECT count(*)::int AS count FROM search_documents')) as { count: number }[];
    this.typoCache.clear();
    return row?.count ?? 0;
  }

  async search(query: SearchQuery, parts: SearchParts): Promise<SearchResult> {
    const words = queryWords(query.text);
    const typos = words.length > 0 ? await this.typoCandidates(words) : new Map<string, string[]>();
    // With words, both parts read the same GIN matches: one pass serves both. Without words the
    // page comes off a sort index while the summary scans, so they stay apart (and run at once).
    if (parts.hits && parts.facets && words.length > 0) return this.pageAndSummary(query, words, typos);
    const [hits, summary] = await Promise.all([
      parts.hits ? this.page(query, words, typos) : Promise.resolve([]),
      parts.facets ? this.summary(query, words, typos) : Promise.resolve(null),
    ]);
    return { hits, total: summary?.total ?? null, facets: summary?.facets ?? null };
  }

  /** One page in the requested order: the score is computed only when relevance orders it. */
  private async page(query: SearchQuery, words: string[], typos: Map<string, string[]>): Promise<SearchHit[]> {
    const offset = (query.page - 1) * query.pageSize;
    const limit = Math.min(query.pageSize, MAX_SERVED_HITS - offset);
    if (limit <= 0) return [];
    const sql = new Sql();
    const where = this.conditions(sql, query, words, typos, await this.categories());
    // Without words there is nothing to be relevant to: the best sellers come first.
    const order =
      query.sort !== 'relevance'
        ? ORDER[query.sort]
        : words.length > 0
          ? `${this.score(sql, words, typos)} DESC, ${ORDER.best_selling}`
          : ORDER.best_selling;
    return (
      (await this.db.query(
        `SELECT d.product_id AS id, d.slug, d.name, d.category_code, d.list_price, d.stars, d.seller_name, d.seller_slug,
              d.commune_code, d.commune_name, d.image_key
       FROM search_documents d ${where}
       ORDER BY ${order} LIMIT ${sql.param(limit)} OFFSET ${sql.param(offset)}`,
        sql.params,
      )) as CardRow[]
    ).map(toHit);
  }

  private async pageAndSummary(
    query: SearchQuery,
    words: string[],
    typos: Map<string, string[]>,
  ): Promise<SearchResult> {
    const offset = (query.page - 1) * query.pageSize;
    const limit = Math.max(0, Math.min(query.pageSize, MAX_SERVED_HITS - offset));
    const sql = new Sql();
    const where = this.conditions(sql, query, words, typos, await this.categories());
    const score = query.sort === 'relevance' ? this.score(sql, words, typos) : '0::real';
    const order = query.sort === 'relevance' ? `score DESC, ${ORDER.best_selling}` : ORDER[query.sort];
    const [row] = (await this.db.query(
      `WITH matched AS MATERIALIZED (
         SELECT d.product_id, d.category_code, d.stars, d.commune_code, d.price_band, d.certificate_mask,
                d.list_price, d.published_at, d.sold_count, ${score} AS score
         FROM search_documents d ${where}
       ),
       top AS (SELECT product_id, row_number() OVER (ORDER BY ${order}) AS position
               FROM (SELECT * FROM matched ORDER BY ${order} LIMIT ${sql.param(limit)} OFFSET ${sql.param(offset)}) AS page)
       SELECT
         (SELECT coalesce(json_agg(json_build_object(
             'id', d.product_id, 'slug', d.slug, 'name', d.name, 'category_code', d.category_code, 'list_price', d.list_price,
             'stars', d.stars, 'seller_name', d.seller_name, 'seller_slug', d.seller_slug, 'commune_code', d.commune_code,
             'commune_name', d.commune_name, 'image_key', d.image_key) ORDER BY top.position), '[]')
          FROM top JOIN search_documents d USING (product_id)) AS items,
         (SELECT json_agg(f) FROM (${this.summarySelect('matched')}) AS f) AS summary`,
      sql.params,
    )) as { items: CardRow[]; summary: SummaryRow[] | null }[];
    const { total, facets } = readSummary(row?.summary ?? []);
    return { hits: (row?.items ?? []).map(toHit), total, facets };
  }

  /** The total and every facet; see summarySelect. */
  private async summary(
    query: SearchQuery,
    words: string[],
    typos: Map<string, string[]>,
  ): Promise<{ total: number; facets: RawFacets }> {
    const sql = new Sql();
    const where = this.conditions(sql, query, words, typos, await this.categories());
    const rows = (await this.db.query(
      `${this.summarySelect(`search_documents d ${where}`)}`,
      sql.params,
    )) as SummaryRow[];
    return readSummary(rows);
  }

  /**
   * One pass over the matched rows with a grouping set per facet and a single count(*): every
   * aggregate is computed once per set and row, so the certificate kinds are grouped by their bit
   * mask (at most 32 groups) and split into kinds afterwards, and the total is the sum of the price
   * bands (every document has one).
   */
  private summarySelect(from: string): string {
    return `SELECT GROUPING(category_code, stars, commune_code, price_band, certificate_mask) AS g,
                   coalesce(category_code, stars::text, commune_code, price_band::text, certificate_mask::text) AS v,
                   count(*)::int AS n
            FROM ${from}
            GROUP BY GROUPING SETS ((category_code), (stars), (commune_code), (price_band), (certificate_mask))`;
  }

  private conditions(
    sql: Sql,
    query: SearchQuery,
    words: string[],
    typos: Map<string, string[]>,
    categories: Map<string, string | null>,
  ): string {
    const conditions: string[] = [];
    if (words.length > 0) conditions.push(`d.tsv @@ ${sql.param(buildTsqueries(words, typos).match)}::tsquery`);
    if (query.category) {
      // A top-level category is a range of the facets index, a subcategory a range inside one.
      const parent = categories.get(query.category);
      if (parent === undefined) conditions.push('false');
      else if (parent === null) conditions.push(`d.category_top = ${sql.param(query.category)}`);
      else conditions.push(`d.category_top = ${sql.param(parent)} AND d.category_code = ${sql.param(query.category)}`);
    }
    if (query.stars?.length) conditions.push(`d.stars = ANY(${sql.param(query.stars)}::smallint[])`);
    if (query.commune) conditions.push(`d.commune_code = ${sql.param(query.commune)}`);
    if (query.priceMin !== undefined) conditions.push(`d.list_price >= ${sql.param(query.priceMin)}`);
    if (query.priceMax !== undefined) conditions.push(`d.list_price <= ${sql.param(query.priceMax)}`);
    if (query.certificates?.length)
      conditions.push(`d.certificate_mask & ${sql.param(certificateMask(query.certificates))}::smallint <> 0`);
    return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  }

  private score(sql: Sql, words: string[], typos: Map<string, string[]>): string {
    const tsqueries = buildTsqueries(words, typos);
    const head = words[0]!;
    // real throughout: a bare 0.5 is numeric, and numeric arithmetic on every matched row is slow.
    return `(CASE WHEN d.tsv @@ ${sql.param(tsqueries.exactName)}::tsquery THEN 4::real ELSE 0::real END
      + CASE WHEN d.tsv @@ ${sql.param(tsqueries.matchName)}::tsquery THEN 2::real ELSE 0::real END
      + CASE WHEN d.name_folded LIKE ${sql.param(`${words.join(' ')}%`)} THEN 1::real ELSE 0::real END
      + CASE WHEN d.name_folded LIKE ${sql.param(`${head} %`)} OR d.name_folded = ${sql.param(head)} THEN 0.5::real ELSE 0::real END
      + 0.5::real * least(1::real, ${words.length}::real / greatest(d.name_words, 1))
      + ts_rank('{0.1, 0.2, 0.4, 1.0}', d.tsv, ${sql.param(tsqueries.exactAny)}::tsquery))`;
  }

  async suggestProductNames(text: string, limit: number): Promise<ProductNameSuggestion[]> {
    const words = queryWords(text);
    if (words.length === 0) return [];
    const phrase = words.join(' ');
    // Names that start with what was typed come first, straight from the B-tree in name order;
    // then names whose words start with the typed words, best sellers first.
    const startsWith = (await this.db.query(
      `SELECT name, slug, name_folded FROM search_documents WHERE name_folded LIKE $1 ORDER BY name_folded, product_id LIMIT $2`,
      [`${phrase}%`, limit * 4],
    )) as { name: string; slug: string; name_folded: string }[];
    const suggestions = new Map<string, ProductNameSuggestion>();
    for (const row of startsWith)
      if (!suggestions.has(row.name_folded)) suggestions.set(row.name_folded, { name: row.name, slug: row.slug });
    if (suggestions.size < limit && phrase.length >= 2) {
      const prefixes = words.map((word) => `${word}:*A`).join(' & ');
      const containing = (await this.db.query(
        `SELECT name, slug, name_folded FROM search_documents WHERE tsv @@ $1::tsquery
         ORDER BY sold_count DESC, published_at DESC, product_id LIMIT $2`,
        [prefixes, limit * 4],
      )) as { name: string; slug: string; name_folded: string }[];
      for (const row of containing)
        if (!suggestions.has(row.name_folded)) suggestions.set(row.name_folded, { name: row.name, slug: row.slug });
    }
    return [...suggestions.values()].slice(0, limit);
  }

  private categories(): Promise<Map<string, string | null>> {
    if (!this.categoryParents || Date.now() - this.categoryParents.at > 10 * 60_000) {
      const value = this.db
        .query('SELECT code, parent_code FROM product_categories')
        .then(
          (rows: { code: string; parent_code: string | null }[]) =>
            new Map(rows.map((row) => [row.code, row.parent_code])),
        );
      value.catch(() => (this.categoryParents = null));
      this.categoryParents = { at: Date.now(), value };
    }
    return this.categoryParents.value;
  }

  /** For each word long enough to carry a typo and unknown to the vocabulary: its candidates. */
  private async typoCandidates(words: string[]): Promise<Map<string, string[]>> {
    const eligible = words.filter((word) => word.length >= MIN_WORD_LENGTH_FOR_TYPO && /^[a-z]+$/.test(word));
    const result = new Map<string, string[]>();
    const unknown: string[] = [];
    for (const word of eligible) {
      const cached = this.typoCache.get(word);
      if (cached) result.set(word, cached);
      else unknown.push(word);
    }
    if (unknown.length === 0) return result;

    const pairs = unknown.flatMap((word) => oneDeletionVariants(word).map((variant) => [word, variant] as const));
    const rows = (await this.db.query(
      `SELECT k.word, NULL AS term FROM unnest($1::text[]) AS k(word)
       WHERE EXISTS (SELECT 1 FROM search_terms t WHERE t.term >= k.word COLLATE "C" AND t.term < (k.word || '{') COLLATE "C")
       UNION ALL
       SELECT v.word, n.term FROM unnest($2::text[], $3::text[]) AS v(word, variant)
       JOIN search_term_variants n ON n.variant = v.variant COLLATE "C"`,
      [unknown, pairs.map(([word]) => word), pairs.map(([, variant]) => variant)],
    )) as { word: string; term: string | null }[];
    // A word that is known, or the beginning of a known word, is what the user meant.
    const known = new Set(rows.filter((row) => row.term === null).map((row) => row.word));
    for (const word of unknown) {
      const candidates = known.has(word)
        ? []
        : [
            ...new Set(
              rows
                .filter((row) => row.word === word && row.term !== null && withinOneEdit(word, row.term))
                .map((row) => row.term as string),
            ),
          ];
      this.typoCache.set(word, candidates);
      result.set(word, candidates);
    }
    return result;
  }
}

/**
 * Words are [a-z0-9]+ after folding, so they are valid tsquery lexemes as they are. Every word is a
 * prefix (so "tran dinh" reaches "Tràng Định" and the word being typed completes) except a lone
 * letter in the middle of a query, which would match nearly everything.
 */
export function buildTsqueries(words: string[], typos: Map<string, string[]>): Tsqueries {
  const alternatives = (word: string, index: number, weight: string) => {
    const prefix = index === words.length - 1 || word.length >= 2;
    const options = [`${word}${prefix ? ':*' : ''}${weight ? `${prefix ? '' : ':'}${weight}` : ''}`];
    for (const candidate of typos.get(word) ?? []) options.push(`${candidate}${weight ? `:${weight}` : ''}`);
    return options.length === 1 ? options[0]! : `(${options.join(' | ')})`;
  };
  return {
    match: words.map((word, index) => alternatives(word, index, '')).join(' & '),
    matchName: words.map((word, index) => alternatives(word, index, 'A')).join(' & '),
    exactName: words.map((word) => `${word}:A`).join(' & '),
    exactAny: words.join(' | '),
  };
}

interface SummaryRow {
  g: number;
  v: string | null;
  n: number;
}

function readSummary(rows: SummaryRow[]): { total: number; facets: RawFacets } {
  const facets = emptyFacets();
  let total = 0;
  for (const row of rows) {
    if (row.g === BY_CERTIFICATE_MASK) {
      const mask = Number(row.v);
      CERTIFICATE_KINDS.forEach((kind, bit) => {
        if (mask & (1 << bit)) facets.certificates[kind] = (facets.certificates[kind] ?? 0) + row.n;
      });
      continue;
    }
    const facet = FACET_BY_GROUPING[row.g];
    if (facet === 'priceBands') total += row.n;
    if (facet && row.v !== null) facets[facet][row.v] = row.n;
  }
  return { total, facets };
}

function certificateMask(kinds: readonly string[]): number {
  return kinds.reduce(
    (mask, kind) => mask | (1 << CERTIFICATE_KINDS.indexOf(kind as (typeof CERTIFICATE_KINDS)[number])),
    0,
  );
}

function toHit(row: CardRow): SearchHit {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    categoryCode: row.category_code,
    listPrice: Number(row.list_price),
    stars: row.stars,
    sellerName: row.seller_name,
    sellerSlug: row.seller_slug,
    communeCode: row.commune_code,
    communeName: row.commune_name,
    imageKey: row.image_key,
  };
}
