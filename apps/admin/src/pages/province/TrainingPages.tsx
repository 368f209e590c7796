import type { Schemas } from '@ocop/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { multipartBody } from '../../api/files';
import { ApiRequestError, unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { CheckboxField, Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Pagination, SearchField, SortHeader } from '../../components/ListControls';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { TableRegion } from '../../components/TableRegion';
import { formatBytes, formatDateTime, formatPhone, todayInVietnam, vietnamLocalToIso } from '../../format';
import { type FieldMessages, useFormErrors } from '../../forms';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { compareInstant, compareNumber, compareText, useListView } from '../../list';
import { provinceKeys, useHomeCommunes } from '../../queries';

type TrainingEvent = Schemas['TrainingEventDto'];
type EventInput = Schemas['CreateTrainingEventDto'];
type Format = EventInput['format'];
type ParticipantType = NonNullable<EventInput['audience']>[number];
type Import = Schemas['TrainingImportDto'];
const FORMATS: readonly Format[] = ['offline', 'online', 'hybrid'];
const PARTICIPANT_TYPES: readonly ParticipantType[] = [
  'enterprise_staff',
  'cooperative_member',
  'household_business',
  'official',
  'student',
  'startup_youth',
  'farmer',
  'individual',
  'other',
];
/** How often the import's progress is asked for while it runs. */
const POLL_MS = 800;

const SORTERS = {
  startsAt: (a: TrainingEvent, b: TrainingEvent) => compareInstant(a.startsAt, b.startsAt),
  title: (a: TrainingEvent, b: TrainingEvent) => compareText(a.title, b.title),
  participations: (a: TrainingEvent, b: TrainingEvent) => compareNumber(a.participations, b.participations),
};
type Participation = Schemas['ParticipationDto'];
const PARTICIPANT_SORTERS = {
  name: (a: Participation, b: Participation) => compareText(a.participantName, b.participantName),
  type: (a: Participation, b: Participation) => compareText(a.participantType, b.participantType),
  createdAt: (a: Participation, b: Participation) => compareInstant(a.createdAt, b.createdAt),
};
const participantText = (participant: Participation) =>
  [participant.participantName, participant.organisation?.name, participant.organisationName, participant.phone].join(
    ' ',
  );

const searchText = (event: TrainingEvent) =>
  [event.title, event.topic, event.organiser, event.commune?.name, event.location].join(' ');

/** Training events of the plan (e-commerce skills for cooperatives, officials…), by year. */
export function TrainingEventsPage() {
  const { t, tn, language, formatNumber } = useI18n();
  const account = useAccount();
  useDocumentTitle(t('training.metaTitle'));
  const [params, setParams] = useSearchParams();
  const currentYear = Number(todayInVietnam().slice(0, 4));
  const requested = Number(params.get('year'));
  const year =
    Number.isInteger(requested) && requested >= 2020 && requested <= currentYear + 1 ? requested : currentYear;
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const yearId = useId();
  const events = useQuery({
    queryKey: [...provinceKeys.training(account.id), 'events', year],
    queryFn: ({ signal }) => unwrap(api.GET('/api/training/events', { params: { query: period }, signal })),
  });
  const summary = useQuery({
    queryKey: [...provinceKeys.training(account.id), 'summary', year],
    queryFn: ({ signal }) => unwrap(api.GET('/api/training/summary', { params: { query: period }, signal })),
  });
  const view = useListView({
    items: events.data,
    searchText,
    sorters: SORTERS,
    defaultSort: { key: 'startsAt', direction: 'desc' },
  });

  return (
    <>
      <PageHead
        titleId="training-title"
        title={t('training.title')}
        intro={t('training.intro')}
        actions={
          account.role === 'province_officer' ? (
            <Link to="/training/new" className="button">
              {t('training.new')}
            </Link>
          ) : null
        }
      />
      <div className="toolbar">
        <div className="field narrow-field">
          <label htmlFor={yearId}>{t('figures.year')}</label>
          <select id={yearId} value={year} onChange={(event) => setParams({ year: event.target.value })}>
            {Array.from({ length: 6 }, (_, index) => currentYear + 1 - index).map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        {events.data && events.data.length > 0 ? (
          <SearchField label={t('training.search')} value={view.query} onChange={view.setQuery} />
        ) : null}
      </div>
      {summary.data ? (
        <div className="stat-grid" data-testid="training-summary">
          <div className="stat">
            <p className="stat-label">{t('training.statEvents')}</p>
            <p className="stat-value">{formatNumber(summary.data.events)}</p>
          </div>
          <div className="stat">
            <p className="stat-label">{t('training.statParticipations')}</p>
            <p className="stat-value">{formatNumber(summary.data.participations)}</p>
          </div>
          <div className="stat">
            <p className="stat-label">{t('training.statPeople')}</p>
            <p className="stat-value">{formatNumber(summary.data.distinctPeople)}</p>
          </div>
          <div className="stat">
            <p className="stat-label">{t('training.statOrganisations')}</p>
            <p className="stat-value">{formatNumber(summary.data.organisationsReached)}</p>
          </div>
        </div>
      ) : null}
      {events.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : events.isError ? (
        <ErrorPanel title={t('training.error')} error={events.error} onRetry={() => void events.refetch()} />
      ) : events.data.length === 0 ? (
        <EmptyState testId="training-empty" title={t('training.empty', { year })} hint={t('training.emptyHint')} />
      ) : (
        <>
          <p className="result-status" role="status">
            {view.query
              ? tn('training.matching', view.matching, { query: view.query })
              : tn('training.count', view.matching)}
          </p>
          {view.matching === 0 ? (
            <EmptyState title={t('training.noMatch')} hint={t('list.noMatchHint')} />
          ) : (
            <>
              <TableRegion labelledBy="training-title">
                <table className="table" data-testid="training-table">
                  <thead>
                    <tr>
                      <SortHeader
                        label={t('training.event')}
                        column="title"
                        sort={view.sort}
                        onSort={view.toggleSort}
                      />
                      <SortHeader
                        label={t('training.when')}
                        column="startsAt"
                        sort={view.sort}
                        onSort={view.toggleSort}
                      />
                      <th scope="col">{t('training.where')}</th>
                      <SortHeader
                        label={t('training.participations')}
                        column="participations"
                        sort={view.sort}
                        onSort={view.toggleSort}
                        className="number"
                      />
                    </tr>
                  </thead>
                  <tbody>
                    {view.visible.map((event) => (
                      <tr key={event.id}>
                        <th scope="row">
                          <Link to={`/training/${event.id}`}>{event.title}</Link>
                          <span className="cell-note">{event.topic}</span>
                        </th>
                        <td>
                          {formatDateTime(language, event.startsAt)}
                          <span className="cell-note">{t(`trainingFormat.${event.format}`)}</span>
                        </td>
                        <td className="wrap">
                          {event.location ?? event.commune?.name ?? <span className="muted">{t('common.none')}</span>}
                        </td>
                        <td className="number">
                          {formatNumber(event.participations)}
                          {event.absent > 0 ? (
                            <span className="cell-note">
                              {t('training.absent', { count: formatNumber(event.absent) })}
                            </span>
                          ) : null}
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
                label={t('training.pages')}
              />
            </>
          )}
        </>
      )}
    </>
  );
}

export function NewTrainingEventPage() {
  const { t } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const navigate = useNavigate();
  const communes = useHomeCommunes();
  useDocumentTitle(t('training.newTitle'));
  const [values, setValues] = useState({
    title: '',
    organiser: '',
    topic: '',
    communeCode: '',
    location: '',
    startsAt: '',
    endsAt: '',
    format: 'offline' as Format,
  });
  const [audience, setAudience] = useState<ParticipantType[]>([]);
  const { attachForm, ...errors } = useFormErrors('training');
  const create = useMutation({
    mutationFn: (body: EventInput) => unwrap(api.POST('/api/training/events', { body })),
    onSuccess: (event) => {
      void client.invalidateQueries({ queryKey: provinceKeys.training(account.id) });
      void navigate(`/training/${event.id}`, { replace: true });
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
    const startsAt = vietnamLocalToIso(values.startsAt);
    const endsAt = vietnamLocalToIso(values.endsAt);
    const problems: FieldMessages = {};
    for (const key of ['title', 'organiser', 'topic'] as const)
      if (!values[key].trim()) problems[key] = `training.required.${key}`;
    if (!startsAt) problems.startsAt = 'training.required.startsAt';
    if (!endsAt) problems.endsAt = 'training.required.endsAt';
    if (!errors.reportLocal(problems) || !startsAt || !endsAt) return;
    create.mutate({
      title: values.title.trim(),
      organiser: values.organiser.trim(),
      topic: values.topic.trim(),
      ...(values.communeCode ? { communeCode: values.communeCode } : {}),
      ...(values.location.trim() ? { location: values.location.trim() } : {}),
      startsAt,
      endsAt,
      format: values.format,
      ...(audience.length > 0 ? { audience } : {}),
    });
  };
  const text = (key: 'title' | 'organiser' | 'topic' | 'location', label: string, hint?: string, optional = false) => (
    <Field label={label} hint={hint} optional={optional ? t('common.optional') : undefined} error={error(key)}>
      {(control) => (
        <input {...control} name={key} value={values[key]} onChange={(event) => set(key, event.target.value)} />
      )}
    </Field>
  );
  return (
    <>
      <PageHead title={t('training.newTitle')} back={{ to: '/training', label: t('training.back') }} />
      <section className="card form-card" aria-label={t('training.newTitle')}>
        <form ref={attachForm} className="form" noValidate onSubmit={submit} aria-busy={create.isPending}>
          <FormError failure={errors.failure} title={t('training.failed')} />
          {text('title', t('training.titleLabel'), t('training.titleHint'))}
          {text('topic', t('training.topic'), t('training.topicHint'))}
          {text('organiser', t('training.organiser'), t('training.organiserHint'))}
          <div className="form-grid">
            <Field label={t('training.startsAt')} hint={t('batch.occurredAtHint')} error={error('startsAt')}>
              {(control) => (
                <input
                  {...control}
                  name="startsAt"
                  type="datetime-local"
                  value={values.startsAt}
                  onChange={(event) => set('startsAt', event.target.value)}
                />
              )}
            </Field>
            <Field label={t('training.endsAt')} error={error('endsAt')}>
              {(control) => (
                <input
                  {...control}
                  name="endsAt"
                  type="datetime-local"
                  value={values.endsAt}
                  onChange={(event) => set('endsAt', event.target.value)}
                />
              )}
            </Field>
          </div>
          <div className="form-grid">
            <Field label={t('training.format')} error={error('format')}>
              {(control) => (
                <select
                  {...control}
                  name="format"
                  value={values.format}
                  onChange={(event) => set('format', event.target.value as Format)}
                >
                  {FORMATS.map((format) => (
                    <option key={format} value={format}>
                      {t(`trainingFormat.${format}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
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
          </div>
          {text('location', t('training.location'), t('training.locationHint'), true)}
          <fieldset className="form-section">
            <legend>{t('training.audience')}</legend>
            <div className="check-grid">
              {PARTICIPANT_TYPES.map((type) => (
                <label key={type} className="inline-check">
                  <input
                    type="checkbox"
                    checked={audience.includes(type)}
                    onChange={(event) =>
                      setAudience((current) =>
                        event.target.checked ? [...current, type] : current.filter((item) => item !== type),
                      )
                    }
                  />
                  {t(`participantType.${type}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button" disabled={create.isPending}>
              {create.isPending ? t('common.saving') : t('training.create')}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}

export function TrainingEventPage() {
  const { id = '' } = useParams();
  const { t, tn, language, formatNumber } = useI18n();
  const account = useAccount();
  const event = useQuery({
    queryKey: [...provinceKeys.training(account.id), 'event', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/training/events/{id}', { params: { path: { id } }, signal })),
  });
  const participants = useQuery({
    queryKey: [...provinceKeys.training(account.id), 'event', id, 'participants'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/training/events/{id}/participants', { params: { path: { id } }, signal })),
  });
  useDocumentTitle(event.data?.title ?? t('training.metaTitle'));
  const people = useListView({
    items: participants.data,
    searchText: participantText,
    sorters: PARTICIPANT_SORTERS,
    defaultSort: { key: 'name', direction: 'asc' },
    pageSize: 25,
  });
  const back = { to: '/training', label: t('training.back') };
  if (event.isPending) return <PageStatus>{t('common.loading')}</PageStatus>;
  if (event.isError) {
    return (
      <>
        <PageHead title={t('training.title')} back={back} />
        <ErrorPanel title={t('training.eventError')} error={event.error} onRetry={() => void event.refetch()} />
      </>
    );
  }
  const current = event.data;
  return (
    <>
      <PageHead title={current.title} intro={current.topic} back={back} />
      <dl className="facts card">
        <div>
          <dt>{t('training.when')}</dt>
          <dd>
            {formatDateTime(language, current.startsAt)} – {formatDateTime(language, current.endsAt)}
          </dd>
        </div>
        <div>
          <dt>{t('training.where')}</dt>
          <dd>
            {[current.location, current.commune?.name].filter(Boolean).join(', ') ||
              t(`trainingFormat.${current.format}`)}
          </dd>
        </div>
        <div>
          <dt>{t('training.organiser')}</dt>
          <dd>{current.organiser}</dd>
        </div>
        <div>
          <dt>{t('training.participations')}</dt>
          <dd data-testid="event-participations">
            {formatNumber(current.participations)}
            {current.absent > 0 ? ` · ${t('training.absent', { count: formatNumber(current.absent) })}` : ''}
          </dd>
        </div>
      </dl>
      {account.role === 'province_officer' ? (
        <section className="card" aria-labelledby="import-title">
          <h2 id="import-title">{t('training.import')}</h2>
          <AttendanceImport eventId={current.id} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="participants-title">
        <h2 id="participants-title">{t('training.participants')}</h2>
        {participants.isPending ? (
          <PageStatus>{t('common.loading')}</PageStatus>
        ) : participants.isError ? (
          <ErrorPanel
            title={t('training.participantsError')}
            error={participants.error}
            onRetry={() => void participants.refetch()}
          />
        ) : participants.data.length === 0 ? (
          <p className="muted">{t('training.noParticipants')}</p>
        ) : (
          <>
            <SearchField label={t('training.searchParticipants')} value={people.query} onChange={people.setQuery} />
            <p className="result-status" role="status">
              {tn('training.participantCount', people.matching)}
            </p>
            <TableRegion labelledBy="participants-title">
              <table className="table" data-testid="participants-table">
                <thead>
                  <tr>
                    <SortHeader
                      label={t('training.participantName')}
                      column="name"
                      sort={people.sort}
                      onSort={people.toggleSort}
                    />
                    <SortHeader
                      label={t('training.participantType')}
                      column="type"
                      sort={people.sort}
                      onSort={people.toggleSort}
                    />
                    <th scope="col">{t('training.participantOrganisation')}</th>
                    <th scope="col">{t('members.phone')}</th>
                    <th scope="col">{t('training.attended')}</th>
                  </tr>
                </thead>
                <tbody>
                  {people.visible.map((participant) => (
                    <tr key={participant.id}>
                      <th scope="row">{participant.participantName}</th>
                      <td>{t(`participantType.${participant.participantType}`)}</td>
                      <td className="wrap">
                        {participant.organisation?.name ?? participant.organisationName ?? (
                          <span className="muted">{t('common.none')}</span>
                        )}
                      </td>
                      <td>
                        {participant.phone ? (
                          formatPhone(participant.phone)
                        ) : (
                          <span className="muted">{t('common.none')}</span>
                        )}
                      </td>
                      <td>{participant.attended ? t('common.yes') : t('training.absentShort')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
            <Pagination
              page={people.page}
              pageCount={people.pageCount}
              onPage={people.setPage}
              label={t('training.participantPages')}
            />
          </>
        )}
        {account.role === 'province_officer' ? <AddParticipantForm eventId={current.id} /> : null}
      </section>
    </>
  );
}

/**
 * Upload a CSV or XLSX attendance list; the API checks it whole first (nothing is saved when a row
 * is wrong), then writes it in the background while the page shows how far it got.
 */
function AttendanceImport({ eventId }: { eventId: string }) {
  const { t, language, formatNumber } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const { attachForm, ...errors } = useFormErrors('import');
  const format = useQuery({
    queryKey: ['platform', 'training-import-format'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/training/imports/format', { signal })),
    staleTime: Infinity,
  });
  const upload = useMutation({
    mutationFn: (attendance: File) =>
      unwrap(
        api.POST('/api/training/events/{id}/imports', {
          params: { path: { id: eventId } },
          ...multipartBody({ file: attendance }),
        }),
      ),
    onSuccess: (started) => {
      setImportId(started.id);
      setFile(null);
      if (input.current) input.current.value = '';
    },
    onError: errors.report,
  });
  const progress = useQuery({
    queryKey: [...provinceKeys.training(account.id), 'import', importId],
    queryFn: async ({ signal }): Promise<Import> => {
      const job = await unwrap(
        api.GET('/api/training/imports/{id}', { params: { path: { id: importId as string } }, signal }),
      );
      if (job.status === 'succeeded' || job.status === 'failed') {
        // The event's counts and list changed: read them again once the import is over.
        void client.invalidateQueries({ queryKey: [...provinceKeys.training(account.id), 'event', eventId] });
        void client.invalidateQueries({ queryKey: [...provinceKeys.training(account.id), 'events'] });
      }
      return job;
    },
    enabled: importId !== null,
    refetchInterval: (query) =>
      query.state.data && ['succeeded', 'failed'].includes(query.state.data.status) ? false : POLL_MS,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (upload.isPending) return;
    errors.reset();
    if (!errors.reportLocal(file ? {} : { file: 'training.chooseFile' })) return;
    setImportId(null);
    if (file) upload.mutate(file);
  };
  // Row problems arrive as fields named rows.<row>.<column>, already worded for the officer.
  const rowProblems =
    upload.error instanceof ApiRequestError
      ? upload.error.fields.filter((field) => /^(rows|header)\./.test(field.field))
      : [];
  const job = progress.data;

  return (
    <>
      <p className="muted">{t('training.importIntro')}</p>
      {format.data ? (
        <details className="format-help">
          <summary>
            {t('training.formatHelp', {
              size: formatBytes(language, format.data.maxBytes),
              rows: formatNumber(format.data.maxRows),
            })}
          </summary>
          <ul>
            {format.data.columns.map((column) => (
              <li key={column.field}>
                <strong>{column.headers[0]}</strong>
                {column.required ? ` (${t('training.required')})` : ''} — {column.headers.slice(1).join(', ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <form
        ref={attachForm}
        className="form"
        noValidate
        onSubmit={submit}
        aria-busy={upload.isPending}
        data-testid="import-form"
      >
        <FormError failure={errors.failure} title={t('training.importFailed')} />
        {rowProblems.length > 0 ? (
          <div className="notice notice-danger" data-testid="import-problems">
            <p className="panel-title">{t('training.rowProblems')}</p>
            <ul>
              {rowProblems.map((problem) => (
                <li key={problem.field}>{problem.messages.join(' ')}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <Field
          label={t('training.file')}
          hint={t('training.fileHint')}
          error={errors.fields.file ? t(errors.fields.file) : undefined}
        >
          {(control) => (
            <input
              {...control}
              ref={input}
              name="file"
              type="file"
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                errors.clear('file');
              }}
            />
          )}
        </Field>
        <div className="form-actions">
          <button
            type="submit"
            className="button"
            disabled={upload.isPending || (job !== undefined && !['succeeded', 'failed'].includes(job.status))}
          >
            {upload.isPending ? t('training.uploading') : t('training.upload')}
          </button>
        </div>
      </form>
      {job ? (
        <div className="import-progress" role="status" aria-live="polite" data-testid="import-progress">
          <p className="panel-title">
            {t(`importStatus.${job.status}`)} · {job.fileName}
          </p>
          <progress max={Math.max(job.total, 1)} value={job.processed} aria-label={t('training.progressLabel')} />
          <p>{t('training.progress', { processed: formatNumber(job.processed), total: formatNumber(job.total) })}</p>
          {job.status === 'succeeded' ? (
            <p className="notice notice-success" data-testid="import-result">
              {t('training.imported', {
                inserted: formatNumber(job.inserted),
                skipped: formatNumber(job.skippedDuplicates),
              })}
            </p>
          ) : null}
          {job.status === 'failed' ? (
            <div className="notice notice-danger">
              <p>{t('training.importJobFailed')}</p>
              <ul>
                {job.errors.map((problem, index) => (
                  <li key={index}>{problem.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : importId && progress.isError ? (
        <ErrorPanel
          title={t('training.progressError')}
          error={progress.error}
          onRetry={() => void progress.refetch()}
        />
      ) : null}
    </>
  );
}

function AddParticipantForm({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const empty = {
    participantName: '',
    participantType: '' as ParticipantType | '',
    organisationName: '',
    organisationTaxCode: '',
    phone: '',
  };
  const [values, setValues] = useState(empty);
  const [attended, setAttended] = useState(true);
  const [open, setOpen] = useState(false);
  const { attachForm, ...errors } = useFormErrors('participant');
  const add = useMutation({
    mutationFn: (body: Schemas['AddParticipantDto']) =>
      unwrap(api.POST('/api/training/events/{id}/participants', { params: { path: { id: eventId } }, body })),
    onSuccess: () => {
      setValues(empty);
      void client.invalidateQueries({ queryKey: [...provinceKeys.training(account.id), 'event', eventId] });
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
    const problems: FieldMessages = {};
    if (!values.participantName.trim()) problems.participantName = 'training.required.participantName';
    if (!values.participantType) problems.participantType = 'training.required.participantType';
    if (!errors.reportLocal(problems) || !values.participantType) return;
    add.mutate({
      participantName: values.participantName.trim(),
      participantType: values.participantType,
      ...(values.organisationName.trim() ? { organisationName: values.organisationName.trim() } : {}),
      ...(values.organisationTaxCode.trim() ? { organisationTaxCode: values.organisationTaxCode.trim() } : {}),
      ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
      attended,
    });
  };
  if (!open) {
    return (
      <button type="button" className="button button-secondary section-button" onClick={() => setOpen(true)}>
        {t('training.addParticipant')}
      </button>
    );
  }
  return (
    <form ref={attachForm} className="form upload-form" noValidate onSubmit={submit} aria-busy={add.isPending}>
      <h3>{t('training.addParticipant')}</h3>
      <FormError failure={errors.failure} title={t('training.participantFailed')} />
      <div className="form-grid">
        <Field label={t('training.participantName')} error={error('participantName')}>
          {(control) => (
            <input
              {...control}
              name="participantName"
              value={values.participantName}
              onChange={(event) => set('participantName', event.target.value)}
            />
          )}
        </Field>
        <Field label={t('training.participantType')} error={error('participantType')}>
          {(control) => (
            <select
              {...control}
              name="participantType"
              value={values.participantType}
              onChange={(event) => set('participantType', event.target.value as ParticipantType)}
            >
              <option value="">{t('training.chooseType')}</option>
              {PARTICIPANT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`participantType.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-grid">
        <Field
          label={t('training.participantOrganisation')}
          optional={t('common.optional')}
          error={error('organisationName')}
        >
          {(control) => (
            <input
              {...control}
              name="organisationName"
              value={values.organisationName}
              onChange={(event) => set('organisationName', event.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('organisation.taxCode')}
          hint={t('training.taxCodeHint')}
          optional={t('common.optional')}
          error={error('organisationTaxCode')}
        >
          {(control) => (
            <input
              {...control}
              name="organisationTaxCode"
              inputMode="numeric"
              value={values.organisationTaxCode}
              onChange={(event) => set('organisationTaxCode', event.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label={t('members.phone')} optional={t('common.optional')} error={error('phone')}>
        {(control) => (
          <input
            {...control}
            name="phone"
            type="tel"
            inputMode="tel"
            value={values.phone}
            onChange={(event) => set('phone', event.target.value)}
          />
        )}
      </Field>
      <CheckboxField label={t('training.attendedLabel')} checked={attended} onChange={setAttended} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={add.isPending}>
          {add.isPending ? t('common.saving') : t('training.saveParticipant')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          {t('common.close')}
        </button>
        {add.isSuccess ? (
          <p className="notice notice-success inline-notice" role="status">
            {t('training.participantAdded')}
          </p>
        ) : null}
      </div>
    </form>
  );
}
