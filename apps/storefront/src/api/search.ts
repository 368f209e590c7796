import type { Schemas } from '@ocop/api-client';
import { cardOfSummary, type CatalogSort, listCatalogProducts, type ProductCard } from './catalog';
import { api } from './client';
import { unwrap } from './request';

/**
 * Product search as the pages see it, answered by the search API (`/api/search`: words with or
 * without diacritics, typos tolerated, facet counts). The search API has no shop filter, so the
 * products of one shop are listed by the catalog instead, without facet counts.
 */

/** Listed-price bands, the same codes and bounds as the search API's price facet. */
export const PRICE_BANDS = [
  { code: 'under_100k', min: 0, max: 99_999 },
  { code: '100k_200k', min: 100_000, max: 199_999 },
  { code: '200k_500k', min: 200_000, max: 499_999 },
  { code: '500k_1m', min: 500_000, max: 999_999 },
  { code: 'over_1m', min: 1_000_000, max: null },
] as const;
export type PriceBandCode = (typeof PRICE_BANDS)[number]['code'];

export const SEARCH_SORTS = ['relevance', 'newest', 'best_selling', 'price_asc', 'price_desc'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const CERTIFICATE_KINDS = ['vietgap', 'globalgap', 'haccp', 'organic', 'food_safety'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export const OCOP_STAR_VALUES = [5, 4, 3] as const;
export type OcopStars = (typeof OCOP_STAR_VALUES)[number];

export function isOcopStars(value: number): value is OcopStars {
  return (OCOP_STAR_VALUES as readonly number[]).includes(value);
}
export const SEARCH_PAGE_SIZE = 24;

export interface SearchParams {
  q: string;
  category: string | null;
  stars: OcopStars[];
  commune: string | null;
  price: PriceBandCode | null;
  certificates: CertificateKind[];
  seller: string | null;
  sort: SearchSort;
  page: number;
}

/** A facet value and how many results have it; `count` is null when the source cannot count. */
export interface FacetCount<V> {
  value: V;
  count: number | null;
}

export interface SearchFacets {
  categories: FacetCount<string>[];
  stars: FacetCount<number>[];
  priceBands: FacetCount<PriceBandCode>[];
  certificates: FacetCount<string>[];
  /** Communes of the sellers, with names; empty when the source cannot list them. */
  communes: (FacetCount<string> & { name: string })[];
}

export interface SearchResults {
  items: ProductCard[];
  total: number;
  page: number;
  pageSize: number;
  facets: SearchFacets;
}

export interface Suggestion {
  type: Schemas['SuggestionDto']['type'];
  label: string;
  value: string;
}

export function isPriceBand(value: string | null): value is PriceBandCode {
  return PRICE_BANDS.some((band) => band.code === value);
}

export function isCertificateKind(value: string): value is CertificateKind {
  return (CERTIFICATE_KINDS as readonly string[]).includes(value);
}

function cardOfSearchItem(item: Schemas['SearchItemDto']): ProductCard {
  return {
    slug: item.slug,
    name: item.name,
    listPrice: item.listPrice,
    imageUrl: item.imageUrl,
    ocopStars: item.stars,
    // The search index keeps only valid ratings; an expired one is shown on the product page.
    ocopExpired: false,
    sellerName: item.seller.name,
    communeName: item.commune?.name ?? null,
  };
}

/** Comma-separated lists go as one value: an array would be sent as repeated parameters. */
function commaList(values: readonly (string | number)[]): string[] | undefined {
  return values.length > 0 ? [values.join(',')] : undefined;
}

async function searchApi(
  params: SearchParams,
  signal?: AbortSignal,
  pageSize = SEARCH_PAGE_SIZE,
): Promise<SearchResults> {
  const band = PRICE_BANDS.find((candidate) => candidate.code === params.price);
  const page = await unwrap(
    api.GET('/api/search', {
      params: {
        query: {
          q: params.q || undefined,
          category: params.category ?? undefined,
          stars: commaList(params.stars),
          commune: params.commune ?? undefined,
          priceMin: band?.min,
          priceMax: band?.max ?? undefined,
          certificate: commaList(params.certificates),
          sort: params.sort,
          page: params.page,
          pageSize,
        },
      },
      signal,
    }),
  );
  return {
    items: page.items.map(cardOfSearchItem),
    total: page.total,
    page: page.page,
    pageSize: page.pageSize,
    facets: {
      categories: page.facets.categories.map((facet) => ({ value: facet.code, count: facet.count })),
      stars: page.facets.stars.map((facet) => ({ value: facet.stars, count: facet.count })),
      priceBands: page.facets.priceBands
        .filter((facet) => isPriceBand(facet.code))
        .map((facet) => ({ value: facet.code as PriceBandCode, count: facet.count })),
      certificates: page.facets.certificates.map((facet) => ({ value: facet.code, count: facet.count })),
      communes: page.facets.communes.map((facet) => ({ value: facet.code, name: facet.name, count: facet.count })),
    },
  };
}

function catalogSort(sort: SearchSort): CatalogSort {
  // The catalog ranks neither by relevance nor by sales; the newest first is the neutral order.
  return sort === 'relevance' || sort === 'best_selling' ? 'newest' : sort;
}

async function shopProducts(params: SearchParams, signal?: AbortSignal): Promise<SearchResults> {
  const band = PRICE_BANDS.find((candidate) => candidate.code === params.price);
  const page = await listCatalogProducts(
    {
      q: params.q || undefined,
      category: params.category ?? undefined,
      stars: params.stars,
      commune: params.commune ?? undefined,
      seller: params.seller ?? undefined,
      priceMin: band?.min,
      priceMax: band?.max ?? undefined,
      sort: catalogSort(params.sort),
      page: params.page,
      pageSize: SEARCH_PAGE_SIZE,
    },
    signal,
  );
  return {
    items: page.items.map(cardOfSummary),
    total: page.total,
    page: page.page,
    pageSize: page.pageSize,
    facets: {
      categories: [],
      stars: OCOP_STAR_VALUES.map((value) => ({ value, count: null })),
      priceBands: PRICE_BANDS.map((candidate) => ({ value: candidate.code, count: null })),
      certificates: [],
      communes: [],
    },
  };
}

export function searchProducts(params: SearchParams, signal?: AbortSignal): Promise<SearchResults> {
  return params.seller ? shopProducts(params, signal) : searchApi(params, signal);
}

/** Product names, categories and communes that start with what was typed, with or without diacritics. */
export function suggest(text: string, signal?: AbortSignal): Promise<Suggestion[]> {
  return unwrap(api.GET('/api/search/suggest', { params: { query: { q: text } }, signal }));
}

/** Communes whose sellers have products on sale, with how many, for browsing by place. */
export async function communesWithProducts(
  signal?: AbortSignal,
): Promise<{ code: string; name: string; count: number }[]> {
  const page = await searchApi(
    {
      q: '',
      category: null,
      stars: [],
      commune: null,
      price: null,
      certificates: [],
      seller: null,
      sort: 'newest',
      page: 1,
    },
    signal,
    // Only the facet counts are wanted here.
    1,
  );
  return page.facets.communes
    .map((facet) => ({ code: facet.value, name: facet.name, count: facet.count ?? 0 }))
    .filter((commune) => commune.count > 0)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi'));
}
