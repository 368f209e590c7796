import { useQuery } from '@tanstack/react-query';
import { Fragment, useId, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { TableRegion } from '../../components/TableRegion';
import { formatDateTime, todayInVietnam } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import {
  COMPARISON_NAMES,
  defaultParams,
  formatBasis,
  formatGoal,
  formatKpiValue,
  KPI_GROUPS,
  type KpiGroup,
  type KpiUnit,
  kpiName,
  type Plan,
  planKeys,
  type Target,
  type TargetChange,
} from './PlanFormat';
import { ActivatePlanDialog } from './PlansPage';
import { AddTargetDialog, EditTargetDialog, RemoveTargetDialog } from './PlanTargetDialogs';

const COLUMNS = 5;

function fetchHistory(planId: string, targetId: string, signal: AbortSignal) {
  return unwrap(
    api.GET('/api/plans/{id}/targets/{targetId}/history', { params: { path: { id: planId, targetId } }, signal }),
  );
}

/** The plan's targets by theme, each with the plan's own words, and what the officers changed. */
export function PlanPage() {
  const { id = '' } = useParams();
  const translator = useI18n();
  const { t } = translator;
  const account = useAccount();
  const plan = useQuery({
    queryKey: planKeys.plan(account.id, id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/plans/{id}', { params: { path: { id } }, signal })),
  });
  useDocumentTitle(plan.data ? t('plan.metaTitle', { name: plan.data.name }) : t('plans.metaTitle'));
  const back = { to: '/plans', label: t('plan.back') };

  if (plan.isPending) return <PageStatus>{t('common.loading')}</PageStatus>;
  if (plan.isError) {
    return (
      <>
        <PageHead title={t('plans.title')} back={back} />
        <ErrorPanel title={t('plan.error')} error={plan.error} onRetry={() => void plan.refetch()} />
      </>
    );
  }
  return <PlanView plan={plan.data} back={back} />;
}

function PlanView({ plan, back }: { plan: Plan; back: { to: string; label: string } }) {
  const translator = useI18n();
  const { t, tn, language } = translator;
  const account = useAccount();
  const officer = account.role === 'province_officer';
  const canEdit = officer && plan.editable;
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Target | null>(null);
  const [removing, setRemoving] = useState<Target | null>(null);
  const [activating, setActivating] = useState(false);
  const [history, setHistory] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const byGroup = new Map<KpiGroup, Target[]>();
  for (const target of plan.targets) {
    const group = target.kpi.isCustom ? 'custom' : target.kpi.group;
    byGroup.set(group, [...(byGroup.get(group) ?? []), target]);
  }
  const groups = KPI_GROUPS.filter((group) => byGroup.has(group));
  const say = (message: string) => {
    setNotice(message);
    setEditing(null);
    setRemoving(null);
    setAdding(false);
  };

  return (
    <>
      <PageHead
        titleId="plan-title"
        title={plan.name}
        back={back}
        intro={t('plan.intro', {
          province: plan.provinceName,
          from: plan.periodStartYear,
          to: plan.periodEndYear,
        })}
        actions={
          <>
            {officer && plan.editable && !plan.active ? (
              <button type="button" className="button button-secondary" onClick={() => setActivating(true)}>
                {t('plans.activate')}
              </button>
            ) : null}
            {canEdit ? (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setNotice(null);
                  setAdding(true);
                }}
              >
                {t('plan.add')}
              </button>
            ) : null}
          </>
        }
      />
      <div className="plan-badges">
        {plan.active ? (
          <StatusBadge tone="success" testId="plan-active">
            {t('plans.active')}
          </StatusBadge>
        ) : (
          <StatusBadge tone="neutral">{t('plans.inactive')}</StatusBadge>
        )}
        <StatusBadge tone="info">{plan.isPreset ? t('plans.preset') : t('plans.custom')}</StatusBadge>
      </div>
      <p className="muted small plan-source">{t('plan.source', { document: plan.sourceDocument })}</p>
      {!plan.editable ? (
        <p className="notice">{t('plan.readOnlyOtherProvince', { province: plan.provinceName })}</p>
      ) : !officer ? (
        <p className="notice">{t('plan.readOnlyRole')}</p>
      ) : null}
      {plan.editable ? <MissingFigures plan={plan} /> : null}
      {notice ? (
        <p className="notice notice-success" role="status" data-testid="plan-notice">
          {notice}
        </p>
      ) : null}

      <h2 id="plan-targets-title" className="section-title">
        {tn('plan.targetCount', plan.targets.length)}
      </h2>
      {plan.targets.length === 0 ? (
        <div className="panel panel-empty">
          <p className="panel-title">{t('plan.empty')}</p>
          {canEdit ? <p className="muted">{t('plan.emptyHint')}</p> : null}
        </div>
      ) : (
        <TableRegion labelledBy="plan-targets-title">
          <table className="table plan-targets" data-testid="plan-targets">
            <thead>
              <tr>
                <th scope="col">{t('plan.kpi')}</th>
                <th scope="col">{t('plan.target')}</th>
                <th scope="col">{t('plan.wording')}</th>
                <th scope="col">{t('plan.lastChange')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('plans.actions')}</span>
                </th>
              </tr>
            </thead>
            {groups.map((group) => (
              <tbody key={group}>
                <tr className="group-row">
                  <th scope="colgroup" colSpan={COLUMNS}>
                    {t(`plan.group.${group}`)}
                  </th>
                </tr>
                {(byGroup.get(group) ?? []).map((target) => {
                  const name = kpiName(language, target.kpi);
                  const open = history === target.id;
                  return (
                    <Fragment key={target.id}>
                      <tr data-testid="plan-target" data-kpi={target.kpiId}>
                        <th scope="row">
                          {name}
                          <span className="cell-note">{t(`plan.method.${target.kpi.method}`)}</span>
                          {defaultParams(target.kpi).withinDays !== undefined ? (
                            <span className="cell-note">
                              {t('plan.params.withinDays', {
                                days: target.params.withinDays ?? defaultParams(target.kpi).withinDays ?? '',
                              })}
                            </span>
                          ) : null}
                        </th>
                        <td className="wrap">
                          <TargetGoal plan={plan} target={target} />
                        </td>
                        <td className="wrap plan-wording">
                          {target.citation ? (
                            <blockquote lang="vi">“{target.citation}”</blockquote>
                          ) : (
                            <span className="muted">{t('plan.noCitation')}</span>
                          )}
                          {target.reference ? <span className="cell-note">{target.reference}</span> : null}
                          {target.note ? (
                            <span className="cell-note" lang="vi">
                              {t('plan.note', { note: target.note })}
                            </span>
                          ) : null}
                        </td>
                        <td className="wrap">
                          <LastChange planId={plan.id} target={target} />
                        </td>
                        <td>
                          <div className="row-actions">
                            {canEdit ? (
                              <button
                                type="button"
                                className="button button-small"
                                onClick={() => {
                                  setNotice(null);
                                  setEditing(target);
                                }}
                              >
                                {t('plan.edit')}
                                <span className="visually-hidden"> – {name}</span>
                              </button>
                            ) : null}
                            <button
                              type="button"
                              className="button button-secondary button-small"
                              aria-expanded={open}
                              onClick={() => setHistory((current) => (current === target.id ? null : target.id))}
                            >
                              {t('plan.history')}
                              <span className="visually-hidden"> – {name}</span>
                            </button>
                            {canEdit ? (
                              <button
                                type="button"
                                className="button button-danger-outline button-small"
                                onClick={() => {
                                  setNotice(null);
                                  setRemoving(target);
                                }}
                              >
                                {t('plan.remove')}
                                <span className="visually-hidden"> – {name}</span>
                              </button>
                            ) : null}
                          </div>
                        </td>
                      </tr>
                      {open ? (
                        <tr className="detail-row">
                          <td colSpan={COLUMNS}>
                            <TargetHistory plan={plan} target={target} />
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </tbody>
            ))}
          </table>
        </TableRegion>
      )}

      {canEdit ? (
        <>
          <EditTargetDialog
            plan={plan}
            target={editing}
            onClose={() => setEditing(null)}
            onSaved={(name) => say(t('plan.saved', { name }))}
          />
          <AddTargetDialog
            plan={plan}
            open={adding}
            onClose={() => setAdding(false)}
            onAdded={(name) => say(t('plan.added', { name }))}
          />
          <RemoveTargetDialog
            plan={plan}
            target={removing}
            onClose={() => setRemoving(null)}
            onRemoved={(name) => {
              if (history === removing?.id) setHistory(null);
              say(t('plan.removed', { name }));
            }}
          />
        </>
      ) : null}
      {officer && plan.editable ? (
        <ActivatePlanDialog
          plan={activating ? plan : null}
          current={null}
          onClose={() => setActivating(false)}
          onActivated={() => {
            setActivating(false);
            setNotice(t('plans.activated', { name: plan.name }));
          }}
        />
      ) : null}
    </>
  );
}

/** "Từ 80 % trở lên", the more ambitious end of a range, and the year or years it is read in. */
function TargetGoal({ plan, target }: { plan: Plan; target: Target }) {
  const translator = useI18n();
  const unit = target.kpi.unit;
  return (
    <>
      <strong className="plan-goal" data-testid="target-goal">
        {formatGoal(translator, target.comparison, formatKpiValue(translator, target.targetValue, unit))}
      </strong>
      {target.stretchValue !== null ? (
        <span className="cell-note">
          {translator.t('plan.stretch', { value: formatKpiValue(translator, target.stretchValue, unit) })}
        </span>
      ) : null}
      <span className="cell-note">
        {formatBasis(translator, target.basis, plan.periodStartYear, target.effectiveYear, target.targetYear !== null)}
      </span>
    </>
  );
}

/**
 * Who changed the target last. The target carries only the account id, so the name comes from
 * the target's history (already cached when the history was opened); one's own edits need no call.
 */
function LastChange({ planId, target }: { planId: string; target: Target }) {
  const { t, language } = useI18n();
  const account = useAccount();
  const mine = target.updatedBy === account.id;
  const changes = useQuery({
    queryKey: planKeys.history(account.id, planId, target.id),
    queryFn: ({ signal }) => fetchHistory(planId, target.id, signal),
    enabled: target.updatedBy !== null && !mine,
    staleTime: 60_000,
  });
  if (target.updatedBy === null) return <span className="muted">{t('plan.asIssued')}</span>;
  const name = mine ? account.fullName : (changes.data?.at(-1)?.actorName ?? null);
  return (
    <>
      {formatDateTime(language, target.updatedAt)}
      {name ? <span className="cell-note">{name}</span> : null}
    </>
  );
}

function TargetHistory({ plan, target }: { plan: Plan; target: Target }) {
  const translator = useI18n();
  const { t, language } = translator;
  const account = useAccount();
  const changes = useQuery({
    queryKey: planKeys.history(account.id, plan.id, target.id),
    queryFn: ({ signal }) => fetchHistory(plan.id, target.id, signal),
  });
  if (changes.isPending) return <PageStatus>{t('common.loading')}</PageStatus>;
  if (changes.isError) {
    return <ErrorPanel title={t('plan.historyError')} error={changes.error} onRetry={() => void changes.refetch()} />;
  }
  if (changes.data.length === 0) return <p className="muted">{t('plan.historyEmpty')}</p>;
  return (
    <ol className="timeline" data-testid="target-history">
      {[...changes.data].reverse().map((change, index) => (
        <li key={`${change.at}-${index}`}>
          <p className="timeline-title">{t(`plan.change.${change.action}`)}</p>
          <ChangeDetails plan={plan} unit={target.kpi.unit} change={change} />
          <p className="muted small">
            {change.actorName ?? t('plan.system')} · {formatDateTime(language, change.at)}
          </p>
        </li>
      ))}
    </ol>
  );
}

const TRACKED = ['targetValue', 'stretchValue', 'comparison', 'targetYear', 'basis', 'note', 'params'] as const;
type Tracked = (typeof TRACKED)[number];

/** What a change did, field by field: "Mức mục tiêu: 80 % → 85 %". */
function ChangeDetails({ plan, unit, change }: { plan: Plan; unit: KpiUnit; change: TargetChange }) {
  const translator = useI18n();
  const { t } = translator;
  const before = change.before as Record<string, unknown> | null;
  const after = change.after as Record<string, unknown> | null;
  const show = (field: Tracked, value: unknown): string => {
    if (field === 'targetValue' || field === 'stretchValue') {
      return value === null || value === undefined ? t('plan.none') : formatKpiValue(translator, Number(value), unit);
    }
    if (field === 'comparison' && typeof value === 'string' && value in COMPARISON_NAMES) {
      return t(`plan.comparison.${COMPARISON_NAMES[value as keyof typeof COMPARISON_NAMES]}`);
    }
    if (field === 'targetYear') {
      return value === null || value === undefined ? t('plan.periodEnd', { year: plan.periodEndYear }) : String(value);
    }
    if (field === 'basis' && (value === 'at_year' || value === 'cumulative' || value === 'each_year')) {
      return t(`plan.basisOption.${value}`);
    }
    if (field === 'params') {
      const days = (value as { withinDays?: number } | null)?.withinDays;
      return days === undefined ? t('plan.none') : t('plan.params.withinDays', { days });
    }
    return typeof value === 'string' && value ? value : t('plan.none');
  };
  const fields = TRACKED.filter((field) =>
    change.action === 'updated'
      ? JSON.stringify(before?.[field] ?? null) !== JSON.stringify(after?.[field] ?? null)
      : field === 'targetValue',
  );
  if (fields.length === 0) return null;
  return (
    <ul className="plain-list plan-change">
      {fields.map((field) => (
        <li key={field}>
          <span className="plan-change-field">{t(`plan.field.${field}`)}:</span>{' '}
          {change.action === 'updated'
            ? t('plan.changed', { from: show(field, before?.[field]), to: show(field, after?.[field]) })
            : show(field, (after ?? before)?.[field])}
        </li>
      ))}
    </ul>
  );
}

/**
 * The province-wide figures the plan's ratios and recorded KPIs need for a year and that nobody
 * has entered: until they are, the KPI pages show those KPIs as waiting instead of a value.
 */
function MissingFigures({ plan }: { plan: Plan }) {
  const { t, tn, language } = useI18n();
  const account = useAccount();
  const [params, setParams] = useSearchParams();
  const yearId = useId();
  const currentYear = Number(todayInVietnam().slice(0, 4));
  const lastYear = Math.max(plan.periodStartYear, Math.min(plan.periodEndYear, currentYear));
  const years = Array.from({ length: lastYear - plan.periodStartYear + 1 }, (_, index) => lastYear - index);
  const requested = Number(params.get('year'));
  const year = years.includes(requested) ? requested : lastYear;
  const missing = useQuery({
    queryKey: planKeys.missing(account.id, plan.id, year),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/plans/{id}/missing-figures', { params: { path: { id: plan.id }, query: { year } }, signal }),
      ),
  });
  const kpiNames = new Map(plan.targets.map((target) => [target.kpiId, kpiName(language, target.kpi)]));

  return (
    <section className="card plan-missing" aria-labelledby="plan-missing-title" data-testid="plan-missing">
      <div className="card-head">
        <h2 id="plan-missing-title">{t('plan.missing.title')}</h2>
        {years.length > 1 ? (
          <div className="field narrow-field">
            <label htmlFor={yearId}>{t('plan.missing.year')}</label>
            <select
              id={yearId}
              value={year}
              onChange={(event) =>
                setParams(
                  (current) => {
                    const next = new URLSearchParams(current);
                    next.set('year', event.target.value);
                    return next;
                  },
                  { replace: true },
                )
              }
            >
              {years.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {missing.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : missing.isError ? (
        <ErrorPanel title={t('plan.missing.error')} error={missing.error} onRetry={() => void missing.refetch()} />
      ) : missing.data.complete ? (
        <p className="notice notice-success">{t('plan.missing.complete', { year })}</p>
      ) : (
        <>
          <p>{tn('plan.missing.count', missing.data.missing.length, { year })}</p>
          <ul className="plan-missing-list">
            {missing.data.missing.map((figure) => (
              <li key={figure.key}>
                <span className="plan-missing-name">{kpiName(language, figure)}</span>
                <span className="cell-note">
                  {t('plan.missing.neededBy', {
                    kpis: figure.neededBy.map((kpiId) => kpiNames.get(kpiId) ?? kpiId).join('; '),
                  })}
                </span>
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/external-figures?year=${year}`}>{t('plan.missing.enter', { year })}</Link>
          </p>
        </>
      )}
    </section>
  );
}
