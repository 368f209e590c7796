import { formatDong } from '@ocop/shared';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { ApiRequestError, unwrap } from '../api/request';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageStatus } from '../components/PageStatus';
import { formatDate } from '../format';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';

// Crockford base 32, 12 characters, printed as ABCD-EFGH-JKMN; the API forgives case and O/0, I/1.
const LOOKUP_CODE = /^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$/;

/** Text from fields the API document leaves untyped (they are strings or null). */
function text(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/**
 * An e-invoice by the lookup code printed on it (and sent by email): its summary, and the copies to
 * view or download. The code is the only key, so it is kept out of the page title and history state.
 */
export default function InvoicePage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  useDocumentTitle(t('invoice.title'));
  return (
    <div className="invoice-page">
      <h1>{t('invoice.title')}</h1>
      <LookupForm initial={code} />
      {code ? <InvoiceSummary code={code} /> : <p className="muted">{t('invoice.intro')}</p>}
    </div>
  );
}

function LookupForm({ initial }: { initial: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const ids = { input: useId(), hint: useId(), error: useId() };
  const [value, setValue] = useState(initial);
  const [invalid, setInvalid] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const cleaned = value.trim().replace(/\s+/g, '');
    if (!LOOKUP_CODE.test(cleaned)) {
      setInvalid(true);
      return;
    }
    void navigate(`/hoa-don/${encodeURIComponent(cleaned.toUpperCase())}`, { replace: true });
  };

  return (
    <form className="section lookup-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={ids.input}>{t('invoice.code')}</label>
        <input
          id={ids.input}
          value={value}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={20}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${ids.hint} ${ids.error}` : ids.hint}
          onChange={(event) => {
            setValue(event.target.value);
            setInvalid(false);
          }}
        />
        <p id={ids.hint} className="hint">
          {t('invoice.codeHint')}
        </p>
        {invalid ? (
          <p id={ids.error} className="field-error">
            {t('invoice.codeInvalid')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button">
        {t('invoice.lookup')}
      </button>
    </form>
  );
}

function InvoiceSummary({ code }: { code: string }) {
  const { t, language } = useI18n();
  const invoice = useQuery({
    queryKey: ['invoice', code],
    queryFn: ({ signal }) => unwrap(api.GET('/api/invoices/lookup/{code}', { params: { path: { code } }, signal })),
  });
  if (invoice.isPending) return <PageStatus>{t('invoice.loading')}</PageStatus>;
  if (invoice.isError) {
    if (invoice.error instanceof ApiRequestError && invoice.error.status === 404) {
      return (
        <p className="panel panel-empty" role="alert">
          {t('invoice.notFound')}
        </p>
      );
    }
    return <ErrorPanel title={t('invoice.error')} error={invoice.error} onRetry={() => void invoice.refetch()} />;
  }

  const data = invoice.data;
  const issued = ['issued', 'replaced', 'adjusted'].includes(data.status);
  const number = text(data.number);
  const issueDate = text(data.issueDate);
  const xml = text(data.links.xml);
  return (
    <section className="section" aria-labelledby="invoice-summary-title" data-testid="invoice">
      <h2 id="invoice-summary-title">
        {number ? t('invoice.number', { symbol: text(data.displaySymbol) ?? '', number }) : t('invoice.pending')}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('invoice.seller')}</dt>
          <dd>{data.seller?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('invoice.buyer')}</dt>
          <dd>{data.buyer.name}</dd>
        </div>
        {issueDate ? (
          <div>
            <dt>{t('invoice.date')}</dt>
            <dd>{formatDate(language, issueDate)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('invoice.status')}</dt>
          <dd>{t(`invoice.statusName.${data.status}`)}</dd>
        </div>
        <div>
          <dt>{t('invoice.total')}</dt>
          <dd>{formatDong(data.totalPayable)}</dd>
        </div>
      </dl>
      {issued ? (
        <p className="button-row">
          {/* Files served by the API, outside this app: plain links. */}
          <a className="button" href={data.links.pdf} target="_blank" rel="noopener noreferrer">
            {t('invoice.pdf')}
          </a>
          <a className="button button-secondary" href={data.links.html} target="_blank" rel="noopener noreferrer">
            {t('invoice.view')}
          </a>
          {xml ? (
            <a className="button button-secondary" href={xml} rel="noreferrer">
              {t('invoice.xml')}
            </a>
          ) : null}
        </p>
      ) : (
        <p className="muted">{t('invoice.notYet')}</p>
      )}
    </section>
  );
}
