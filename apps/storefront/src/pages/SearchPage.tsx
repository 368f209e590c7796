import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { categoriesQuery } from '../api/catalog';
import { api } from '../api/client';
import { unwrap } from '../api/request';
import {
  CERTIFICATE_KINDS,
  communesWithProducts,
  OCOP_STAR_VALUES,
  PRICE_BANDS,
  type PriceBandCode,
  SEARCH_SORTS,
  type SearchParams,
  type SearchSort,
  searchProducts,
} from '../api/search';
import { ErrorPanel } from '../components/ErrorPanel';
import { Pagination } from '../components/Pagination';
import { ProductGrid, ProductGridSkeleton } from '../components/ProductCard';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';
import { categoryName } from '../labels';
import { readParams, writeParams } from '../searchParams';

export default function SearchPage() {
  const { t, tn, language } = useI18n();
  const ids = { title: useId(), sort: useId(), status: useId() };
  const [url, setUrl] = useSearchParams();
  const params = readParams(url);
  const categories = useQuery(categoriesQuery);
  const communes = useQuery({
    queryKey: ['catalog', 'communes-with-products'],
    queryFn: ({ signal }) => communesWithProducts(signal),
    staleTime: 5 * 60_000,
  });
  // Only to name the shop in its filter chip; the same query as the shop page's.
  const shop = useQuery({
    queryKey: ['shop', params.seller],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/catalog/sellers/{slug}', { params: { path: { slug: params.seller ?? '' } }, signal })),
    enabled: params.seller !== null,
    staleTime: 5 * 60_000,
  });
  const results = useQuery({
    queryKey: ['search', params],
    queryFn: ({ signal }) => searchProducts(params, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  const category = categories.data?.find((candidate) => candidate.code === params.category);
  const title = params.q
    ? t('search.titleFor', { query: params.q })
    : category
      ? categoryName(language, category)
      : shop.data
        ? t('search.titleShop', { name: shop.data.name })
        : t('search.titleAll');
  useDocumentTitle(t('search.metaTitle', { title }));

  /** A changed filter starts again from the first page. */
  const update = (change: Partial<SearchParams>) => {
    setUrl(writeParams({ ...params, page: 1, ...change }));
  };
  // Every applied filter as a removable chip, so what narrows the results is always in sight.
  const active: { key: string; label: string; clear: Partial<SearchParams> }[] = [
    ...(params.category
      ? [
          {
            key: 'category',
            label: category ? categoryName(language, category) : params.category,
            clear: { category: null },
          },
        ]
      : []),
    ...params.stars.map((stars) => ({
      key: `stars-${stars}`,
      label: t('search.starsOption', { stars }),
      clear: { stars: params.stars.filter((value) => value !== stars) },
    })),
    ...(params.price ? [{ key: 'price', label: t(`search.priceBand.${params.price}`), clear: { price: null } }] : []),
    ...params.certificates.map((kind) => ({
      key: `certificate-${kind}`,
      label: t(`quality.${kind}`),
      clear: { certificates: params.certificates.filter((value) => value !== kind) },
    })),
    ...(params.commune
      ? [
          {
            key: 'commune',
            label:
              communes.data?.find((entry) => entry.code === params.commune)?.name ??
              results.data?.facets.communes.find((entry) => entry.value === params.commune)?.name ??
              params.commune,
            clear: { commune: null },
          },
        ]
      : []),
    ...(params.seller
      ? [{ key: 'seller', label: shop.data?.name ?? t('search.oneShop'), clear: { seller: null } }]
      : []),
  ];
  const hasFilters = active.length > 0;
  const clearFilters = () =>
    update({
      category: null,
      stars: [],
      commune: null,
      price: null,
      certificates: [],
      seller: null,
      sort: params.q ? 'relevance' : 'newest',
    });

  const data = results.data;
  const updating = results.isFetching && results.isPlaceholderData;
  const countOf = <V,>(facet: { value: V; count: number | null }[] | undefined, value: V) =>
    facet?.find((entry) => entry.value === value)?.count ?? null;
  const withCount = (label: string, count: number | null) => (count === null ? label : `${label} (${count})`);

  // Counts belong to the current results; the fallback list of communes only says where products are.
  const communeOptions = data?.facets.communes.length
    ? data.facets.communes.map((entry) => ({ code: entry.value, name: entry.name, count: entry.count }))
    : (communes.data ?? []).map((entry) => ({ code: entry.code, name: entry.name, count: null }));

  let status = '';
  if (results.isPending) status = t('common.loading');
  else if (updating) status = t('search.searching');
  else if (data) status = tn('search.resultCount', data.total);

  const sorts = SEARCH_SORTS.filter(
    (sort) => (sort !== 'relevance' || params.q) && (sort !== 'best_selling' || !params.seller),
  );

  return (
    <div className="search-page">
      <h1 id={ids.title}>{title}</h1>

      {/* Folded on a phone so that the results come first; the chips below show what is applied. */}
      <details className="filters">
        <summary>
          {t('search.filters')}
          {active.length > 0 ? <span className="filter-count">{active.length}</span> : null}
        </summary>
        <div className="filter-body">
          <div className="field">
            <label htmlFor={`${ids.title}-category`}>{t('search.category')}</label>
            <select
              id={`${ids.title}-category`}
              value={params.category ?? ''}
              onChange={(event) => update({ category: event.target.value || null })}
            >
              <option value="">{t('search.allCategories')}</option>
              {(categories.data ?? [])
                .filter((candidate) => candidate.parentCode === null)
                .map((parent) => (
                  <optgroup key={parent.code} label={categoryName(language, parent)}>
                    <option value={parent.code}>
                      {withCount(
                        t('search.wholeCategory', { name: categoryName(language, parent) }),
                        countOf(data?.facets.categories, parent.code),
                      )}
                    </option>
                    {(categories.data ?? [])
                      .filter((child) => child.parentCode === parent.code)
                      .map((child) => (
                        <option key={child.code} value={child.code}>
                          {withCount(categoryName(language, child), countOf(data?.facets.categories, child.code))}
                        </option>
                      ))}
                  </optgroup>
                ))}
            </select>
          </div>

          <fieldset className="field">
            <legend>{t('search.stars')}</legend>
            <div className="check-row">
              {OCOP_STAR_VALUES.map((stars) => (
                <label key={stars} className="check">
                  <input
                    type="checkbox"
                    checked={params.stars.includes(stars)}
                    onChange={(event) =>
                      update({
                        stars: event.target.checked
                          ? [...params.stars, stars].sort()
                          : params.stars.filter((value) => value !== stars),
                      })
                    }
                  />
                  {withCount(t('search.starsOption', { stars }), countOf(data?.facets.stars, stars))}
                </label>
              ))}
            </div>
          </fieldset>

          <fieldset className="field">
            <legend>{t('search.price')}</legend>
            <div className="check-row">
              <label className="check">
                <input
                  type="radio"
                  name="price"
                  checked={params.price === null}
                  onChange={() => update({ price: null })}
                />
                {t('search.anyPrice')}
              </label>
              {PRICE_BANDS.map((band) => (
                <label key={band.code} className="check">
                  <input
                    type="radio"
                    name="price"
                    checked={params.price === band.code}
                    onChange={() => update({ price: band.code })}
                  />
                  {withCount(
                    t(`search.priceBand.${band.code}`),
                    countOf<PriceBandCode>(data?.facets.priceBands, band.code),
                  )}
                </label>
              ))}
            </div>
          </fieldset>

          {/* The shop listing (catalog) cannot filter by certificate, so the choice is not offered there. */}
          {!params.seller ? (
            <fieldset className="field">
              <legend>{t('search.certificates')}</legend>
              <div className="check-row">
                {CERTIFICATE_KINDS.map((kind) => (
                  <label key={kind} className="check">
                    <input
                      type="checkbox"
                      checked={params.certificates.includes(kind)}
                      onChange={(event) =>
                        update({
                          certificates: event.target.checked
                            ? [...params.certificates, kind].sort()
                            : params.certificates.filter((value) => value !== kind),
                        })
                      }
                    />
                    {withCount(t(`quality.${kind}`), countOf(data?.facets.certificates, kind))}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}

          <div className="field">
            <label htmlFor={`${ids.title}-commune`}>{t('search.commune')}</label>
            <select
              id={`${ids.title}-commune`}
              value={params.commune ?? ''}
              onChange={(event) => update({ commune: event.target.value || null })}
            >
              <option value="">{t('search.allCommunes')}</option>
              {communeOptions.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {withCount(entry.name, entry.count)}
                </option>
              ))}
              {/* A shared link may name a commune that has no products now; it stays selectable. */}
              {params.commune && !communeOptions.some((entry) => entry.code === params.commune) ? (
                <option value={params.commune}>{params.commune}</option>
              ) : null}
            </select>
          </div>

          {hasFilters ? (
            <button type="button" className="button button-secondary" onClick={clearFilters}>
              {t('search.clearFilters')}
            </button>
          ) : null}
        </div>
      </details>

      {active.length > 0 ? (
        <ul className="chip-list active-filters" aria-label={t('search.activeFilters')} data-testid="active-filters">
          {active.map((filter) => (
            <li key={filter.key}>
              <button
                type="button"
                className="chip chip-removable"
                aria-label={t('search.removeFilter', { filter: filter.label })}
                onClick={() => update(filter.clear)}
              >
                {filter.label}
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}

      <div className="results-bar">
        <p className="result-status" role="status" aria-live="polite" id={ids.status} data-testid="search-status">
          {status}
        </p>
        <div className="sort">
          <label htmlFor={ids.sort}>{t('search.sort')}</label>
          <select
            id={ids.sort}
            value={params.sort}
            onChange={(event) => update({ sort: event.target.value as SearchSort })}
          >
            {sorts.map((sort) => (
              <option key={sort} value={sort}>
                {t(`search.sort.${sort}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      {results.isError ? (
        <ErrorPanel title={t('search.error')} error={results.error} onRetry={() => void results.refetch()} />
      ) : results.isPending ? (
        <ProductGridSkeleton count={8} />
      ) : data && data.items.length === 0 ? (
        <div className="panel panel-empty" data-testid="search-empty">
          <p className="panel-title">{params.q ? t('search.emptyFor', { query: params.q }) : t('search.empty')}</p>
          <p className="muted">{t('search.emptyHint')}</p>
          <p className="button-row">
            {hasFilters ? (
              <button type="button" className="button button-secondary" onClick={clearFilters}>
                {t('search.clearFilters')}
              </button>
            ) : null}
            <Link to="/tim-kiem" className="button button-secondary">
              {t('search.browseAll')}
            </Link>
          </p>
        </div>
      ) : data ? (
        <div aria-busy={updating} className={updating ? 'is-updating' : undefined}>
          <ProductGrid products={data.items} eagerCount={2} />
          <Pagination
            page={data.page}
            pageCount={Math.max(1, Math.ceil(data.total / data.pageSize))}
            hrefFor={(page) => `?${writeParams({ ...params, page })}`}
          />
        </div>
      ) : null}
    </div>
  );
}
