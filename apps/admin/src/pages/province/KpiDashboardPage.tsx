import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ApiRequestError, unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge, type Tone } from '../../components/StatusBadge';
import { businessDate, formatCalendarDate, formatDateTime } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { provinceKeys, useHomeCommunes } from '../../queries';
import { KpiCommunesGrid } from './KpiCommunesGrid';
import {
  basisIn,
  currentYearInVietnam,
  type DashboardKpi,
  DRILLABLE_KPIS,
  FIRST_YEAR,
  formatAmount,
  formatKpiValue,
  kpiKeys,
  kpiName,
  type Period,
  type PeriodKind,
  scopeSearch,
  useDashboard,
  useKpiScope,
} from './KpiShared';
import { KPI_GROUPS, type KpiGroup } from './PlanFormat';

// The plan editor's order of themes, so that both screens list the KPIs alike.
const GROUP_ORDER = KPI_GROUPS;
type Group = KpiGroup | 'other';

const STATUS_TONES: Record<string, Tone> = {
  on_track: 'success',
  behind: 'danger',
  needs_figure: 'warning',
  no_data: 'neutral',
};
const COMPARISONS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };
const STATUSES = ['on_track', 'behind', 'needs_figure', 'no_data'] as const;
type Status = (typeof STATUSES)[number];

function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

function isGroup(value: string): value is Group {
  return (GROUP_ORDER as readonly string[]).includes(value);
}

/**
 * The plan's targets against what the platform measured in a period (a year, quarter or month in
 * Vietnam time), province-wide or for one commune, with the communes still without an active seller.
 */
export function KpiDashboardPage() {
  const translator = useI18n();
  const { t, language } = translator;
  const account = useAccount();
  useDocumentTitle(t('kpi.metaTitle'));
  const { period, commune, change } = useKpiScope();
  const dashboard = useDashboard(period, commune);
  const communes = useHomeCommunes();
  // The plan names each target's group; the dashboard rows carry the target id to join on.
  const plan = useQuery({
    queryKey: kpiKeys(account.id).plan,
    queryFn: ({ signal }) => unwrap(api.GET('/api/plans/active', { signal })),
    staleTime: 5 * 60_000,
  });
  const definitions = useQuery({
    queryKey: [...provinceKeys.figures(account.id), 'definitions'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/external-figures/definitions', { signal })),
    staleTime: 10 * 60_000,
  });
  const groupOf = new Map((plan.data?.targets ?? []).map((target) => [target.id, target.kpi.group]));
  const figureName = new Map(
    (definitions.data ?? []).map((figure) => [
      figure.key,
      language === 'en' && figure.nameEn ? figure.nameEn : figure.nameVi,
    ]),
  );
  const noPlan = dashboard.error instanceof ApiRequestError && dashboard.error.code === 'no_active_plan';
  const communeName = commune ? communes.data?.find((entry) => entry.code === commune)?.name : undefined;

  const groups = new Map<Group, DashboardKpi[]>();
  for (const kpi of dashboard.data?.kpis ?? []) {
    const named = groupOf.get(kpi.targetId) ?? kpi.kpiId.split('.')[0] ?? '';
    const group: Group = isGroup(named) ? named : 'other';
    groups.set(group, [...(groups.get(group) ?? []), kpi]);
  }
  const ordered = [...GROUP_ORDER, 'other' as const].filter((group) => groups.has(group));
  const counts = Object.fromEntries(
    STATUSES.map((status) => [status, (dashboard.data?.kpis ?? []).filter((kpi) => kpi.status === status).length]),
  ) as Record<Status, number>;

  return (
    <>
      <PageHead titleId="kpi-title" title={t('kpi.title')} intro={t('kpi.intro')} />
      <PeriodPicker
        period={period}
        commune={commune}
        communes={communes.data ?? []}
        onPeriod={(next) => change({ period: next })}
        onCommune={(next) => change({ commune: next })}
      />
      {dashboard.isPending ? (
        <PageStatus>{t('kpi.loading')}</PageStatus>
      ) : noPlan ? (
        <EmptyState title={t('kpi.noPlan')} hint={t('kpi.noPlanHint')} testId="kpi-no-plan" />
      ) : dashboard.isError ? (
        <ErrorPanel title={t('kpi.error')} error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : (
        <>
          <div className="kpi-context">
            <p className="muted">
              {t('kpi.plan', {
                name: dashboard.data.plan.name,
                from: dashboard.data.plan.periodStartYear,
                to: dashboard.data.plan.periodEndYear,
              })}
            </p>
            <p data-testid="kpi-period">
              <strong>{t('kpi.periodLabel', { period: dashboard.data.period.label })}</strong>{' '}
              <span className="muted">
                {t('kpi.periodRange', {
                  from: formatCalendarDate(language, businessDate(dashboard.data.period.from)),
                  // The API's end is exclusive: the last day shown is the day before it.
                  to: formatCalendarDate(
                    language,
                    businessDate(new Date(new Date(dashboard.data.period.to).getTime() - 1)),
                  ),
                })}
              </span>
            </p>
            <p className="small muted" data-testid="kpi-computed-at">
              {t('kpi.computedAt', { time: formatDateTime(language, dashboard.data.computedAt) })}
            </p>
            {commune ? <p className="notice">{t('kpi.communeScope', { commune: communeName ?? commune })}</p> : null}
            <p className="no-print">
              <a href="#commune-grid-title">{t('kpi.toCommunes')}</a>
            </p>
            <details className="kpi-definition" data-testid="active-seller-definition">
              <summary>{t('kpi.activeSeller')}</summary>
              <p>{dashboard.data.activeSellerDefinition[language]}</p>
            </details>
            <details className="kpi-definition">
              <summary>{t('kpi.statusRule')}</summary>
              <p>{dashboard.data.statusRule[language]}</p>
            </details>
          </div>
          {dashboard.data.kpis.length === 0 ? (
            <EmptyState title={t('kpi.empty')} />
          ) : (
            <>
              <p className="kpi-summary" data-testid="kpi-summary">
                {t('kpi.summary', {
                  onTrack: counts.on_track,
                  behind: counts.behind,
                  needsFigure: counts.needs_figure,
                  noData: counts.no_data,
                })}
              </p>
              {ordered.map((group) => (
                <section key={group} className="kpi-group" aria-labelledby={`kpi-group-${group}`}>
                  <h2 id={`kpi-group-${group}`} className="section-title">
                    {t(`kpiGroup.${group}`)}
                  </h2>
                  <ul className="kpi-list">
                    {(groups.get(group) ?? []).map((kpi) => (
                      <li key={kpi.targetId}>
                        <KpiCard
                          kpi={kpi}
                          period={period}
                          commune={commune}
                          periodLabel={dashboard.data.period.label}
                          figureName={(key) => figureName.get(key) ?? key}
                        />
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </>
          )}
        </>
      )}
      <KpiCommunesGrid period={period} />
    </>
  );
}

function PeriodPicker({
  period,
  commune,
  communes,
  onPeriod,
  onCommune,
}: {
  period: Period;
  commune: string | null;
  communes: { code: string; name: string }[];
  onPeriod: (period: Period) => void;
  onCommune: (commune: string | null) => void;
}) {
  const { t } = useI18n();
  const ids = { kind: useId(), year: useId(), part: useId(), commune: useId() };
  const currentYear = currentYearInVietnam();
  const years = Array.from({ length: currentYear - FIRST_YEAR + 1 }, (_, index) => currentYear - index);
  if (!years.includes(period.year)) years.unshift(period.year);
  const partCount = period.kind === 'quarter' ? 4 : 12;
  return (
    <div className="toolbar kpi-filters">
      <div className="field narrow-field">
        <label htmlFor={ids.kind}>{t('kpi.periodKind')}</label>
        <select
          id={ids.kind}
          value={period.kind}
          onChange={(event) => onPeriod({ ...period, kind: event.target.value as PeriodKind, part: 1 })}
        >
          {(['year', 'quarter', 'month'] as const).map((kind) => (
            <option key={kind} value={kind}>
              {t(`kpi.periodKind.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field narrow-field">
        <label htmlFor={ids.year}>{t('kpi.year')}</label>
        <select
          id={ids.year}
          value={period.year}
          onChange={(event) => onPeriod({ ...period, year: Number(event.target.value) })}
        >
          {years.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </select>
      </div>
      {period.kind !== 'year' ? (
        <div className="field narrow-field">
          <label htmlFor={ids.part}>{t(period.kind === 'quarter' ? 'kpi.quarter' : 'kpi.month')}</label>
          <select
            id={ids.part}
            value={period.part}
            onChange={(event) => onPeriod({ ...period, part: Number(event.target.value) })}
          >
            {Array.from({ length: partCount }, (_, index) => index + 1).map((part) => (
              <option key={part} value={part}>
                {period.kind === 'quarter'
                  ? t('kpi.quarterOption', { quarter: part })
                  : t('kpi.monthOption', { month: part })}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={ids.commune}>{t('kpi.commune')}</label>
        <select id={ids.commune} value={commune ?? ''} onChange={(event) => onCommune(event.target.value || null)}>
          <option value="">{t('kpi.wholeProvince')}</option>
          {communes.map((entry) => (
            <option key={entry.code} value={entry.code}>
              {entry.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** How far the value is towards the target, 0–100 for the bar; null when a bar would mislead. */
function progressOf(kpi: DashboardKpi): number | null {
  if (kpi.value === null || kpi.unit === 'rank' || kpi.targetValue <= 0) return null;
  return Math.max(0, (kpi.value / kpi.targetValue) * 100);
}

function KpiCard({
  kpi,
  period,
  commune,
  periodLabel,
  figureName,
}: {
  kpi: DashboardKpi;
  period: Period;
  commune: string | null;
  periodLabel: string;
  figureName: (key: string) => string;
}) {
  const translator = useI18n();
  const { t, language } = translator;
  const headingId = useId();
  const name = kpiName(language, kpi);
  const status = isStatus(kpi.status) ? kpi.status : 'no_data';
  const ceiling = kpi.comparison === '<=' || kpi.comparison === '<';
  const progress = progressOf(kpi);
  const percent = progress === null ? null : formatAmount(language, progress);
  const value = (amount: number) => formatKpiValue(translator, amount, kpi.unit);
  return (
    <article
      className={`kpi-card kpi-${status}`}
      aria-labelledby={headingId}
      data-testid="kpi-card"
      data-kpi-id={kpi.kpiId}
    >
      <div className="kpi-card-head">
        <h3 id={headingId}>{name}</h3>
        <StatusBadge tone={STATUS_TONES[status] ?? 'neutral'} testId="kpi-status">
          {t(`kpiStatus.${status}`)}
        </StatusBadge>
      </div>
      <div className="kpi-figures">
        <p className="kpi-actual">
          <span className="kpi-label">{t('kpi.actual')}</span>
          <span className="kpi-value" data-testid="kpi-value">
            {kpi.value === null ? t('kpi.noValue') : value(kpi.value)}
          </span>
        </p>
        <p className="kpi-target">
          <span className="kpi-label">{t('kpi.target')}</span>
          <span data-testid="kpi-target">
            {t('kpi.targetValue', {
              comparison: COMPARISONS[kpi.comparison] ?? kpi.comparison,
              value: value(kpi.targetValue),
              year: kpi.targetYear,
            })}
          </span>
          {kpi.targetBasis === 'cumulative' || kpi.targetBasis === 'each_year' ? (
            <span className="cell-note">{t(`kpi.targetBasis.${kpi.targetBasis}`)}</span>
          ) : null}
        </p>
      </div>
      {kpi.numerator !== null ? (
        <p className="kpi-fraction" data-testid="kpi-fraction">
          {kpi.denominator !== null ? (
            <>
              {t('kpi.fractionLabel')} <span data-testid="kpi-numerator">{formatAmount(language, kpi.numerator)}</span>{' '}
              / <span data-testid="kpi-denominator">{formatAmount(language, kpi.denominator)}</span>
            </>
          ) : (
            <>
              {t('kpi.numeratorLabel')} <span data-testid="kpi-numerator">{formatAmount(language, kpi.numerator)}</span>
            </>
          )}
        </p>
      ) : null}
      {progress !== null && percent !== null ? (
        <div className="kpi-progress">
          <progress
            className={ceiling ? 'kpi-bar kpi-bar-ceiling' : 'kpi-bar'}
            max={100}
            value={Math.min(progress, 100)}
            aria-label={t(ceiling ? 'kpi.progressLimit' : 'kpi.progress', { percent })}
          />
          <span className="small muted" aria-hidden="true">
            {t(ceiling ? 'kpi.progressLimit' : 'kpi.progress', { percent })}
          </span>
        </div>
      ) : null}
      {kpi.expected !== null && kpi.expected !== kpi.targetValue ? (
        <p className="small muted">{t('kpi.expected', { value: value(kpi.expected) })}</p>
      ) : null}
      {kpi.missingFigures.length > 0 ? (
        <div className="notice kpi-missing" data-testid="kpi-missing">
          <p>{t('kpi.missingFigures', { year: period.year })}</p>
          <ul>
            {kpi.missingFigures.map((key) => (
              <li key={key}>{figureName(key)}</li>
            ))}
          </ul>
          <Link to={`/external-figures?year=${period.year}`}>{t('kpi.enterFigures')}</Link>
        </div>
      ) : null}
      <Trend kpi={kpi} name={name} periodLabel={periodLabel} />
      <details className="kpi-basis">
        <summary>{t('kpi.basis')}</summary>
        <p>{basisIn(language, kpi.basis)}</p>
        {kpi.breakdown && Object.keys(kpi.breakdown).length > 0 ? (
          <>
            <p className="kpi-label">{t('kpi.breakdown')}</p>
            <ul className="plain-list">
              {Object.entries(kpi.breakdown).map(([key, amount]) => (
                <li key={key}>
                  {key}: {formatAmount(language, amount)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </details>
      {DRILLABLE_KPIS.has(kpi.kpiId) ? (
        <p className="kpi-drill">
          <Link
            to={`/kpi/${encodeURIComponent(kpi.kpiId)}${scopeSearch(period, commune)}`}
            data-testid="kpi-records-link"
          >
            {t('kpi.records')}
            <span className="visually-hidden"> – {name}</span>
          </Link>
        </p>
      ) : null}
    </article>
  );
}

/** The four previous periods and this one: a sparkline for the eye, the same values as text for everyone. */
function Trend({ kpi, name, periodLabel }: { kpi: DashboardKpi; name: string; periodLabel: string }) {
  const translator = useI18n();
  const { t } = translator;
  const points = [...kpi.trend, { period: periodLabel, value: kpi.value }];
  const known = points.map((point) => point.value).filter((value): value is number => value !== null);
  const max = Math.max(...known, kpi.unit === 'percent' ? 0 : 1, 0);
  const min = Math.min(...known, 0);
  const span = max - min || 1;
  const width = 100;
  const height = 28;
  const step = width / (points.length - 1 || 1);
  const coordinates = points.map((point, index) =>
    point.value === null
      ? null
      : { x: index * step, y: height - 2 - ((point.value - min) / span) * (height - 4), value: point.value },
  );
  const line = coordinates
    .filter((point) => point !== null)
    .map((point) => `${point.x.toFixed(1)},${point.y.toFixed(1)}`)
    .join(' ');
  return (
    <div className="kpi-trend">
      <p className="kpi-label">{t('kpi.trend')}</p>
      {known.length > 1 ? (
        <svg className="kpi-sparkline" viewBox={`-2 0 ${width + 4} ${height}`} aria-hidden="true" focusable="false">
          <polyline points={line} fill="none" />
          {coordinates.map((point, index) =>
            point ? <circle key={points[index]!.period} cx={point.x} cy={point.y} r={2} /> : null,
          )}
        </svg>
      ) : null}
      <ol className="kpi-trend-list" aria-label={t('kpi.trendLabel', { name })}>
        {points.map((point) => (
          <li key={point.period}>
            <span className="muted">{point.period}:</span>{' '}
            {point.value === null ? t('kpi.noValue') : formatKpiValue(translator, point.value, kpi.unit)}
          </li>
        ))}
      </ol>
    </div>
  );
}
