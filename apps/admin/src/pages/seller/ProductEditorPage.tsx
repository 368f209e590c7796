import type { Schemas } from '@ocop/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FormError } from '../../components/FormError';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { sellerKeys, useMyOrganisation } from '../../queries';
import { PRODUCT_TONES } from '../../statuses';
import { OcopSection } from './OcopSection';
import { ProductDetailsForm } from './ProductDetailsForm';
import { ProductImages } from './ProductImages';
import { QualitySection } from './QualitySection';

type Product = Schemas['SellerProductDto'];
type StatusAction = 'publish' | 'unpublish' | 'archive' | 'delete';

/** Actions that take the product away from buyers, or remove it, are confirmed first. */
const CONFIRMED: Record<StatusAction, boolean> = { publish: false, unpublish: true, archive: true, delete: true };

export function NewProductPage() {
  const { t } = useI18n();
  const account = useAccount();
  const navigate = useNavigate();
  const client = useQueryClient();
  useDocumentTitle(t('productEditor.newTitle'));
  return (
    <>
      <PageHead
        title={t('productEditor.newTitle')}
        intro={t('productEditor.newIntro')}
        back={{ to: '/products', label: t('productEditor.back') }}
      />
      <section className="card form-card" aria-label={t('productEditor.newTitle')}>
        <ProductDetailsForm
          product={null}
          submitLabel={t('productEditor.create')}
          save={(body) => unwrap(api.POST('/api/seller/products', { body }))}
          onSaved={(product) => {
            client.setQueryData(sellerKeys.product(account.id, product.id), product);
            void client.invalidateQueries({ queryKey: sellerKeys.products(account.id), exact: true });
            // Images and certificates need the product to exist: continue on its page.
            void navigate(`/products/${product.id}`, { replace: true, state: { created: true } });
          }}
        />
      </section>
    </>
  );
}

export function ProductEditorPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const account = useAccount();
  const product = useQuery({
    queryKey: sellerKeys.product(account.id, id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/seller/products/{id}', { params: { path: { id } }, signal })),
  });
  useDocumentTitle(product.data?.name ?? t('productEditor.metaTitle'));

  if (product.isPending) return <PageStatus>{t('common.loading')}</PageStatus>;
  if (product.isError) {
    return (
      <>
        <PageHead title={t('productEditor.metaTitle')} back={{ to: '/products', label: t('productEditor.back') }} />
        <ErrorPanel title={t('productEditor.error')} error={product.error} onRetry={() => void product.refetch()} />
      </>
    );
  }
  return <ProductEditor product={product.data} />;
}

function ProductEditor({ product }: { product: Product }) {
  const { t, language } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const navigate = useNavigate();
  const organisation = useMyOrganisation();
  const [pending, setPending] = useState<StatusAction | null>(null);
  const [done, setDone] = useState<StatusAction | null>(null);
  const key = sellerKeys.product(account.id, product.id);

  const update = (updated: Product) => {
    client.setQueryData(key, updated);
    void client.invalidateQueries({ queryKey: sellerKeys.products(account.id), exact: true });
  };

  const act = useMutation({
    mutationFn: async (action: StatusAction): Promise<Product | null> => {
      const params = { path: { id: product.id } };
      switch (action) {
        case 'publish':
          return unwrap(api.POST('/api/seller/products/{id}/publish', { params }));
        case 'unpublish':
          return unwrap(api.POST('/api/seller/products/{id}/unpublish', { params }));
        case 'archive':
          return unwrap(api.POST('/api/seller/products/{id}/archive', { params }));
        case 'delete':
          await unwrap(api.DELETE('/api/seller/products/{id}', { params }));
          return null;
      }
    },
    onSuccess: (updated, action) => {
      setPending(null);
      setDone(action);
      if (updated) {
        update(updated);
        return;
      }
      client.removeQueries({ queryKey: key });
      void client.invalidateQueries({ queryKey: sellerKeys.products(account.id), exact: true });
      void navigate('/products', { replace: true });
    },
  });

  const run = (action: StatusAction) => {
    act.reset();
    setDone(null);
    if (CONFIRMED[action]) setPending(action);
    else act.mutate(action);
  };

  const actions: StatusAction[] =
    product.status === 'draft'
      ? ['publish', 'archive', 'delete']
      : product.status === 'published'
        ? ['unpublish', 'archive']
        : ['publish'];
  const notApproved = organisation.data && organisation.data.status !== 'approved';
  // Publishing is never confirmed, so the dialog only ever words the other actions.
  const confirming = (pending ?? 'archive') as Exclude<StatusAction, 'publish'>;

  return (
    <>
      <PageHead
        titleId="product-title"
        title={product.name}
        back={{ to: '/products', label: t('productEditor.back') }}
        actions={actions.map((action) => (
          <button
            key={action}
            type="button"
            className={
              action === 'publish'
                ? 'button'
                : action === 'delete'
                  ? 'button button-danger-outline'
                  : 'button button-secondary'
            }
            disabled={act.isPending || (action === 'publish' && notApproved)}
            onClick={() => run(action)}
          >
            {act.isPending && act.variables === action ? <span className="spinner" aria-hidden="true" /> : null}
            {t(`productEditor.action.${action}`)}
          </button>
        ))}
      />
      <p className="status-line">
        <StatusBadge tone={PRODUCT_TONES[product.status]} testId="product-status">
          {t(`productStatus.${product.status}`)}
        </StatusBadge>
        <span className="muted small">
          {product.publishedAt
            ? t('productEditor.publishedAt', { time: formatDateTime(language, product.publishedAt) })
            : t('productEditor.updatedAt', { time: formatDateTime(language, product.updatedAt) })}
        </span>
      </p>
      {notApproved ? (
        <p className="notice">
          {t('productEditor.notApproved')} <Link to="/my-organisation">{t('productEditor.seeOrganisation')}</Link>
        </p>
      ) : null}
      {done && done !== 'delete' ? (
        <p className="notice notice-success" role="status" data-testid="product-done">
          {t(`productEditor.done.${done}`)}
        </p>
      ) : null}
      {act.isError && !pending ? <FormError failure={act.error} title={t('productEditor.actionFailed')} /> : null}

      <nav className="section-nav" aria-label={t('productEditor.sections')}>
        <a href="#details">{t('productEditor.details')}</a>
        <a href="#images">{t('productEditor.images')}</a>
        <a href="#ocop">{t('productEditor.ocop')}</a>
        <a href="#quality">{t('productEditor.quality')}</a>
      </nav>

      <section id="details" className="card form-card" aria-labelledby="details-title">
        <h2 id="details-title">{t('productEditor.details')}</h2>
        <ProductDetailsForm
          key={product.id}
          product={product}
          submitLabel={t('productEditor.save')}
          save={(body) =>
            unwrap(api.PATCH('/api/seller/products/{id}', { params: { path: { id: product.id } }, body }))
          }
          onSaved={update}
        />
      </section>
      <section id="images" className="card form-card" aria-labelledby="images-title">
        <h2 id="images-title">{t('productEditor.images')}</h2>
        <ProductImages product={product} onChanged={() => void client.invalidateQueries({ queryKey: key })} />
      </section>
      <section id="ocop" className="card form-card" aria-labelledby="ocop-title">
        <h2 id="ocop-title">{t('productEditor.ocop')}</h2>
        <OcopSection product={product} onChanged={() => void client.invalidateQueries({ queryKey: key })} />
      </section>
      <section id="quality" className="card form-card" aria-labelledby="quality-title">
        <h2 id="quality-title">{t('productEditor.quality')}</h2>
        <QualitySection product={product} onChanged={() => void client.invalidateQueries({ queryKey: key })} />
      </section>

      <ConfirmDialog
        open={pending !== null}
        title={t(`productEditor.confirm.${confirming}.title`, { name: product.name })}
        confirmLabel={t(`productEditor.action.${confirming}`)}
        busy={act.isPending}
        failure={act.error}
        onConfirm={() => pending && act.mutate(pending)}
        onCancel={() => setPending(null)}
      >
        <p>{t(`productEditor.confirm.${confirming}.body`)}</p>
      </ConfirmDialog>
    </>
  );
}
