import type { Schemas } from '@ocop/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Pagination, SearchField, SortHeader } from '../../components/ListControls';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { TableRegion } from '../../components/TableRegion';
import { businessDate, formatCalendarDate } from '../../format';
import { type FieldMessages, useFormErrors } from '../../forms';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { compareInstant, compareNumber, compareText, useListView } from '../../list';
import { sellerKeys, useHomeCommunes } from '../../queries';

type Batch = Schemas['SellerBatchSummaryDto'];
type BatchInput = Schemas['CreateBatchDto'];
type Unit = BatchInput['unit'];
type Standard = NonNullable<BatchInput['standards']>[number]['code'];

export const TRACE_UNITS: readonly Unit[] = ['kg', 'g', 't', 'l', 'ml', 'piece', 'bag', 'box', 'bottle', 'jar'];
const STANDARDS: readonly Standard[] = [
  'vietgap',
  'globalgap',
  'organic',
  'haccp',
  'iso22000',
  'tcvn',
  'qcvn',
  'ocop',
  'other',
];

const SORTERS = {
  createdAt: (a: Batch, b: Batch) => compareInstant(a.createdAt, b.createdAt),
  product: (a: Batch, b: Batch) => compareText(a.productName, b.productName),
  lot: (a: Batch, b: Batch) => compareText(a.lot, b.lot),
  scans: (a: Batch, b: Batch) => compareNumber(a.scanCount, b.scanCount),
};
const searchText = (batch: Batch) => [batch.productName, batch.lot, batch.code, batch.gtin].join(' ');

export const batchKeys = {
  list: (accountId: string) => [...sellerKeys.all(accountId), 'batches'] as const,
  batch: (accountId: string, id: string) => [...sellerKeys.all(accountId), 'batches', id] as const,
};

/**
 * A quantity as people here write it: "12,5" and "12.5" are the same; at most three decimals are
 * kept by the API, which says so when there are more.
 */
export function parseQuantity(text: string): number {
  const normal = text.trim().replace(/\s/g, '').replace(',', '.');
  return /^\d+(\.\d+)?$/.test(normal) ? Number(normal) : Number.NaN;
}

/** The seller's lots: each has a trace code, a QR label and the events of its life. */
export function BatchesPage() {
  const { t, tn, language, formatNumber } = useI18n();
  const account = useAccount();
  useDocumentTitle(t('batches.metaTitle'));
  const batches = useQuery({
    queryKey: batchKeys.list(account.id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/seller/batches', { signal })),
  });
  const view = useListView({
    items: batches.data,
    searchText,
    sorters: SORTERS,
    defaultSort: { key: 'createdAt', direction: 'desc' },
  });

  return (
    <>
      <PageHead
        titleId="batches-title"
        title={t('batches.title')}
        intro={t('batches.intro')}
        actions={
          <Link to="/batches/new" className="button">
            {t('batches.new')}
          </Link>
        }
      />
      {batches.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : batches.isError ? (
        <ErrorPanel title={t('batches.error')} error={batches.error} onRetry={() => void batches.refetch()} />
      ) : batches.data.length === 0 ? (
        <EmptyState
          testId="batches-empty"
          title={t('batches.empty')}
          hint={t('batches.emptyHint')}
          action={
            <Link to="/batches/new" className="button">
              {t('batches.new')}
            </Link>
          }
        />
      ) : (
        <>
          <div className="toolbar">
            <span />
            <SearchField
              label={t('batches.search')}
              hint={t('batches.searchHint')}
              value={view.query}
              onChange={view.setQuery}
            />
          </div>
          <p className="result-status" role="status">
            {view.query
              ? tn('batches.matching', view.matching, { query: view.query })
              : tn('batches.count', view.matching)}
          </p>
          {view.matching === 0 ? (
            <EmptyState title={t('batches.noMatch')} hint={t('list.noMatchHint')} />
          ) : (
            <>
              <TableRegion labelledBy="batches-title">
                <table className="table" data-testid="batches-table">
                  <thead>
                    <tr>
                      <SortHeader label={t('batches.lot')} column="lot" sort={view.sort} onSort={view.toggleSort} />
                      <SortHeader
                        label={t('batches.product')}
                        column="product"
                        sort={view.sort}
                        onSort={view.toggleSort}
                      />
                      <th scope="col">{t('batches.dates')}</th>
                      <th scope="col" className="number">
                        {t('batches.quantity')}
                      </th>
                      <th scope="col" className="number">
                        {t('batches.events')}
                      </th>
                      <SortHeader
                        label={t('batches.scans')}
                        column="scans"
                        sort={view.sort}
                        onSort={view.toggleSort}
                        className="number"
                      />
                      <SortHeader
                        label={t('batches.createdAt')}
                        column="createdAt"
                        sort={view.sort}
                        onSort={view.toggleSort}
                      />
                    </tr>
                  </thead>
                  <tbody>
                    {view.visible.map((batch) => (
                      <tr key={batch.id}>
                        <th scope="row">
                          <Link to={`/batches/${batch.id}`}>{batch.lot}</Link>
                          <span className="cell-note">{t('batches.code', { code: batch.code })}</span>
                        </th>
                        <td className="wrap">{batch.productName}</td>
                        <td>
                          {batch.harvestedOn
                            ? t('batches.harvested', { date: formatCalendarDate(language, batch.harvestedOn) })
                            : batch.producedOn
                              ? t('batches.produced', { date: formatCalendarDate(language, batch.producedOn) })
                              : null}
                          {batch.expiresOn ? (
                            <span className="cell-note">
                              {t('batches.expires', { date: formatCalendarDate(language, batch.expiresOn) })}
                            </span>
                          ) : null}
                        </td>
                        <td className="number">
                          {formatNumber(batch.quantity)} {t(`traceUnit.${batch.unit}`)}
                        </td>
                        <td className="number">{formatNumber(batch.eventCount)}</td>
                        <td className="number">{formatNumber(batch.scanCount)}</td>
                        <td>{formatCalendarDate(language, businessDate(batch.createdAt))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
              <Pagination
                page={view.page}
                pageCount={view.pageCount}
                onPage={view.setPage}
                label={t('batches.pages')}
              />
            </>
          )}
        </>
      )}
    </>
  );
}

export function NewBatchPage() {
  const { t } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const navigate = useNavigate();
  useDocumentTitle(t('batches.newTitle'));
  const communes = useHomeCommunes();
  const products = useQuery({
    queryKey: sellerKeys.products(account.id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/seller/products', { params: { query: { page: 1, pageSize: 200 } }, signal })),
  });
  const [values, setValues] = useState({
    productId: '',
    variantId: '',
    lot: '',
    harvestedOn: '',
    producedOn: '',
    expiresOn: '',
    quantity: '',
    unit: 'kg' as Unit,
    originCommuneCode: '',
    growingAreaCode: '',
    notes: '',
  });
  const [standards, setStandards] = useState<Standard[]>([]);
  const product = useQuery({
    queryKey: sellerKeys.product(account.id, values.productId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/seller/products/{id}', { params: { path: { id: values.productId } }, signal })),
    enabled: values.productId !== '',
  });
  const { attachForm, ...errors } = useFormErrors('batch');
  const create = useMutation({
    mutationFn: (body: BatchInput) => unwrap(api.POST('/api/seller/batches', { body })),
    onSuccess: (batch) => {
      void client.invalidateQueries({ queryKey: batchKeys.list(account.id) });
      void navigate(`/batches/${batch.id}`, { replace: true });
    },
    onError: errors.report,
  });
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    errors.clear(key);
  };
  const error = (name: string) => (errors.fields[name] ? t(errors.fields[name]) : undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    errors.reset();
    const problems: FieldMessages = {};
    const quantity = parseQuantity(values.quantity);
    if (!values.productId) problems.productId = 'batches.required.productId';
    if (!values.harvestedOn && !values.producedOn) problems.harvestedOn = 'batches.required.date';
    if (Number.isNaN(quantity)) problems.quantity = 'batches.required.quantity';
    if (!values.originCommuneCode) problems.originCommuneCode = 'batches.required.origin';
    if (!errors.reportLocal(problems)) return;
    create.mutate({
      productId: values.productId,
      ...(values.variantId ? { variantId: values.variantId } : {}),
      ...(values.lot.trim() ? { lot: values.lot.trim() } : {}),
      ...(values.harvestedOn ? { harvestedOn: values.harvestedOn } : {}),
      ...(values.producedOn ? { producedOn: values.producedOn } : {}),
      ...(values.expiresOn ? { expiresOn: values.expiresOn } : {}),
      quantity,
      unit: values.unit,
      originCommuneCode: values.originCommuneCode,
      ...(values.growingAreaCode.trim() ? { growingAreaCode: values.growingAreaCode.trim() } : {}),
      ...(standards.length > 0 ? { standards: standards.map((code) => ({ code })) } : {}),
      ...(values.notes.trim() ? { notes: values.notes.trim() } : {}),
    });
  };

  return (
    <>
      <PageHead
        title={t('batches.newTitle')}
        intro={t('batches.newIntro')}
        back={{ to: '/batches', label: t('batches.back') }}
      />
      <section className="card form-card" aria-label={t('batches.newTitle')}>
        <form
          ref={attachForm}
          className="form"
          noValidate
          onSubmit={submit}
          aria-busy={create.isPending}
          data-testid="batch-form"
        >
          <FormError failure={errors.failure} title={t('batches.failed')} />
          <div className="form-grid">
            <Field
              label={t('batches.product')}
              error={error('productId')}
              hint={products.isError ? t('batches.productsError') : undefined}
            >
              {(control) => (
                <select
                  {...control}
                  name="productId"
                  value={values.productId}
                  disabled={!products.data}
                  onChange={(event) => {
                    set('productId', event.target.value);
                    set('variantId', '');
                  }}
                >
                  <option value="">{products.data ? t('batches.chooseProduct') : t('common.loading')}</option>
                  {products.data?.items.map((item) => (
                    <option key={item.id} value={item.id}>
                      {item.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t('batches.variant')}
              hint={t('batches.variantHint')}
              optional={t('common.optional')}
              error={error('variantId')}
            >
              {(control) => (
                <select
                  {...control}
                  name="variantId"
                  value={values.variantId}
                  disabled={!product.data}
                  onChange={(event) => set('variantId', event.target.value)}
                >
                  <option value="">{t('batches.anyVariant')}</option>
                  {product.data?.variants.map((variant) => (
                    <option key={variant.id} value={variant.id}>
                      {variant.label} ({variant.sku})
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field
            label={t('batches.lot')}
            hint={t('batches.lotHint')}
            optional={t('common.optional')}
            error={error('lot')}
          >
            {(control) => (
              <input
                {...control}
                name="lot"
                autoComplete="off"
                value={values.lot}
                onChange={(event) => set('lot', event.target.value)}
              />
            )}
          </Field>
          <div className="form-grid">
            <Field label={t('batches.harvestedOn')} hint={t('batches.dateHint')} error={error('harvestedOn')}>
              {(control) => (
                <input
                  {...control}
                  name="harvestedOn"
                  type="date"
                  value={values.harvestedOn}
                  onChange={(event) => set('harvestedOn', event.target.value)}
                />
              )}
            </Field>
            <Field label={t('batches.producedOn')} optional={t('common.optional')} error={error('producedOn')}>
              {(control) => (
                <input
                  {...control}
                  name="producedOn"
                  type="date"
                  value={values.producedOn}
                  onChange={(event) => set('producedOn', event.target.value)}
                />
              )}
            </Field>
          </div>
          <div className="form-grid">
            <Field label={t('batches.expiresOn')} optional={t('common.optional')} error={error('expiresOn')}>
              {(control) => (
                <input
                  {...control}
                  name="expiresOn"
                  type="date"
                  value={values.expiresOn}
                  onChange={(event) => set('expiresOn', event.target.value)}
                />
              )}
            </Field>
            <div className="form-grid compact">
              <Field label={t('batches.quantity')} error={error('quantity')}>
                {(control) => (
                  <input
                    {...control}
                    name="quantity"
                    inputMode="decimal"
                    value={values.quantity}
                    onChange={(event) => set('quantity', event.target.value)}
                  />
                )}
              </Field>
              <Field label={t('batches.unit')} error={error('unit')}>
                {(control) => (
                  <select
                    {...control}
                    name="unit"
                    value={values.unit}
                    onChange={(event) => set('unit', event.target.value as Unit)}
                  >
                    {TRACE_UNITS.map((unit) => (
                      <option key={unit} value={unit}>
                        {t(`traceUnit.${unit}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          </div>
          <div className="form-grid">
            <Field label={t('batches.origin')} error={error('originCommuneCode')}>
              {(control) => (
                <select
                  {...control}
                  name="originCommuneCode"
                  value={values.originCommuneCode}
                  disabled={!communes.data}
                  onChange={(event) => set('originCommuneCode', event.target.value)}
                >
                  <option value="">{communes.data ? t('organisationForm.chooseCommune') : t('common.loading')}</option>
                  {communes.data?.map((commune) => (
                    <option key={commune.code} value={commune.code}>
                      {commune.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t('productForm.growingAreaCode')}
              optional={t('common.optional')}
              error={error('growingAreaCode')}
            >
              {(control) => (
                <input
                  {...control}
                  name="growingAreaCode"
                  autoComplete="off"
                  value={values.growingAreaCode}
                  onChange={(event) => set('growingAreaCode', event.target.value)}
                />
              )}
            </Field>
          </div>
          <fieldset className="form-section">
            <legend>{t('batches.standards')}</legend>
            <div className="check-grid">
              {STANDARDS.map((code) => (
                <label key={code} className="inline-check">
                  <input
                    type="checkbox"
                    checked={standards.includes(code)}
                    onChange={(event) =>
                      setStandards((current) =>
                        event.target.checked ? [...current, code] : current.filter((item) => item !== code),
                      )
                    }
                  />
                  {t(`traceStandard.${code}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <Field label={t('batches.notes')} optional={t('common.optional')} error={error('notes')}>
            {(control) => (
              <textarea
                {...control}
                name="notes"
                rows={3}
                value={values.notes}
                onChange={(event) => set('notes', event.target.value)}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button" disabled={create.isPending}>
              {create.isPending ? t('common.saving') : t('batches.create')}
            </button>
          </div>
          <p className="muted small">{t('batches.immutable')}</p>
        </form>
      </section>
    </>
  );
}
