import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { foldForSearch } from './search-text.js';

export interface CategoryRef {
  code: string;
  parentCode: string | null;
  name: string;
  /** Folded words of the name, for suggestions. */
  words: string[];
  sortOrder: number;
}

export interface CommuneRef {
  code: string;
  name: string;
  words: string[];
}

const CATEGORIES_TTL_MS = 10 * 60_000;
const PUBLIC_COMMUNES_TTL_MS = 60_000;

function words(name: string): string[] {
  return foldForSearch(name)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** True when every typed word starts some word of the name: "chi la" → "Xã Chi Lăng". */
export function matchesPrefixes(nameWords: string[], typed: string[]): boolean {
  return typed.every((word) => nameWords.some((candidate) => candidate.startsWith(word)));
}

/**
 * Reference data that facets and suggestions name things with. It changes only through migrations
 * (categories, communes) or slowly (which communes have sellers), so it is held in memory and
 * refreshed on a timer instead of being joined into every search.
 */
@Injectable()
export class SearchReference {
  private categoriesCache: { at: number; value: Promise<CategoryRef[]> } | null = null;
  private publicCommunesCache: { at: number; value: Promise<CommuneRef[]> } | null = null;
  private readonly communeNames = new Map<string, string>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  categories(): Promise<CategoryRef[]> {
    if (!this.categoriesCache || Date.now() - this.categoriesCache.at > CATEGORIES_TTL_MS) {
      const value = this.db
        .query('SELECT code, parent_code, name_vi, sort_order FROM product_categories ORDER BY sort_order, code')
        .then((rows: { code: string; parent_code: string | null; name_vi: string; sort_order: number }[]) =>
          rows.map((row) => ({
            code: row.code,
            parentCode: row.parent_code,
            name: row.name_vi,
            words: words(row.name_vi),
            sortOrder: row.sort_order,
          })),
        );
      value.catch(() => (this.categoriesCache = null));
      this.categoriesCache = { at: Date.now(), value };
    }
    return this.categoriesCache.value;
  }

  /** Communes where at least one public product is sold. */
  publicCommunes(): Promise<CommuneRef[]> {
    if (!this.publicCommunesCache || Date.now() - this.publicCommunesCache.at > PUBLIC_COMMUNES_TTL_MS) {
      const value = this.db
        .query(
          `SELECT d.commune_code AS code, min(d.commune_name) AS name FROM search_documents d
           WHERE d.commune_code IS NOT NULL AND d.commune_name IS NOT NULL GROUP BY d.commune_code ORDER BY 2`,
        )
        .then((rows: { code: string; name: string }[]) => rows.map((row) => ({ ...row, words: words(row.name) })));
      value.catch(() => (this.publicCommunesCache = null));
      this.publicCommunesCache = { at: Date.now(), value };
    }
    return this.publicCommunesCache.value;
  }

  /** Names of communes by code; commune names are fixed by law, so they are cached for good. */
  async communeNamesFor(codes: string[]): Promise<Map<string, string>> {
    const missing = codes.filter((code) => !this.communeNames.has(code));
    if (missing.length > 0) {
      const rows = (await this.db.query('SELECT code, name FROM communes WHERE code = ANY($1)', [missing])) as {
        code: string;
        name: string;
      }[];
      for (const row of rows) this.communeNames.set(row.code, row.name);
    }
    return new Map(
      codes.filter((code) => this.communeNames.has(code)).map((code) => [code, this.communeNames.get(code) as string]),
    );
  }
}
