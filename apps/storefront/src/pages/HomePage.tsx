import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  cardOfSummary,
  categoriesQuery,
  FEATURED_COUNT,
  FEATURED_STARS,
  featuredQuery,
  listCatalogProducts,
} from '../api/catalog';
import { communesWithProducts } from '../api/search';
import { RECENT_BATCH_COUNT, recentBatchesQuery } from '../api/trace';
import { CommuneDirectory } from '../components/CommuneDirectory';
import { ErrorPanel } from '../components/ErrorPanel';
import { ProductGrid, ProductGridSkeleton } from '../components/ProductCard';
import { WhenNear } from '../components/WhenNear';
import { formatDateTime } from '../format';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';
import { categoryName } from '../labels';
import { placeName } from '../place';
import { usePlatform } from '../queries';

const BY_COMMUNE_COUNT = 4;

export function HomePage() {
  const { t, tn } = useI18n();
  const platform = usePlatform();
  const province = platform.data?.homeProvince;
  const name = province ? t('app.name', { province: province.name }) : t('app.nameFallback');
  useDocumentTitle(t('home.metaTitle', { name }));

  if (platform.isError) {
    return <ErrorPanel title={t('home.error')} error={platform.error} onRetry={() => void platform.refetch()} />;
  }

  // While the province loads, the same blocks render with placeholders of about the same size,
  // so nothing jumps when the data arrives (layout shift weighs on the mobile performance score).
  return (
    <>
      <section className="hero" aria-labelledby="hero-title" aria-busy={!province}>
        <p className="eyebrow">{t('home.eyebrow')}</p>
        <h1 id="hero-title">
          {province ? (
            t('home.title', { place: placeName(t, province) })
          ) : (
            <span className="placeholder-text">{t('home.loading')}</span>
          )}
        </h1>
        <p className="lead">{t('home.lead')}</p>
        <p className="hero-facts">
          {province ? (
            <span className="pill" data-testid="commune-count">
              {tn('home.communeStat', province.communeCount)}
            </span>
          ) : (
            <span className="pill pill-placeholder" aria-hidden="true" />
          )}
        </p>
      </section>
      <Categories />
      <FeaturedProducts />
      <WhenNear title={t('home.byCommune')} minHeight="40rem">
        <ProductsByCommune />
      </WhenNear>
      <WhenNear title={t('home.recentBatches')} minHeight="36rem">
        <RecentBatches />
      </WhenNear>
      <WhenNear title={t('communes.title')} minHeight="56rem">
        <CommuneDirectory province={province} />
      </WhenNear>
    </>
  );
}

function Categories() {
  const { t, language } = useI18n();
  const categories = useQuery(categoriesQuery);
  const top = (categories.data ?? []).filter((category) => category.parentCode === null && category.productCount > 0);

  return (
    <section className="home-section" aria-labelledby="categories-title">
      <h2 id="categories-title">{t('home.categories')}</h2>
      {categories.isError ? (
        <ErrorPanel
          title={t('home.categoriesError')}
          error={categories.error}
          onRetry={() => void categories.refetch()}
        />
      ) : categories.isPending ? (
        <ul className="chip-list chip-row" aria-hidden="true">
          {Array.from({ length: 6 }, (_, index) => (
            <li key={index} className="chip chip-skeleton" />
          ))}
        </ul>
      ) : top.length === 0 ? (
        <p className="muted">{t('home.noProducts')}</p>
      ) : (
        <ul className="chip-list chip-row" data-testid="category-list">
          {top.map((category) => (
            <li key={category.code}>
              <Link className="chip" to={`/tim-kiem?category=${category.code}`}>
                {categoryName(language, category)}
                <span className="chip-count">{category.productCount}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FeaturedProducts() {
  const { t } = useI18n();
  const featured = useQuery(featuredQuery);
  const items = featured.data?.items.map(cardOfSummary) ?? [];

  return (
    <section className="home-section" aria-labelledby="featured-title">
      <div className="section-head section-head-row">
        <h2 id="featured-title">{t('home.featured')}</h2>
        <Link to={`/tim-kiem?stars=${FEATURED_STARS.join(',')}`}>{t('home.seeAll')}</Link>
      </div>
      <p className="muted">{t('home.featuredIntro')}</p>
      {featured.isError ? (
        <ErrorPanel title={t('home.productsError')} error={featured.error} onRetry={() => void featured.refetch()} />
      ) : featured.isPending ? (
        <ProductGridSkeleton count={FEATURED_COUNT} />
      ) : items.length === 0 ? (
        <p className="panel panel-empty">{t('home.noFeatured')}</p>
      ) : (
        <ProductGrid products={items} eagerCount={2} />
      )}
    </section>
  );
}

function ProductsByCommune() {
  const { t, tn } = useI18n();
  const communes = useQuery({
    queryKey: ['catalog', 'communes-with-products'],
    queryFn: ({ signal }) => communesWithProducts(signal),
    staleTime: 5 * 60_000,
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const list = communes.data ?? [];
  const selected = list.find((commune) => commune.code === chosen) ?? list[0];

  const products = useQuery({
    queryKey: ['catalog', 'by-commune', selected?.code],
    queryFn: ({ signal }) =>
      listCatalogProducts({ commune: selected?.code, sort: 'newest', pageSize: BY_COMMUNE_COUNT }, signal),
    enabled: selected !== undefined,
    staleTime: 5 * 60_000,
  });

  return (
    <section className="home-section below-fold" aria-labelledby="by-commune-title">
      <h2 id="by-commune-title">{t('home.byCommune')}</h2>
      <p className="muted">{t('home.byCommuneIntro')}</p>
      {communes.isError ? (
        <ErrorPanel title={t('home.productsError')} error={communes.error} onRetry={() => void communes.refetch()} />
      ) : communes.isPending ? (
        <>
          <ul className="chip-list chip-row" aria-hidden="true">
            {Array.from({ length: 4 }, (_, index) => (
              <li key={index} className="chip chip-skeleton" />
            ))}
          </ul>
          <ProductGridSkeleton count={BY_COMMUNE_COUNT} />
        </>
      ) : !selected ? (
        <p className="panel panel-empty">{t('home.noProducts')}</p>
      ) : (
        <>
          <div
            className="chip-list chip-row"
            role="group"
            aria-label={t('home.byCommuneChoose')}
            data-testid="commune-chips"
          >
            {list.map((commune) => (
              <button
                key={commune.code}
                type="button"
                className="chip"
                aria-pressed={commune.code === selected.code}
                onClick={() => setChosen(commune.code)}
              >
                {commune.name}
                <span className="chip-count">{commune.count}</span>
              </button>
            ))}
          </div>
          {products.isError ? (
            <ErrorPanel
              title={t('home.productsError')}
              error={products.error}
              onRetry={() => void products.refetch()}
            />
          ) : products.isPending ? (
            <ProductGridSkeleton count={BY_COMMUNE_COUNT} />
          ) : (
            <>
              <ProductGrid products={products.data.items.map(cardOfSummary)} />
              <p className="section-more">
                <Link to={`/tim-kiem?commune=${selected.code}`}>
                  {tn('home.byCommuneAll', products.data.total, { commune: selected.name })}
                </Link>
              </p>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** The newest batches with a recorded production log: each opens its trace page (served by the API). */
function RecentBatches() {
  const { t, language } = useI18n();
  const batches = useQuery(recentBatchesQuery);

  return (
    <section className="home-section below-fold" aria-labelledby="recent-batches-title">
      <h2 id="recent-batches-title">{t('home.recentBatches')}</h2>
      <p className="muted">{t('home.recentBatchesIntro')}</p>
      {batches.isError ? (
        <ErrorPanel title={t('home.recentBatchesError')} error={batches.error} onRetry={() => void batches.refetch()} />
      ) : batches.isPending ? (
        <ul className="batch-list" aria-hidden="true">
          {Array.from({ length: RECENT_BATCH_COUNT }, (_, index) => (
            <li key={index} className="batch-card batch-card-skeleton">
              <span className="skeleton-line" />
              <span className="skeleton-line skeleton-line-short" />
            </li>
          ))}
        </ul>
      ) : batches.data.length === 0 ? (
        <p className="panel panel-empty">{t('home.noRecentBatches')}</p>
      ) : (
        <ul className="batch-list" data-testid="recent-batches">
          {batches.data.map((batch) => (
            <li key={batch.code} className="batch-card">
              {batch.product.imageUrl ? (
                <img src={batch.product.imageUrl} alt="" width={96} height={72} loading="lazy" decoding="async" />
              ) : (
                <span className="image-missing" aria-hidden="true" />
              )}
              <div className="batch-card-body">
                <p className="batch-card-name">
                  <Link to={`/san-pham/${batch.product.slug}`}>{batch.product.name}</Link>
                </p>
                <p className="muted small">
                  {batch.producer.name} · {batch.origin.name}
                </p>
                <p className="small">
                  {t('home.recordedAt', { time: formatDateTime(language, batch.recordedAt) })} ·{' '}
                  <a href={batch.tracePath}>{t('home.traceLink', { code: batch.code })}</a>
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
