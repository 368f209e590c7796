import type { Schemas } from '@ocop/api-client';
import { formatDong } from '@ocop/shared';
import { usePrefetchQuery, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { cardOfSummary, categoriesQuery, listCatalogProducts } from '../api/catalog';
import { api } from '../api/client';
import { ApiRequestError, unwrap } from '../api/request';
import { productTraceQuery } from '../api/trace';
import { useCartActions } from '../cart/useCart';
import { ErrorPanel } from '../components/ErrorPanel';
import { OcopBadge } from '../components/OcopBadge';
import { PageStatus } from '../components/PageStatus';
import { ProductGrid } from '../components/ProductCard';
import { QuantityInput } from '../components/QuantityInput';
import { TraceSummary } from '../components/TraceSummary';
import { errorMessageKey } from '../errors';
import { formatDate } from '../format';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';
import { categoryName } from '../labels';
import { NotFoundPage } from './NotFoundPage';

type Product = Schemas['ProductDetailDto'];
type Variant = Schemas['PublicVariantDto'];

const MORE_FROM_SELLER = 4;

export default function ProductPage() {
  const { slug = '' } = useParams();
  const { t } = useI18n();
  const product = useQuery({
    queryKey: ['product', slug],
    queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/products/{slug}', { params: { path: { slug } }, signal })),
  });
  // Asked for alongside the product rather than after it renders: one round trip less on a phone.
  usePrefetchQuery(productTraceQuery(slug));
  useDocumentTitle(product.data ? t('product.metaTitle', { name: product.data.name }) : t('product.metaTitleLoading'));

  if (product.isPending) return <PageStatus>{t('product.loading')}</PageStatus>;
  if (product.isError) {
    if (product.error instanceof ApiRequestError && product.error.status === 404) {
      return <NotFoundPage title={t('product.notFound')} body={t('product.notFoundBody')} />;
    }
    return <ErrorPanel title={t('product.error')} error={product.error} onRetry={() => void product.refetch()} />;
  }
  // Keyed, so that moving to another product starts with its own first variant and photo.
  return <ProductView key={product.data.slug} product={product.data} />;
}

function ProductView({ product }: { product: Product }) {
  const { t, language } = useI18n();
  const firstInStock = product.variants.find((variant) => variant.inStock) ?? product.variants[0];
  const [variantId, setVariantId] = useState(firstInStock?.id);
  const variant = product.variants.find((candidate) => candidate.id === variantId);
  // The product carries its category's Vietnamese name; the list has both.
  const categories = useQuery(categoriesQuery);
  const category = categories.data?.find((candidate) => candidate.code === product.categoryCode);

  return (
    <article className="product-page" aria-labelledby="product-title">
      <nav className="breadcrumb" aria-label={t('breadcrumb.label')}>
        <ol>
          <li>
            <Link to="/">{t('breadcrumb.home')}</Link>
          </li>
          <li>
            <Link to={`/tim-kiem?category=${product.categoryCode}`}>
              {category ? categoryName(language, category) : product.categoryName}
            </Link>
          </li>
        </ol>
      </nav>

      <div className="product-top">
        <Gallery product={product} />
        <div className="product-buy">
          <h1 id="product-title">{product.name}</h1>
          <OcopBadge stars={product.ocop?.stars ?? null} expired={product.ocop?.expired ?? false} />
          <p className="product-seller-line">
            {t('product.soldBy')}{' '}
            {product.seller.slug ? (
              <Link to={`/cua-hang/${product.seller.slug}`}>{product.seller.name}</Link>
            ) : (
              product.seller.name
            )}
            {product.seller.commune ? <span className="muted"> · {product.seller.commune.name}</span> : null}
          </p>
          <p className="product-price" data-testid="product-price">
            {formatDong(variant?.price ?? product.listPrice)}
          </p>
          <BuyBox product={product} variant={variant} onVariant={setVariantId} />
        </div>
      </div>

      <div className="product-sections">
        {product.descriptionHtml.trim() ? (
          <section className="section" aria-labelledby="description-title">
            <h2 id="description-title">{t('product.description')}</h2>
            {/* Sanitised by the API when the seller saved it (an allow-list of formatting tags). */}
            <div className="rich-text" dangerouslySetInnerHTML={{ __html: product.descriptionHtml }} />
          </section>
        ) : null}

        <Certificates product={product} />

        <section className="section" aria-labelledby="origin-title">
          <h2 id="origin-title">{t('product.origin')}</h2>
          <dl className="facts">
            {product.seller.commune ? (
              <div>
                <dt>{t('product.madeIn')}</dt>
                <dd>{product.seller.commune.name}</dd>
              </div>
            ) : null}
            {product.growingAreaCode ? (
              <div>
                <dt>{t('product.growingArea')}</dt>
                <dd>{product.growingAreaCode}</dd>
              </div>
            ) : null}
            {product.packagingMaterial ? (
              <div>
                <dt>{t('product.packaging')}</dt>
                <dd>{t(`packaging.${product.packagingMaterial}`)}</dd>
              </div>
            ) : null}
            {variant?.gtin ? (
              <div>
                <dt>{t('product.gtin')}</dt>
                <dd>{variant.gtin}</dd>
              </div>
            ) : null}
          </dl>
        </section>

        <TraceSummary slug={product.slug} />

        <section className="section seller-card" aria-labelledby="seller-title">
          <h2 id="seller-title">{t('product.seller')}</h2>
          <p className="seller-card-name">{product.seller.name}</p>
          <p className="muted">
            {t(`legalType.${product.seller.legalType}`)}
            {product.seller.commune ? ` · ${product.seller.commune.name}` : ''}
          </p>
          {product.seller.slug ? (
            <Link to={`/cua-hang/${product.seller.slug}`} className="button button-secondary">
              {t('product.visitShop')}
            </Link>
          ) : null}
        </section>

        {product.seller.slug ? <MoreFromSeller sellerSlug={product.seller.slug} except={product.slug} /> : null}
      </div>
      <p className="muted small product-published">
        {t('product.published', { date: formatDate(language, product.publishedAt) })}
      </p>
    </article>
  );
}

function Gallery({ product }: { product: Product }) {
  const { t } = useI18n();
  const [index, setIndex] = useState(0);
  const image = product.images[index] ?? product.images[0];
  if (!image) {
    return (
      <div className="gallery">
        <div className="gallery-main">
          <span className="image-missing" role="img" aria-label={t('product.noPhoto')} />
        </div>
      </div>
    );
  }
  return (
    <div className="gallery">
      <div className="gallery-main">
        {/* The largest element above the fold: fetched first, with its box reserved. */}
        <img src={image.url} alt={image.altText || product.name} width={800} height={600} fetchPriority="high" />
      </div>
      {product.images.length > 1 ? (
        <ul className="gallery-thumbs" aria-label={t('product.photos')}>
          {product.images.map((candidate, position) => (
            <li key={candidate.url}>
              <button
                type="button"
                aria-pressed={position === index}
                aria-label={t('product.photoN', { n: position + 1, count: product.images.length })}
                onClick={() => setIndex(position)}
              >
                <img src={candidate.url} alt="" width={80} height={60} loading="lazy" decoding="async" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function BuyBox({
  product,
  variant,
  onVariant,
}: {
  product: Product;
  variant: Variant | undefined;
  onVariant: (id: string) => void;
}) {
  const { t, tn } = useI18n();
  const ids = { variants: useId(), stock: useId() };
  const [quantity, setQuantity] = useState(1);
  const { add } = useCartActions();
  const [added, setAdded] = useState<number | null>(null);

  const buy = () => {
    if (!variant) return;
    setAdded(null);
    add.mutate({ variantId: variant.id, quantity }, { onSuccess: () => setAdded(quantity) });
  };

  return (
    <div className="buy-box">
      {product.variants.length > 1 ? (
        <fieldset className="variant-picker">
          <legend id={ids.variants}>{t('product.variant')}</legend>
          <div className="variant-options">
            {product.variants.map((candidate) => (
              <label key={candidate.id} className="variant-option">
                <input
                  type="radio"
                  name="variant"
                  value={candidate.id}
                  checked={candidate.id === variant?.id}
                  onChange={() => {
                    onVariant(candidate.id);
                    setAdded(null);
                    add.reset();
                  }}
                />
                <span className="variant-label">{candidate.label}</span>
                <span className="variant-price">{formatDong(candidate.price)}</span>
                {!candidate.inStock ? <span className="variant-stock">{t('product.outOfStock')}</span> : null}
              </label>
            ))}
          </div>
        </fieldset>
      ) : variant ? (
        <p className="variant-single">{variant.label}</p>
      ) : null}

      <p id={ids.stock} className={variant?.inStock ? 'stock stock-in' : 'stock stock-out'} data-testid="stock">
        {variant?.inStock ? t('product.inStock') : t('product.outOfStock')}
      </p>

      {variant?.inStock ? (
        <div className="buy-row">
          <QuantityInput
            value={quantity}
            onChange={(next) => {
              setQuantity(next);
              add.reset();
            }}
            label={t('quantity.label')}
            describedBy={ids.stock}
            disabled={add.isPending}
          />
          <button type="button" className="button button-buy" onClick={buy} disabled={add.isPending}>
            {add.isPending ? <span className="spinner" aria-hidden="true" /> : null}
            {t('product.addToCart')}
          </button>
        </div>
      ) : (
        <p className="muted">{t('product.outOfStockHint')}</p>
      )}

      <div role="status" aria-live="polite" className="buy-feedback">
        {added !== null ? (
          <p className="notice notice-success">
            {tn('product.added', added)} <Link to="/gio-hang">{t('product.viewCart')}</Link>
          </p>
        ) : null}
      </div>
      {add.isError ? (
        <p className="form-error" role="alert">
          {add.error instanceof ApiRequestError && add.error.code === 'insufficient_stock'
            ? t('product.notEnoughStock')
            : t(errorMessageKey(add.error))}
        </p>
      ) : null}
    </div>
  );
}

function Certificates({ product }: { product: Product }) {
  const { t, language } = useI18n();
  const ocop = product.ocop;
  if (!ocop && product.qualityCertificates.length === 0) return null;
  return (
    <section className="section" aria-labelledby="certificates-title">
      <h2 id="certificates-title">{t('product.certificates')}</h2>
      <ul className="certificates">
        {ocop ? (
          <li className="certificate" data-testid="ocop-certificate">
            <p className="certificate-title">
              {ocop.stars !== null ? t('product.ocopTitle', { stars: ocop.stars }) : t('product.ocopTitleExpired')}
              <Validity expired={ocop.expired} />
            </p>
            <p className="muted small">
              {t('product.certificateNumber', { number: ocop.certificateNumber })} ·{' '}
              {t(`ocop.level.${ocop.issuingLevel}`)} · {ocop.issuingAuthority}
            </p>
            <p className="small">
              {t('product.validFromTo', {
                from: formatDate(language, ocop.issuedOn),
                to: formatDate(language, ocop.expiresOn),
              })}
            </p>
          </li>
        ) : null}
        {product.qualityCertificates.map((certificate) => (
          <li key={`${certificate.kind}-${certificate.certificateNumber}`} className="certificate">
            <p className="certificate-title">
              {t(`quality.${certificate.kind}`)}
              <Validity expired={certificate.expired} />
            </p>
            <p className="muted small">
              {t('product.certificateNumber', { number: certificate.certificateNumber })} · {certificate.issuer}
            </p>
            <p className="small">{t('product.validTo', { to: formatDate(language, certificate.expiresOn) })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Validity({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  return (
    <span className={expired ? 'validity validity-expired' : 'validity validity-valid'}>
      {expired ? t('product.expired') : t('product.valid')}
    </span>
  );
}

function MoreFromSeller({ sellerSlug, except }: { sellerSlug: string; except: string }) {
  const { t } = useI18n();
  const more = useQuery({
    queryKey: ['catalog', 'seller-products', sellerSlug],
    queryFn: ({ signal }) =>
      listCatalogProducts({ seller: sellerSlug, sort: 'newest', pageSize: MORE_FROM_SELLER + 1 }, signal),
    staleTime: 5 * 60_000,
  });
  const items = (more.data?.items ?? [])
    .filter((item) => item.slug !== except)
    .slice(0, MORE_FROM_SELLER)
    .map(cardOfSummary);
  // Secondary content: while it loads or if it fails, the page simply goes without it.
  if (items.length === 0) return null;
  return (
    <section className="section" aria-labelledby="more-title">
      <div className="section-head section-head-row">
        <h2 id="more-title">{t('product.moreFromSeller')}</h2>
        <Link to={`/cua-hang/${sellerSlug}`}>{t('home.seeAll')}</Link>
      </div>
      <ProductGrid products={items} />
    </section>
  );
}
