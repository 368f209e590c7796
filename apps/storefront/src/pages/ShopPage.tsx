import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { cardOfSummary } from '../api/catalog';
import { api } from '../api/client';
import { ApiRequestError, unwrap } from '../api/request';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageStatus } from '../components/PageStatus';
import { ProductGrid } from '../components/ProductCard';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';
import { NotFoundPage } from './NotFoundPage';

/** Only web addresses are links: a stored value is never turned into a `javascript:` URL. */
function safeWebsite(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

export default function ShopPage() {
  const { slug = '' } = useParams();
  const { t, tn } = useI18n();
  const shop = useQuery({
    queryKey: ['shop', slug],
    queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/sellers/{slug}', { params: { path: { slug } }, signal })),
  });
  useDocumentTitle(shop.data ? t('shop.metaTitle', { name: shop.data.name }) : t('shop.metaTitleLoading'));

  if (shop.isPending) return <PageStatus>{t('shop.loading')}</PageStatus>;
  if (shop.isError) {
    if (shop.error instanceof ApiRequestError && shop.error.status === 404) {
      return <NotFoundPage title={t('shop.notFound')} body={t('shop.notFoundBody')} />;
    }
    return <ErrorPanel title={t('shop.error')} error={shop.error} onRetry={() => void shop.refetch()} />;
  }

  const data = shop.data;
  const website = safeWebsite(data.websiteUrl);
  return (
    <div className="shop-page">
      <section className="shop-head" aria-labelledby="shop-title">
        <p className="eyebrow">{t(`legalType.${data.legalType}`)}</p>
        <h1 id="shop-title">{data.name}</h1>
        {data.commune ? <p className="shop-commune">{t('shop.commune', { commune: data.commune.name })}</p> : null}
        <p className="pill">{tn('shop.productCount', data.productCount)}</p>
      </section>

      <section className="section" aria-labelledby="story-title">
        <h2 id="story-title">{t('shop.story')}</h2>
        {data.story.trim() ? <p className="story">{data.story}</p> : <p className="muted">{t('shop.noStory')}</p>}
        {website ? (
          <p>
            <a href={website} target="_blank" rel="noopener noreferrer nofollow">
              {t('shop.website')}
            </a>
          </p>
        ) : null}
      </section>

      <section className="section" aria-labelledby="shop-products-title">
        <div className="section-head section-head-row">
          <h2 id="shop-products-title">{t('shop.products')}</h2>
          {data.productCount > data.products.length ? (
            <Link to={`/tim-kiem?seller=${data.slug ?? slug}`}>{t('home.seeAll')}</Link>
          ) : null}
        </div>
        {data.products.length === 0 ? (
          <p className="panel panel-empty">{t('shop.noProducts')}</p>
        ) : (
          <ProductGrid products={data.products.map(cardOfSummary)} eagerCount={2} />
        )}
      </section>
    </div>
  );
}
