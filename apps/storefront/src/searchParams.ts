import {
  isCertificateKind,
  isOcopStars,
  isPriceBand,
  SEARCH_SORTS,
  type SearchParams,
  type SearchSort,
} from './api/search';

// The API refuses longer queries and pages beyond the 1000th.
export const MAX_QUERY_LENGTH = 80;
const MAX_PAGE = 1000;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The search lives in the URL, so a search can be shared, bookmarked and gone back to. Whatever a
 * hand-edited or old link holds is read leniently: an unknown value is dropped, not an error.
 */
export function readParams(url: URLSearchParams): SearchParams {
  const q = (url.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH);
  const stars = (url.get('stars') ?? '').split(',').map(Number).filter(isOcopStars);
  const sort = url.get('sort');
  const price = url.get('price');
  const page = Number(url.get('page'));
  const slug = (name: string) => {
    const value = url.get(name);
    return value && SLUG.test(value) ? value : null;
  };
  const commune = url.get('commune');
  const certificates = (url.get('certificate') ?? '').split(',').filter(isCertificateKind);
  return {
    q,
    category: slug('category'),
    stars: [...new Set(stars)].sort(),
    commune: commune && /^\d{5}$/.test(commune) ? commune : null,
    price: isPriceBand(price) ? price : null,
    certificates: [...new Set(certificates)].sort(),
    seller: slug('seller'),
    sort: (SEARCH_SORTS as readonly string[]).includes(sort ?? '') ? (sort as SearchSort) : defaultSort(q),
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
  };
}

function defaultSort(q: string): SearchSort {
  return q ? 'relevance' : 'newest';
}

export function writeParams(params: SearchParams): URLSearchParams {
  const url = new URLSearchParams();
  if (params.q) url.set('q', params.q);
  if (params.category) url.set('category', params.category);
  if (params.stars.length > 0) url.set('stars', params.stars.join(','));
  if (params.commune) url.set('commune', params.commune);
  if (params.price) url.set('price', params.price);
  if (params.certificates.length > 0) url.set('certificate', params.certificates.join(','));
  if (params.seller) url.set('seller', params.seller);
  // The default order is left out, so the plain search for a word has the plainest address.
  if (params.sort !== defaultSort(params.q)) url.set('sort', params.sort);
  if (params.page > 1) url.set('page', String(params.page));
  return url;
}
