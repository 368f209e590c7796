import type { Schemas } from '@ocop/api-client';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { FilterTabs, Pagination, SearchField, SortHeader } from '../../components/ListControls';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { TableRegion } from '../../components/TableRegion';
import { formatDateTime, formatDong } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { compareInstant, compareNumber, compareText, useListView } from '../../list';
import { sellerKeys, useCategories } from '../../queries';
import { PRODUCT_STATUSES, PRODUCT_TONES, type ProductStatus } from '../../statuses';

type Product = Schemas['SellerProductSummaryDto'];
type StatusFilter = ProductStatus | 'all';
/** The API's largest page: a cooperative's whole range fits, so search and sort work on all of it. */
const FETCH_SIZE = 200;

const SORTERS = {
  name: (a: Product, b: Product) => compareText(a.name, b.name),
  price: (a: Product, b: Product) => compareNumber(a.listPrice, b.listPrice),
  updatedAt: (a: Product, b: Product) => compareInstant(a.updatedAt, b.updatedAt),
};
const searchText = (product: Product) => product.name;

export function ProductsPage() {
  const { t, tn, language } = useI18n();
  const account = useAccount();
  useDocumentTitle(t('products.metaTitle'));
  const categories = useCategories();
  const products = useQuery({
    queryKey: sellerKeys.products(account.id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/seller/products', { params: { query: { page: 1, pageSize: FETCH_SIZE } }, signal })),
  });
  const [params] = useSearchParams();
  const statusParam = params.get('status');
  const status: StatusFilter = (PRODUCT_STATUSES as readonly string[]).includes(statusParam ?? '')
    ? (statusParam as ProductStatus)
    : 'all';
  const items = products.data?.items ?? [];
  const view = useListView({
    items: items.filter((product) => status === 'all' || product.status === status),
    searchText,
    sorters: SORTERS,
    defaultSort: { key: 'updatedAt', direction: 'desc' },
  });
  const categoryName = (code: string) => {
    const category = categories.data?.find((candidate) => candidate.code === code);
    return category ? (language === 'vi' ? category.nameVi : category.nameEn) : code;
  };

  return (
    <>
      <PageHead
        titleId="products-title"
        title={t('products.title')}
        intro={t('products.intro')}
        actions={
          <Link to="/products/new" className="button">
            {t('products.new')}
          </Link>
        }
      />
      {products.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : products.isError ? (
        <ErrorPanel title={t('products.error')} error={products.error} onRetry={() => void products.refetch()} />
      ) : products.data.total === 0 ? (
        <EmptyState
          testId="products-empty"
          title={t('products.empty')}
          hint={t('products.emptyHint')}
          action={
            <Link to="/products/new" className="button">
              {t('products.new')}
            </Link>
          }
        />
      ) : (
        <>
          <div className="toolbar">
            <FilterTabs<StatusFilter>
              label={t('products.filterLabel')}
              value={status}
              onChange={(value) => view.setFilter('status', value === 'all' ? null : value)}
              options={[
                { value: 'all', label: t('common.all'), count: items.length },
                ...PRODUCT_STATUSES.map((value) => ({
                  value,
                  label: t(`productStatus.${value}`),
                  count: items.filter((product) => product.status === value).length,
                })),
              ]}
            />
            <SearchField label={t('products.search')} value={view.query} onChange={view.setQuery} />
          </div>
          {products.data.total > items.length ? (
            <p className="notice">{t('products.truncated', { shown: items.length, total: products.data.total })}</p>
          ) : null}
          <p className="result-status" role="status">
            {view.query
              ? tn('products.matching', view.matching, { query: view.query })
              : tn('products.count', view.matching)}
          </p>
          {view.matching === 0 ? (
            <EmptyState title={t('products.noMatch')} hint={t('list.noMatchHint')} />
          ) : (
            <>
              <TableRegion labelledBy="products-title">
                <table className="table" data-testid="products-table">
                  <thead>
                    <tr>
                      <th scope="col">
                        <span className="visually-hidden">{t('products.image')}</span>
                      </th>
                      <SortHeader label={t('products.name')} column="name" sort={view.sort} onSort={view.toggleSort} />
                      <th scope="col">{t('products.category')}</th>
                      <SortHeader
                        label={t('products.price')}
                        column="price"
                        sort={view.sort}
                        onSort={view.toggleSort}
                      />
                      <th scope="col">{t('products.status')}</th>
                      <SortHeader
                        label={t('products.updatedAt')}
                        column="updatedAt"
                        sort={view.sort}
                        onSort={view.toggleSort}
                      />
                    </tr>
                  </thead>
                  <tbody>
                    {view.visible.map((product) => (
                      <tr key={product.id}>
                        <td className="thumb-cell">
                          {product.imageUrl ? (
                            <img src={product.imageUrl} alt="" width={48} height={48} loading="lazy" />
                          ) : (
                            <span className="thumb-placeholder" aria-hidden="true" />
                          )}
                        </td>
                        <th scope="row">
                          <Link to={`/products/${product.id}`}>{product.name}</Link>
                          <span className="cell-note">{tn('products.variants', product.variantCount)}</span>
                        </th>
                        <td>{categoryName(product.categoryCode)}</td>
                        <td className="number">
                          {product.listPrice !== null ? (
                            formatDong(product.listPrice)
                          ) : (
                            <span className="muted">{t('common.none')}</span>
                          )}
                        </td>
                        <td>
                          <StatusBadge tone={PRODUCT_TONES[product.status]}>
                            {t(`productStatus.${product.status}`)}
                          </StatusBadge>
                        </td>
                        <td>
                          <time dateTime={product.updatedAt}>{formatDateTime(language, product.updatedAt)}</time>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
              <Pagination
                page={view.page}
                pageCount={view.pageCount}
                onPage={view.setPage}
                label={t('products.pages')}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
