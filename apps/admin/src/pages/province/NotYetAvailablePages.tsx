import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';

/*
 * The KPI dashboard and the yearly report need the metrics engine, which does not exist yet. These
 * routes are real so that links and navigation are in place, but the pages only say so: they
 * must never show numbers the platform has not computed.
 */

function NotYetAvailable({ area }: { area: 'kpi' | 'report' }) {
  const { t } = useI18n();
  useDocumentTitle(t(`pending.${area}.title`));
  return (
    <>
      <div className="page-head">
        <h1>{t(`pending.${area}.title`)}</h1>
        <p className="muted">{t(`pending.${area}.intro`)}</p>
      </div>
      <section
        className="panel placeholder-panel"
        aria-labelledby={`${area}-pending`}
        data-testid={`${area}-placeholder`}
      >
        <h2 id={`${area}-pending`}>{t('pending.heading')}</h2>
        <p>{t(`pending.${area}.body`)}</p>
        <p className="muted">{t('pending.noFigures')}</p>
      </section>
    </>
  );
}

export function KpiDashboardPage() {
  return <NotYetAvailable area="kpi" />;
}

export function YearlyReportPage() {
  return <NotYetAvailable area="report" />;
}
