import type { Schemas } from '@ocop/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { blobToDataUrl, fetchProtectedBlob, openProtectedFile } from '../../api/files';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { formatCalendarDate, formatDateTime, vietnamLocalToIso } from '../../format';
import { type FieldMessages, parseWholeNumber, useFormErrors } from '../../forms';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { useHomeCommunes } from '../../queries';
import { batchKeys } from './BatchesPage';

type Batch = Schemas['SellerBatchDto'];
type EventInput = Schemas['CreateTraceEventDto'];
type EventKind = EventInput['kind'];
const EVENT_KINDS: readonly EventKind[] = [
  'planting',
  'harvesting',
  'processing',
  'packing',
  'shipping',
  'receiving',
  'inspecting',
];
const LABEL_SIZES = ['50x30', '40x40', '70x50'] as const;

export function BatchDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const account = useAccount();
  const batch = useQuery({
    queryKey: batchKeys.batch(account.id, id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/seller/batches/{id}', { params: { path: { id } }, signal })),
  });
  useDocumentTitle(batch.data ? t('batch.metaTitle', { lot: batch.data.batch.lot }) : t('batches.metaTitle'));
  const back = { to: '/batches', label: t('batches.back') };
  if (batch.isPending) return <PageStatus>{t('common.loading')}</PageStatus>;
  if (batch.isError) {
    return (
      <>
        <PageHead title={t('batches.title')} back={back} />
        <ErrorPanel title={t('batch.error')} error={batch.error} onRetry={() => void batch.refetch()} />
      </>
    );
  }
  return <BatchDetail batch={batch.data} />;
}

function BatchDetail({ batch }: { batch: Batch }) {
  const { t, language, formatNumber } = useI18n();
  const view = batch.batch;
  return (
    <>
      <PageHead
        title={t('batch.title', { lot: view.lot, product: batch.product.name })}
        back={{ to: '/batches', label: t('batches.back') }}
        actions={
          <a className="button button-secondary" href={batch.links.shortUri} target="_blank" rel="noreferrer">
            {t('batch.tracePage')}
          </a>
        }
      />
      <p className="status-line">
        <StatusBadge tone={batch.chain.verified ? 'success' : 'danger'} testId="chain-status">
          {batch.chain.verified ? t('batch.chainOk') : t('batch.chainBroken')}
        </StatusBadge>
        <span className="muted small">{t('batches.code', { code: batch.code })}</span>
      </p>
      {batch.circular02Missing.length > 0 ? (
        <div className="notice">
          <p className="panel-title">{t('batch.missing')}</p>
          <ul>
            {batch.circular02Missing.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="two-columns">
        <section className="card" aria-labelledby="batch-facts">
          <h2 id="batch-facts">{t('batch.facts')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('batches.product')}</dt>
              <dd>{batch.product.name}</dd>
            </div>
            <div>
              <dt>{t('batches.quantity')}</dt>
              <dd>
                {formatNumber(view.quantity)} {t(`traceUnit.${view.unit}`)}
              </dd>
            </div>
            {view.harvestedOn ? (
              <div>
                <dt>{t('batches.harvestedOn')}</dt>
                <dd>{formatCalendarDate(language, view.harvestedOn)}</dd>
              </div>
            ) : null}
            {view.producedOn ? (
              <div>
                <dt>{t('batches.producedOn')}</dt>
                <dd>{formatCalendarDate(language, view.producedOn)}</dd>
              </div>
            ) : null}
            {view.expiresOn ? (
              <div>
                <dt>{t('batches.expiresOn')}</dt>
                <dd>{formatCalendarDate(language, view.expiresOn)}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('batch.gtin')}</dt>
              <dd>{view.gtin ?? <span className="muted">{t('common.none')}</span>}</dd>
            </div>
            <div>
              <dt>{t('batch.qrCarries')}</dt>
              <dd className="break">{batch.links.qrUri}</dd>
            </div>
            <div>
              <dt>{t('batches.scans')}</dt>
              <dd>{formatNumber(batch.scanCount)}</dd>
            </div>
          </dl>
        </section>
        <section className="card" aria-labelledby="labels-title">
          <h2 id="labels-title">{t('batch.labels')}</h2>
          <QrPreview batchId={batch.id} lot={view.lot} />
          <LabelSheetForm batchId={batch.id} />
        </section>
      </div>
      <section className="card" aria-labelledby="events-title">
        <h2 id="events-title">{t('batch.events')}</h2>
        {batch.events.length === 0 ? (
          <p className="muted">{t('batch.noEvents')}</p>
        ) : (
          <ol className="timeline" data-testid="batch-events">
            {batch.events.map((event) => (
              <li key={event.id}>
                <p className="timeline-title">
                  {t(`traceEvent.${event.kind}`)}
                  {event.correctsEventId ? (
                    <span className="status-badge status-info"> {t('batch.correction')}</span>
                  ) : null}
                  {event.correctedByEventId ? (
                    <span className="status-badge status-neutral"> {t('batch.corrected')}</span>
                  ) : null}
                </p>
                <p>
                  {event.actorName}
                  {event.placeName ? ` · ${event.placeName}` : ''}
                </p>
                {event.notes ? <p className="timeline-reason">{event.notes}</p> : null}
                <p className="muted small">
                  <time dateTime={event.occurredAt}>{formatDateTime(language, event.occurredAt)}</time>
                </p>
              </li>
            ))}
          </ol>
        )}
        <EventForm batch={batch} />
      </section>
    </>
  );
}

/** The QR code is served only to the seller (bearer token), so it is fetched and shown inline. */
function QrPreview({ batchId, lot }: { batchId: string; lot: string }) {
  const { t } = useI18n();
  const account = useAccount();
  const qr = useQuery({
    queryKey: [...batchKeys.batch(account.id, batchId), 'qr'],
    queryFn: async ({ signal }) =>
      blobToDataUrl(await fetchProtectedBlob(`/api/seller/batches/${batchId}/qr.svg`, signal)),
    staleTime: Infinity,
  });
  if (qr.isPending) return <PageStatus>{t('common.loading')}</PageStatus>;
  if (qr.isError) return <ErrorPanel title={t('batch.qrError')} error={qr.error} onRetry={() => void qr.refetch()} />;
  return (
    <img
      className="qr-preview"
      src={qr.data}
      alt={t('batch.qrAlt', { lot })}
      width={160}
      height={160}
      data-testid="qr-preview"
    />
  );
}

function LabelSheetForm({ batchId }: { batchId: string }) {
  const { t } = useI18n();
  const [size, setSize] = useState<(typeof LABEL_SIZES)[number]>('50x30');
  const [count, setCount] = useState('');
  const { attachForm, ...errors } = useFormErrors('labels');
  const [opening, setOpening] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    errors.reset();
    const number = count.trim() ? parseWholeNumber(count) : null;
    if (!errors.reportLocal(number !== null && Number.isNaN(number) ? { count: 'batch.countNumber' } : {})) return;
    const query = new URLSearchParams({ size, ...(number !== null ? { count: String(number) } : {}) });
    setOpening(true);
    openProtectedFile(`/api/seller/batches/${batchId}/labels.pdf?${query.toString()}`)
      .catch(errors.report)
      .finally(() => setOpening(false));
  };
  return (
    <form ref={attachForm} className="form" noValidate onSubmit={submit} aria-busy={opening}>
      <FormError failure={errors.failure} title={t('batch.labelsFailed')} />
      <div className="form-grid">
        <Field label={t('batch.labelSize')} error={errors.fields.size ? t(errors.fields.size) : undefined}>
          {(control) => (
            <select
              {...control}
              name="size"
              value={size}
              onChange={(event) => setSize(event.target.value as typeof size)}
            >
              {LABEL_SIZES.map((value) => (
                <option key={value} value={value}>
                  {t('batch.labelSizeMm', { size: value.replace('x', ' × ') })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('batch.labelCount')}
          hint={t('batch.labelCountHint')}
          optional={t('common.optional')}
          error={errors.fields.count ? t(errors.fields.count) : undefined}
        >
          {(control) => (
            <input
              {...control}
              name="count"
              inputMode="numeric"
              value={count}
              onChange={(event) => {
                setCount(event.target.value);
                errors.clear('count');
              }}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={opening}>
          {opening ? t('common.working') : t('batch.printLabels')}
        </button>
      </div>
    </form>
  );
}

function EventForm({ batch }: { batch: Batch }) {
  const { t } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const communes = useHomeCommunes();
  const empty = {
    kind: '' as EventKind | '',
    occurredAt: '',
    communeCode: '',
    placeName: '',
    actorName: '',
    notes: '',
  };
  const [values, setValues] = useState(empty);
  const { attachForm, ...errors } = useFormErrors('traceEvent');
  const add = useMutation({
    mutationFn: (body: EventInput) =>
      unwrap(api.POST('/api/seller/batches/{id}/events', { params: { path: { id: batch.id } }, body })),
    onSuccess: () => {
      setValues(empty);
      void client.invalidateQueries({ queryKey: batchKeys.batch(account.id, batch.id), exact: true });
      void client.invalidateQueries({ queryKey: batchKeys.list(account.id), exact: true });
    },
    onError: errors.report,
  });
  const set = <K extends keyof typeof empty>(key: K, value: (typeof empty)[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    errors.clear(key);
  };
  const error = (name: string) => (errors.fields[name] ? t(errors.fields[name]) : undefined);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (add.isPending) return;
    errors.reset();
    const occurredAt = vietnamLocalToIso(values.occurredAt);
    const problems: FieldMessages = {};
    if (!values.kind) problems.kind = 'batch.required.kind';
    if (!occurredAt) problems.occurredAt = 'batch.required.occurredAt';
    if (!values.actorName.trim()) problems.actorName = 'batch.required.actorName';
    if (!errors.reportLocal(problems) || !values.kind || !occurredAt) return;
    add.mutate({
      kind: values.kind,
      // The API wants the offset written out; Vietnam is UTC+7 all year.
      occurredAt: `${values.occurredAt}:00+07:00`,
      ...(values.communeCode ? { communeCode: values.communeCode } : {}),
      ...(values.placeName.trim() ? { placeName: values.placeName.trim() } : {}),
      actorName: values.actorName.trim(),
      ...(values.notes.trim() ? { notes: values.notes.trim() } : {}),
    });
  };
  return (
    <form
      ref={attachForm}
      className="form upload-form"
      noValidate
      onSubmit={submit}
      aria-busy={add.isPending}
      data-testid="event-form"
    >
      <h3>{t('batch.addEvent')}</h3>
      <p className="hint">{t('batch.addEventHint')}</p>
      <FormError failure={errors.failure} title={t('batch.eventFailed')} />
      <div className="form-grid">
        <Field label={t('batch.kind')} error={error('kind')}>
          {(control) => (
            <select
              {...control}
              name="kind"
              value={values.kind}
              onChange={(event) => set('kind', event.target.value as EventKind)}
            >
              <option value="">{t('batch.chooseKind')}</option>
              {EVENT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`traceEvent.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('batch.occurredAt')} hint={t('batch.occurredAtHint')} error={error('occurredAt')}>
          {(control) => (
            <input
              {...control}
              name="occurredAt"
              type="datetime-local"
              value={values.occurredAt}
              onChange={(event) => set('occurredAt', event.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="form-grid">
        <Field label={t('batch.actorName')} hint={t('batch.actorHint')} error={error('actorName')}>
          {(control) => (
            <input
              {...control}
              name="actorName"
              value={values.actorName}
              onChange={(event) => set('actorName', event.target.value)}
            />
          )}
        </Field>
        <Field label={t('batch.placeName')} optional={t('common.optional')} error={error('placeName')}>
          {(control) => (
            <input
              {...control}
              name="placeName"
              value={values.placeName}
              onChange={(event) => set('placeName', event.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label={t('organisation.commune')} optional={t('common.optional')} error={error('communeCode')}>
        {(control) => (
          <select
            {...control}
            name="communeCode"
            value={values.communeCode}
            disabled={!communes.data}
            onChange={(event) => set('communeCode', event.target.value)}
          >
            <option value="">{t('organisationForm.chooseCommune')}</option>
            {communes.data?.map((commune) => (
              <option key={commune.code} value={commune.code}>
                {commune.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('batches.notes')} optional={t('common.optional')} error={error('notes')}>
        {(control) => (
          <textarea
            {...control}
            name="notes"
            rows={2}
            value={values.notes}
            onChange={(event) => set('notes', event.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={add.isPending}>
          {add.isPending ? t('common.saving') : t('batch.saveEvent')}
        </button>
      </div>
    </form>
  );
}
