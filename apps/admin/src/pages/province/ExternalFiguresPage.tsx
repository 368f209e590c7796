import type { Schemas } from '@ocop/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { ApiRequestError, unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ConfirmDialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field } from '../../components/Field';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { TableRegion } from '../../components/TableRegion';
import { formatCalendarDate, formatDateTime, formatDong, todayInVietnam } from '../../format';
import { type FieldMessages, useFormErrors } from '../../forms';
import { useDocumentTitle } from '../../hooks';
import { type Translator } from '../../i18n/translator';
import { useI18n } from '../../i18n/I18nProvider';
import { provinceKeys } from '../../queries';

type Definition = Schemas['FigureDefinitionDto'];
type Figure = Schemas['ExternalFigureDto'];
const FIRST_YEAR = 2024;
const UNITS = ['count', 'persons', 'vnd', 'percent'] as const;

function isKnownUnit(unit: string): unit is (typeof UNITS)[number] {
  return (UNITS as readonly string[]).includes(unit);
}

/** A figure in its unit: đồng as money, percentages with their sign, counts as numbers. */
export function formatFigure(translator: Pick<Translator, 'formatNumber' | 't'>, value: number, unit: string): string {
  switch (unit) {
    case 'vnd':
      return formatDong(value);
    case 'percent':
      return `${translator.formatNumber(value)} %`;
    case 'persons':
      return translator.t('figures.persons', { count: translator.formatNumber(value) });
    default:
      return translator.formatNumber(value);
  }
}

/**
 * Province-wide figures the platform cannot observe (registered cooperatives, trained officials…),
 * entered per year with their source. The plan's ratios use them as denominators.
 */
export function ExternalFiguresPage() {
  const translator = useI18n();
  const { t, language } = translator;
  const account = useAccount();
  useDocumentTitle(t('figures.metaTitle'));
  const [params, setParams] = useSearchParams();
  const currentYear = Number(todayInVietnam().slice(0, 4));
  const requested = Number(params.get('year'));
  const year =
    Number.isInteger(requested) && requested >= FIRST_YEAR && requested <= currentYear ? requested : currentYear - 1;
  const years = Array.from({ length: currentYear - FIRST_YEAR + 1 }, (_, index) => currentYear - index);
  const yearId = useId();

  const definitions = useQuery({
    queryKey: [...provinceKeys.figures(account.id), 'definitions'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/external-figures/definitions', { signal })),
    staleTime: 10 * 60_000,
  });
  const figures = useQuery({
    queryKey: [...provinceKeys.figures(account.id), year],
    queryFn: ({ signal }) => unwrap(api.GET('/api/external-figures', { params: { query: { year } }, signal })),
  });
  const missing = useQuery({
    queryKey: [...provinceKeys.figures(account.id), 'missing', year],
    queryFn: async ({ signal }) => {
      try {
        const plan = await unwrap(api.GET('/api/plans/active', { signal }));
        return await unwrap(
          api.GET('/api/plans/{id}/missing-figures', { params: { path: { id: plan.id }, query: { year } }, signal }),
        );
      } catch (error) {
        // Without an active plan nothing is "missing"; the page says so instead of failing.
        if (error instanceof ApiRequestError && error.code === 'no_active_plan') return null;
        throw error;
      }
    },
  });
  const [editing, setEditing] = useState<Definition | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const canEdit = account.role === 'province_officer';
  const byKey = new Map((figures.data ?? []).map((figure) => [figure.key, figure]));
  const missingKeys = new Set(missing.data?.missing.map((figure) => figure.key) ?? []);
  const name = (definition: { nameVi: string; nameEn: string | null }) =>
    language === 'en' && definition.nameEn ? definition.nameEn : definition.nameVi;

  return (
    <>
      <PageHead titleId="figures-title" title={t('figures.title')} intro={t('figures.intro')} />
      <div className="toolbar">
        <div className="field narrow-field">
          <label htmlFor={yearId}>{t('figures.year')}</label>
          <select
            id={yearId}
            value={year}
            onChange={(event) => {
              setSaved(null);
              setHistory(null);
              setParams({ year: event.target.value });
            }}
          >
            {years.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
      </div>
      {missing.data === null ? (
        <p className="notice">{t('figures.noPlan')}</p>
      ) : missing.data ? (
        missing.data.complete ? (
          <p className="notice notice-success">{t('figures.complete', { year })}</p>
        ) : (
          <p className="notice" data-testid="figures-missing">
            {translator.tn('figures.missing', missing.data.missing.length, { year })}
          </p>
        )
      ) : null}
      {saved ? (
        <p className="notice notice-success" role="status">
          {t('figures.saved', { name: saved })}
        </p>
      ) : null}
      {definitions.isPending || figures.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : definitions.isError || figures.isError ? (
        <ErrorPanel
          title={t('figures.error')}
          error={definitions.error ?? figures.error}
          onRetry={() => {
            void definitions.refetch();
            void figures.refetch();
          }}
        />
      ) : definitions.data.length === 0 ? (
        <EmptyState title={t('figures.empty')} />
      ) : (
        <TableRegion labelledBy="figures-title">
          <table className="table" data-testid="figures-table">
            <thead>
              <tr>
                <th scope="col">{t('figures.figure')}</th>
                <th scope="col" className="number">
                  {t('figures.value', { year })}
                </th>
                <th scope="col">{t('figures.source')}</th>
                <th scope="col">{t('figures.updated')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('figures.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {definitions.data.map((definition) => {
                const figure = byKey.get(definition.key);
                return (
                  <FigureRow
                    key={definition.key}
                    definition={definition}
                    figure={figure}
                    name={name(definition)}
                    neededByPlan={missingKeys.has(definition.key)}
                    year={year}
                    canEdit={canEdit}
                    historyOpen={history === definition.key}
                    onEdit={() => {
                      setSaved(null);
                      setEditing(definition);
                    }}
                    onHistory={() => setHistory((current) => (current === definition.key ? null : definition.key))}
                  />
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
      <FigureDialog
        year={year}
        definition={editing}
        figure={editing ? byKey.get(editing.key) : undefined}
        name={editing ? name(editing) : ''}
        onClose={() => setEditing(null)}
        onSaved={(figureName) => {
          setEditing(null);
          setSaved(figureName);
        }}
      />
    </>
  );
}

function FigureRow({
  definition,
  figure,
  name,
  neededByPlan,
  year,
  canEdit,
  historyOpen,
  onEdit,
  onHistory,
}: {
  definition: Definition;
  figure: Figure | undefined;
  name: string;
  neededByPlan: boolean;
  year: number;
  canEdit: boolean;
  historyOpen: boolean;
  onEdit: () => void;
  onHistory: () => void;
}) {
  const translator = useI18n();
  const { t, language } = translator;
  const account = useAccount();
  const revisions = useQuery({
    queryKey: [...provinceKeys.figures(account.id), 'history', year, definition.key],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/external-figures/{year}/{key}/history', {
          params: { path: { year, key: definition.key } },
          signal,
        }),
      ),
    enabled: historyOpen,
  });
  return (
    <>
      <tr>
        <th scope="row">
          {name}
          {/* The API describes figures in English only; a Vietnamese page shows its name alone. */}
          {definition.description && language === 'en' ? (
            <span className="cell-note">{definition.description}</span>
          ) : null}
          {neededByPlan ? (
            <span className="cell-note">
              <StatusBadge tone="warning">{t('figures.neededByPlan')}</StatusBadge>
            </span>
          ) : null}
        </th>
        <td className="number">
          {figure ? (
            formatFigure(translator, figure.value, figure.unit)
          ) : (
            <span className="muted">{t('figures.notEntered')}</span>
          )}
        </td>
        <td className="wrap">
          {figure ? (
            <>
              {figure.source}
              <span className="cell-note">{formatCalendarDate(language, figure.sourceDate)}</span>
            </>
          ) : null}
        </td>
        <td>
          {figure ? (
            <>
              {formatDateTime(language, figure.updatedAt)}
              {figure.updatedByName ? <span className="cell-note">{figure.updatedByName}</span> : null}
            </>
          ) : null}
        </td>
        <td>
          <div className="row-actions">
            {canEdit ? (
              <button type="button" className="button button-small" onClick={onEdit}>
                {figure ? t('figures.edit') : t('figures.enter')}
                <span className="visually-hidden"> – {name}</span>
              </button>
            ) : null}
            {figure && figure.revisions > 0 ? (
              <button
                type="button"
                className="button button-secondary button-small"
                aria-expanded={historyOpen}
                onClick={onHistory}
              >
                {translator.tn('figures.history', figure.revisions)}
              </button>
            ) : null}
          </div>
        </td>
      </tr>
      {historyOpen ? (
        <tr className="detail-row">
          <td colSpan={5}>
            {revisions.isPending ? (
              <PageStatus>{t('common.loading')}</PageStatus>
            ) : revisions.isError ? (
              <ErrorPanel
                title={t('figures.historyError')}
                error={revisions.error}
                onRetry={() => void revisions.refetch()}
              />
            ) : (
              <ol className="timeline">
                {revisions.data.map((revision) => (
                  <li key={revision.replacedAt}>
                    <p className="timeline-title">{formatFigure(translator, revision.value, revision.unit)}</p>
                    <p>
                      {revision.source} · {formatCalendarDate(language, revision.sourceDate)}
                    </p>
                    <p className="muted small">
                      {t('figures.replacedAt', { time: formatDateTime(language, revision.replacedAt) })}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}

function FigureDialog({
  year,
  definition,
  figure,
  name,
  onClose,
  onSaved,
}: {
  year: number;
  definition: Definition | null;
  figure: Figure | undefined;
  name: string;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const { t } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const [values, setValues] = useState({ value: '', source: '', sourceDate: '', note: '' });
  const [shownFor, setShownFor] = useState<string | null>(null);
  const errors = useFormErrors('figure');
  const save = useMutation({
    mutationFn: (input: { key: string; value: number }) =>
      unwrap(
        api.PUT('/api/external-figures/{year}/{key}', {
          params: { path: { year, key: input.key } },
          body: {
            value: input.value,
            source: values.source.trim(),
            sourceDate: values.sourceDate,
            note: values.note.trim() || null,
          },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: provinceKeys.figures(account.id) });
      onSaved(name);
    },
    onError: errors.report,
  });
  // Opening the dialog for another figure starts from that figure's current values.
  const key = definition?.key ?? null;
  if (key !== shownFor) {
    setShownFor(key);
    setValues({
      value: figure ? String(figure.value) : '',
      source: figure?.source ?? '',
      sourceDate: figure?.sourceDate ?? '',
      note: figure?.note ?? '',
    });
    errors.reset();
  }
  const unitLabel = (unit: string) => (isKnownUnit(unit) ? t(`figureUnit.${unit}`) : unit);
  const set = (field: keyof typeof values, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    errors.clear(field);
  };
  const error = (field: string) => (errors.fields[field] ? t(errors.fields[field]) : undefined);
  const confirm = () => {
    if (!definition) return;
    errors.reset();
    const value = Number(values.value.trim().replace(/\s/g, '').replace(',', '.'));
    const problems: FieldMessages = {};
    if (!values.value.trim() || Number.isNaN(value)) problems.value = 'figures.required.value';
    if (!values.source.trim()) problems.source = 'figures.required.source';
    if (!values.sourceDate) problems.sourceDate = 'figures.required.sourceDate';
    if (errors.reportLocal(problems)) save.mutate({ key: definition.key, value });
  };
  return (
    <ConfirmDialog
      open={definition !== null}
      tone="primary"
      initialFocus="content"
      testId="figure-dialog"
      title={t('figures.dialogTitle', { name, year })}
      confirmLabel={t('figures.save')}
      busy={save.isPending}
      failure={errors.failure}
      failureTitle={t('figures.failed')}
      onConfirm={confirm}
      onCancel={onClose}
    >
      {definition ? (
        <div className="form">
          <Field label={t('figures.valueLabel', { unit: unitLabel(definition.unit) })} error={error('value')}>
            {(control) => (
              <input
                {...control}
                name="value"
                inputMode="decimal"
                data-autofocus
                value={values.value}
                onChange={(event) => set('value', event.target.value)}
              />
            )}
          </Field>
          <Field label={t('figures.sourceLabel')} hint={t('figures.sourceHint')} error={error('source')}>
            {(control) => (
              <input
                {...control}
                name="source"
                value={values.source}
                onChange={(event) => set('source', event.target.value)}
              />
            )}
          </Field>
          <Field label={t('figures.sourceDate')} error={error('sourceDate')}>
            {(control) => (
              <input
                {...control}
                name="sourceDate"
                type="date"
                value={values.sourceDate}
                onChange={(event) => set('sourceDate', event.target.value)}
              />
            )}
          </Field>
          <Field label={t('figures.note')} optional={t('common.optional')} error={error('note')}>
            {(control) => (
              <textarea
                {...control}
                name="note"
                rows={2}
                value={values.note}
                onChange={(event) => set('note', event.target.value)}
              />
            )}
          </Field>
          {figure ? <p className="hint">{t('figures.correctionNote')}</p> : null}
        </div>
      ) : null}
    </ConfirmDialog>
  );
}
