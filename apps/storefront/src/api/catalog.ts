import type { paths, Schemas } from '@ocop/api-client';
import { api } from './client';
import { unwrap } from './request';

/** What a product tile shows, whichever endpoint listed the product. */
export interface ProductCard {
  slug: string;
  name: string;
  listPrice: number;
  imageUrl: string | null;
  ocopStars: number | null;
  ocopExpired: boolean;
  sellerName: string;
  communeName: string | null;
}

type CatalogQuery = NonNullable<paths['/api/catalog/products']['get']['parameters']['query']>;
export type CatalogSort = NonNullable<CatalogQuery['sort']>;

export interface CatalogFilter {
  q?: string;
  category?: string;
  stars?: readonly (3 | 4 | 5)[];
  commune?: string;
  seller?: string;
  priceMin?: number;
  priceMax?: number;
  sort?: CatalogSort;
  page?: number;
  pageSize?: number;
}

export function cardOfSummary(product: Schemas['ProductSummaryDto']): ProductCard {
  return {
    slug: product.slug,
    name: product.name,
    listPrice: product.listPrice,
    imageUrl: product.imageUrl,
    ocopStars: product.ocopStars,
    ocopExpired: product.ocopExpired,
    sellerName: product.seller.name,
    communeName: product.seller.commune?.name ?? null,
  };
}

export function listCatalogProducts(filter: CatalogFilter, signal?: AbortSignal) {
  const { stars, ...rest } = filter;
  return unwrap(
    api.GET('/api/catalog/products', {
      params: { query: { ...rest, ...(stars && stars.length > 0 ? { stars: [...stars] } : {}) } },
      signal,
    }),
  );
}

export function fetchCategories(signal?: AbortSignal) {
  return unwrap(api.GET('/api/catalog/categories', { signal }));
}

export const FEATURED_COUNT = 8;
export const FEATURED_STARS: (4 | 5)[] = [4, 5];

/** The home page's featured products: the newest with a valid 4- or 5-star OCOP certificate. */
export const featuredQuery = {
  queryKey: ['catalog', 'featured'],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    listCatalogProducts({ stars: FEATURED_STARS, sort: 'newest', pageSize: FEATURED_COUNT }, signal),
  staleTime: 5 * 60_000,
} as const;

/** Categories change when an officer edits them, not while a page is open. */
export const categoriesQuery = {
  queryKey: ['catalog', 'categories'],
  queryFn: ({ signal }: { signal: AbortSignal }) => fetchCategories(signal),
  staleTime: 10 * 60_000,
} as const;
