import type { Schemas } from '@ocop/api-client';
import { useQuery } from '@tanstack/react-query';
import { productTraceQuery } from '../api/trace';
import { formatDate, formatDateTime } from '../format';
import { useI18n } from '../i18n/I18nProvider';
import { ErrorPanel } from './ErrorPanel';

type Batch = Schemas['CurrentBatchDto'];

/**
 * "Truy xuất nguồn gốc" on a product page: the current batch in a few lines, and the way to its
 * full trace page. That page is rendered by the API (`/t/{code}`), outside this app, so the link is
 * a plain <a> that loads it.
 */
export function TraceSummary({ slug }: { slug: string }) {
  const { t } = useI18n();
  const trace = useQuery(productTraceQuery(slug));
  return (
    <section className="section trace-summary" aria-labelledby="trace-title" data-testid="trace-summary">
      <h2 id="trace-title">{t('trace.title')}</h2>
      {trace.isError ? (
        <ErrorPanel title={t('trace.error')} error={trace.error} onRetry={() => void trace.refetch()} />
      ) : trace.isPending ? (
        <p className="muted" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" /> {t('trace.loading')}
        </p>
      ) : trace.data.batch ? (
        <BatchFacts batch={trace.data.batch} />
      ) : (
        <p className="panel panel-empty">{t('trace.empty')}</p>
      )}
    </section>
  );
}

function BatchFacts({ batch }: { batch: Batch }) {
  const { t, tn, language } = useI18n();
  const last = batch.lastEvent;
  const lastPlace = last.place ? `${last.placeName}, ${last.place.name}` : last.placeName;
  return (
    <>
      <p className="trace-lot">{t('trace.lot', { lot: batch.lot, code: batch.code })}</p>
      <dl className="facts">
        {batch.harvestedOn ? (
          <div>
            <dt>{t('trace.harvestedOn')}</dt>
            <dd>{formatDate(language, batch.harvestedOn)}</dd>
          </div>
        ) : null}
        {batch.producedOn ? (
          <div>
            <dt>{t('trace.producedOn')}</dt>
            <dd>{formatDate(language, batch.producedOn)}</dd>
          </div>
        ) : null}
        {batch.expiresOn ? (
          <div>
            <dt>{t('trace.expiresOn')}</dt>
            <dd>{formatDate(language, batch.expiresOn)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('trace.producer')}</dt>
          <dd>{batch.producer.name}</dd>
        </div>
        <div>
          <dt>{t('trace.origin')}</dt>
          <dd>
            {batch.origin.provinceName ? `${batch.origin.name}, ${batch.origin.provinceName}` : batch.origin.name}
          </dd>
        </div>
        <div>
          <dt>{tn('trace.events', batch.eventCount)}</dt>
          <dd>
            {batch.eventKinds
              .map((kind) =>
                kind.count > 1 ? `${t(`trace.kind.${kind.kind}`)} (${kind.count})` : t(`trace.kind.${kind.kind}`),
              )
              .join(', ')}
          </dd>
        </div>
        <div>
          <dt>{t('trace.lastEvent')}</dt>
          <dd>
            {t('trace.lastEventValue', {
              kind: t(`trace.kind.${last.kind}`),
              time: formatDateTime(language, last.occurredAt),
              place: lastPlace,
            })}
          </dd>
        </div>
      </dl>
      <p className={batch.chainVerified ? 'trace-chain trace-chain-ok' : 'trace-chain trace-chain-broken'}>
        {batch.chainVerified ? t('trace.chainOk') : t('trace.chainBroken')}
      </p>
      <a className="button button-secondary" href={batch.tracePath} data-testid="trace-link">
        {t('trace.open')}
      </a>
    </>
  );
}
