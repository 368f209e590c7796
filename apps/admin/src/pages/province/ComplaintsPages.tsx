import type { Schemas } from '@ocop/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ReasonDialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { FilterTabs, Pagination, SearchField, SortHeader } from '../../components/ListControls';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { TableRegion } from '../../components/TableRegion';
import { fieldErrors } from '../../errors';
import { formatDateTime, formatPhone, vietnamLocalToIso } from '../../format';
import { type FieldMessages, useFormErrors } from '../../forms';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import type { PlainMessageKey } from '../../i18n/translator';
import { compareInstant, compareNumber, compareText, useListView } from '../../list';
import { provinceKeys } from '../../queries';
import { COMPLAINT_STATUSES, COMPLAINT_TONES, type ComplaintStatus } from '../../statuses';

type Complaint = Schemas['ComplaintDto'];
type Category = Complaint['category'];
type Channel = Complaint['channel'];
type Target = Exclude<ComplaintStatus, 'received'>;
const CATEGORIES: readonly Category[] = [
  'product_quality',
  'counterfeit',
  'misleading_information',
  'price',
  'delivery',
  'payment',
  'refund_return',
  'seller_conduct',
  'personal_data',
  'other',
];
const RECORDED_CHANNELS: readonly Channel[] = ['phone', 'email', 'in_person', 'letter', 'national_portal'];
type Filter = ComplaintStatus | 'open' | 'all';

/** What an officer may do next from each status; the API enforces the same rules. */
const NEXT: Record<ComplaintStatus, Target[]> = {
  received: ['in_progress', 'resolved', 'rejected'],
  in_progress: ['resolved', 'rejected'],
  resolved: ['in_progress'],
  rejected: ['in_progress'],
};
/** Transitions that need words: the resolution, the reason for rejecting, or for reopening. */
function needsReason(from: ComplaintStatus, to: Target): boolean {
  return to !== 'in_progress' || from === 'resolved' || from === 'rejected';
}

const SORTERS = {
  receivedAt: (a: Complaint, b: Complaint) => compareInstant(a.receivedAt, b.receivedAt),
  age: (a: Complaint, b: Complaint) => compareNumber(a.ageDays, b.ageDays),
  consumer: (a: Complaint, b: Complaint) => compareText(a.consumerName, b.consumerName),
};
const searchText = (complaint: Complaint) =>
  [
    complaint.code,
    complaint.consumerName,
    complaint.organisation?.name,
    complaint.sellerName,
    complaint.orderReference,
    complaint.description,
  ].join(' ');

/** Consumer complaints: the plan counts how many are resolved, and how fast. */
export function ComplaintsPage() {
  const { t, tn, language, formatNumber } = useI18n();
  const account = useAccount();
  useDocumentTitle(t('complaints.metaTitle'));
  const [params] = useSearchParams();
  const categoryId = useId();
  const complaints = useQuery({
    queryKey: provinceKeys.complaints(account.id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/complaints', { signal })),
  });
  const statusParam = params.get('status');
  const filter: Filter =
    statusParam === 'all' || (COMPLAINT_STATUSES as readonly string[]).includes(statusParam ?? '')
      ? (statusParam as Filter)
      : 'open';
  const categoryParam = params.get('category');
  const category = (CATEGORIES as readonly string[]).includes(categoryParam ?? '') ? (categoryParam as Category) : null;
  const all = complaints.data ?? [];
  const matches = (complaint: Complaint) =>
    (filter === 'all' ||
      (filter === 'open'
        ? complaint.status === 'received' || complaint.status === 'in_progress'
        : complaint.status === filter)) &&
    (category === null || complaint.category === category);
  const view = useListView({
    items: all.filter(matches),
    searchText,
    sorters: SORTERS,
    defaultSort: { key: 'receivedAt', direction: filter === 'open' ? 'asc' : 'desc' },
  });
  const count = (status: ComplaintStatus) => all.filter((complaint) => complaint.status === status).length;

  return (
    <>
      <PageHead
        titleId="complaints-title"
        title={t('complaints.title')}
        intro={t('complaints.intro')}
        actions={
          account.role === 'province_officer' ? (
            <Link to="/complaints/new" className="button">
              {t('complaints.record')}
            </Link>
          ) : null
        }
      />
      {complaints.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : complaints.isError ? (
        <ErrorPanel title={t('complaints.error')} error={complaints.error} onRetry={() => void complaints.refetch()} />
      ) : all.length === 0 ? (
        <EmptyState testId="complaints-empty" title={t('complaints.empty')} hint={t('complaints.emptyHint')} />
      ) : (
        <>
          <div className="toolbar">
            <FilterTabs<Filter>
              label={t('complaints.filterLabel')}
              value={filter}
              onChange={(value) => view.setFilter('status', value === 'open' ? null : value)}
              options={[
                { value: 'open', label: t('complaints.open'), count: count('received') + count('in_progress') },
                ...COMPLAINT_STATUSES.map((value) => ({
                  value,
                  label: t(`complaintStatus.${value}`),
                  count: count(value),
                })),
                { value: 'all', label: t('common.all'), count: all.length },
              ]}
            />
            <SearchField
              label={t('complaints.search')}
              hint={t('complaints.searchHint')}
              value={view.query}
              onChange={view.setQuery}
            />
          </div>
          <div className="field narrow-field">
            <label htmlFor={categoryId}>{t('complaints.category')}</label>
            <select
              id={categoryId}
              value={category ?? ''}
              onChange={(event) => view.setFilter('category', event.target.value || null)}
            >
              <option value="">{t('common.all')}</option>
              {CATEGORIES.map((value) => (
                <option key={value} value={value}>
                  {t(`complaintCategory.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <p className="result-status" role="status">
            {view.query
              ? tn('complaints.matching', view.matching, { query: view.query })
              : tn('complaints.count', view.matching)}
          </p>
          {view.matching === 0 ? (
            <EmptyState title={t('complaints.noMatch')} hint={t('list.noMatchHint')} />
          ) : (
            <>
              <TableRegion labelledBy="complaints-title">
                <table className="table" data-testid="complaints-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('complaints.code')}</th>
                      <SortHeader
                        label={t('complaints.receivedAt')}
                        column="receivedAt"
                        sort={view.sort}
                        onSort={view.toggleSort}
                      />
                      <SortHeader
                        label={t('complaints.consumer')}
                        column="consumer"
                        sort={view.sort}
                        onSort={view.toggleSort}
                      />
                      <th scope="col">{t('complaints.about')}</th>
                      <th scope="col">{t('complaints.status')}</th>
                      <SortHeader
                        label={t('complaints.age')}
                        column="age"
                        sort={view.sort}
                        onSort={view.toggleSort}
                        className="number"
                      />
                    </tr>
                  </thead>
                  <tbody>
                    {view.visible.map((complaint) => (
                      <tr key={complaint.id}>
                        <th scope="row">
                          <Link to={`/complaints/${complaint.id}`}>{complaint.code}</Link>
                          <span className="cell-note">{t(`complaintCategory.${complaint.category}`)}</span>
                        </th>
                        <td>
                          {formatDateTime(language, complaint.receivedAt)}
                          <span className="cell-note">{t(`complaintChannel.${complaint.channel}`)}</span>
                        </td>
                        <td className="wrap">{complaint.consumerName}</td>
                        <td className="wrap">
                          {complaint.organisation?.name ?? complaint.sellerName ?? (
                            <span className="muted">{t('common.none')}</span>
                          )}
                        </td>
                        <td>
                          <StatusBadge tone={COMPLAINT_TONES[complaint.status]}>
                            {t(`complaintStatus.${complaint.status}`)}
                          </StatusBadge>
                        </td>
                        <td className="number">
                          {t('complaints.days', { count: formatNumber(Math.floor(complaint.ageDays)) })}
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
                label={t('complaints.pages')}
              />
            </>
          )}
        </>
      )}
    </>
  );
}

export function ComplaintPage() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const complaint = useQuery({
    queryKey: [...provinceKeys.complaints(account.id), id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/complaints/{id}', { params: { path: { id } }, signal })),
  });
  useDocumentTitle(
    complaint.data ? t('complaint.metaTitle', { code: complaint.data.code }) : t('complaints.metaTitle'),
  );
  const [target, setTarget] = useState<Target | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<PlainMessageKey | undefined>();
  const move = useMutation({
    mutationFn: (input: { status: Target; reason: string }) =>
      unwrap(
        api.POST('/api/complaints/{id}/status', {
          params: { path: { id } },
          body: { status: input.status, ...(input.reason.trim() ? { reason: input.reason.trim() } : {}) },
        }),
      ),
    onSuccess: (updated) => {
      client.setQueryData([...provinceKeys.complaints(account.id), id], updated);
      void client.invalidateQueries({ queryKey: provinceKeys.complaints(account.id), exact: true });
      setTarget(null);
    },
    onError: (error) => setReasonError(fieldErrors(error, 'complaint').reason),
  });
  const back = { to: '/complaints', label: t('complaint.back') };
  if (complaint.isPending) return <PageStatus>{t('common.loading')}</PageStatus>;
  if (complaint.isError) {
    return (
      <>
        <PageHead title={t('complaints.title')} back={back} />
        <ErrorPanel title={t('complaint.error')} error={complaint.error} onRetry={() => void complaint.refetch()} />
      </>
    );
  }
  const current = complaint.data;
  const open = (to: Target) => {
    move.reset();
    setReason('');
    setReasonError(undefined);
    if (needsReason(current.status, to)) setTarget(to);
    else move.mutate({ status: to, reason: '' });
  };
  const shown = target ?? 'resolved';
  const reopening = shown === 'in_progress';
  const none = <span className="muted">{t('common.none')}</span>;
  return (
    <>
      <PageHead
        title={t('complaint.title', { code: current.code })}
        back={back}
        actions={
          account.role === 'province_officer'
            ? NEXT[current.status].map((to) => (
                <button
                  key={to}
                  type="button"
                  className={
                    to === 'rejected'
                      ? 'button button-danger-outline'
                      : to === 'in_progress'
                        ? 'button button-secondary'
                        : 'button'
                  }
                  disabled={move.isPending}
                  onClick={() => open(to)}
                >
                  {t(
                    current.status === 'received' || to !== 'in_progress'
                      ? `complaint.action.${to}`
                      : 'complaint.action.reopen',
                  )}
                </button>
              ))
            : null
        }
      />
      <p className="status-line">
        <StatusBadge tone={COMPLAINT_TONES[current.status]} testId="complaint-status">
          {t(`complaintStatus.${current.status}`)}
        </StatusBadge>
        <span className="muted small">{t(`complaintCategory.${current.category}`)}</span>
      </p>
      {move.isError && !target ? <FormError failure={move.error} title={t('complaint.failed')} /> : null}
      {current.resolution ? (
        <div className="notice" data-testid="complaint-resolution">
          <p className="panel-title">
            {t(current.status === 'rejected' ? 'complaint.rejection' : 'complaint.resolution')}
          </p>
          <p>{current.resolution}</p>
        </div>
      ) : null}
      <div className="two-columns">
        <section className="card" aria-labelledby="complaint-facts">
          <h2 id="complaint-facts">{t('complaint.details')}</h2>
          <p className="story-text">{current.description}</p>
          <dl className="facts">
            <div>
              <dt>{t('complaints.consumer')}</dt>
              <dd>{current.consumerName}</dd>
            </div>
            <div>
              <dt>{t('complaint.contact')}</dt>
              <dd>
                {[current.consumerPhone ? formatPhone(current.consumerPhone) : null, current.consumerEmail]
                  .filter(Boolean)
                  .join(' · ') || none}
              </dd>
            </div>
            <div>
              <dt>{t('complaints.about')}</dt>
              <dd>
                {current.organisation ? (
                  <Link to={`/organisations/${current.organisation.id}`}>{current.organisation.name}</Link>
                ) : (
                  (current.sellerName ?? none)
                )}
              </dd>
            </div>
            <div>
              <dt>{t('complaint.order')}</dt>
              <dd>{current.orderReference ?? none}</dd>
            </div>
            <div>
              <dt>{t('complaints.receivedAt')}</dt>
              <dd>
                {formatDateTime(language, current.receivedAt)} · {t(`complaintChannel.${current.channel}`)}
              </dd>
            </div>
            <div>
              <dt>{t('complaint.handledBy')}</dt>
              <dd>{current.handledBy?.name ?? none}</dd>
            </div>
          </dl>
        </section>
        <section className="card" aria-labelledby="complaint-history">
          <h2 id="complaint-history">{t('complaint.history')}</h2>
          <ol className="timeline" data-testid="complaint-history-list">
            {[...current.history].reverse().map((change) => (
              <li key={`${change.at}-${change.toStatus}`}>
                <p className="timeline-title">{t(`complaintStatus.${change.toStatus}`)}</p>
                {change.reason ? <p className="timeline-reason">“{change.reason}”</p> : null}
                <p className="muted small">
                  {formatDateTime(language, change.at)}
                  {change.actorName ? ` · ${change.actorName}` : ''}
                </p>
              </li>
            ))}
          </ol>
        </section>
      </div>
      <ReasonDialog
        open={target !== null}
        tone={shown === 'rejected' ? 'danger' : 'primary'}
        testId="complaint-dialog"
        title={t(
          reopening ? 'complaint.dialog.reopen' : `complaint.dialog.${shown === 'rejected' ? 'rejected' : 'resolved'}`,
          { code: current.code },
        )}
        label={t(
          reopening
            ? 'complaint.reopenReason'
            : shown === 'rejected'
              ? 'complaint.rejectReason'
              : 'complaint.resolutionLabel',
        )}
        hint={t('complaint.reasonHint')}
        reason={reason}
        onReasonChange={(value) => {
          setReason(value);
          setReasonError(undefined);
        }}
        reasonError={reasonError ? t(reasonError) : undefined}
        confirmLabel={t(
          reopening ? 'complaint.action.reopen' : `complaint.action.${shown === 'rejected' ? 'rejected' : 'resolved'}`,
        )}
        busy={move.isPending}
        failure={move.error}
        onConfirm={() => {
          if (!target) return;
          if (!reason.trim()) {
            setReasonError('complaint.reasonRequired');
            return;
          }
          move.mutate({ status: target, reason });
        }}
        onCancel={() => setTarget(null)}
      />
    </>
  );
}

/** A complaint received by phone, email, in person or by letter, typed in by the officer. */
export function RecordComplaintPage() {
  const { t } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const navigate = useNavigate();
  useDocumentTitle(t('complaints.record'));
  const [values, setValues] = useState({
    channel: 'phone' as Channel,
    receivedAt: '',
    consumerName: '',
    consumerPhone: '',
    consumerEmail: '',
    sellerName: '',
    orderReference: '',
    category: '' as Category | '',
    description: '',
  });
  const { attachForm, ...errors } = useFormErrors('complaint');
  const record = useMutation({
    mutationFn: (body: Schemas['RecordComplaintDto']) => unwrap(api.POST('/api/complaints/recorded', { body })),
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: provinceKeys.complaints(account.id), exact: true });
      void navigate(`/complaints/${created.id}`, { replace: true });
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
    if (record.isPending) return;
    errors.reset();
    const problems: FieldMessages = {};
    if (!values.consumerName.trim()) problems.consumerName = 'complaints.required.consumerName';
    if (!values.category) problems.category = 'complaints.required.category';
    if (!values.description.trim()) problems.description = 'complaints.required.description';
    const receivedAt = values.receivedAt ? vietnamLocalToIso(values.receivedAt) : null;
    if (!errors.reportLocal(problems) || !values.category) return;
    const optional = (key: 'consumerPhone' | 'consumerEmail' | 'sellerName' | 'orderReference') =>
      values[key].trim() ? { [key]: values[key].trim() } : {};
    record.mutate({
      channel: values.channel,
      ...(receivedAt ? { receivedAt } : {}),
      consumerName: values.consumerName.trim(),
      ...optional('consumerPhone'),
      ...optional('consumerEmail'),
      ...optional('sellerName'),
      ...optional('orderReference'),
      category: values.category,
      description: values.description.trim(),
    });
  };
  const text = (
    key: 'consumerName' | 'consumerPhone' | 'consumerEmail' | 'sellerName' | 'orderReference',
    label: string,
    optional = true,
  ) => (
    <Field label={label} optional={optional ? t('common.optional') : undefined} error={error(key)}>
      {(control) => (
        <input {...control} name={key} value={values[key]} onChange={(event) => set(key, event.target.value)} />
      )}
    </Field>
  );
  return (
    <>
      <PageHead
        title={t('complaints.record')}
        intro={t('complaints.recordIntro')}
        back={{ to: '/complaints', label: t('complaint.back') }}
      />
      <section className="card form-card" aria-label={t('complaints.record')}>
        <form ref={attachForm} className="form" noValidate onSubmit={submit} aria-busy={record.isPending}>
          <FormError failure={errors.failure} title={t('complaints.recordFailed')} />
          <div className="form-grid">
            <Field label={t('complaints.channel')} error={error('channel')}>
              {(control) => (
                <select
                  {...control}
                  name="channel"
                  value={values.channel}
                  onChange={(event) => set('channel', event.target.value as Channel)}
                >
                  {RECORDED_CHANNELS.map((channel) => (
                    <option key={channel} value={channel}>
                      {t(`complaintChannel.${channel}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t('complaints.receivedAt')}
              hint={t('complaints.receivedAtHint')}
              optional={t('common.optional')}
              error={error('receivedAt')}
            >
              {(control) => (
                <input
                  {...control}
                  name="receivedAt"
                  type="datetime-local"
                  value={values.receivedAt}
                  onChange={(event) => set('receivedAt', event.target.value)}
                />
              )}
            </Field>
          </div>
          {text('consumerName', t('complaints.consumer'), false)}
          <div className="form-grid">
            {text('consumerPhone', t('members.phone'))}
            {text('consumerEmail', t('members.email'))}
          </div>
          <div className="form-grid">
            {text('sellerName', t('complaints.about'))}
            {text('orderReference', t('complaint.order'))}
          </div>
          <Field label={t('complaints.category')} error={error('category')}>
            {(control) => (
              <select
                {...control}
                name="category"
                value={values.category}
                onChange={(event) => set('category', event.target.value as Category)}
              >
                <option value="">{t('complaints.chooseCategory')}</option>
                {CATEGORIES.map((value) => (
                  <option key={value} value={value}>
                    {t(`complaintCategory.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={t('complaints.description')}
            hint={t('complaints.descriptionHint')}
            error={error('description')}
          >
            {(control) => (
              <textarea
                {...control}
                name="description"
                rows={5}
                value={values.description}
                onChange={(event) => set('description', event.target.value)}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button" disabled={record.isPending}>
              {record.isPending ? t('common.saving') : t('complaints.save')}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
