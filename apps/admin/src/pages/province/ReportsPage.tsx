import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { fetchWithSession } from '../../api/files';
import { ApiRequestError, unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge, type Tone } from '../../components/StatusBadge';
import { formatDateTime } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { currentYearInVietnam, kpiKeys } from './KpiShared';

/** How often a running report's progress is asked for. */
const POLL_MS = 1_000;
const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
type JobStatus = (typeof JOB_STATUSES)[number];
const TONES: Record<JobStatus, Tone> = { queued: 'neutral', running: 'info', succeeded: 'success', failed: 'danger' };
const FORMATS = { xlsx: 'report.downloadXlsx', csv: 'report.downloadCsv' } as const;
type Format = keyof typeof FORMATS;

function jobStatus(value: string): JobStatus {
  return (JOB_STATUSES as readonly string[]).includes(value) ? (value as JobStatus) : 'queued';
}

/** Saves a file the API serves only with the bearer token, which a plain link cannot send. */
async function download(path: string, fileName: string): Promise<void> {
  const blob = await (await fetchWithSession(path)).blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Long enough for the browser to start saving; the saved file keeps its own copy.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The Department's yearly report on the plan: built in the background by the API (one target at a
 * time, so its progress shows), then downloaded as a workbook or CSV. The job lives on the server
 * only while it runs and a while after, so the page keeps just its id in the address.
 */
export function YearlyReportPage() {
  const { t, language, formatNumber } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  useDocumentTitle(t('report.metaTitle'));
  const [params, setParams] = useSearchParams();
  const jobId = /^[0-9a-f-]{36}$/.test(params.get('job') ?? '') ? (params.get('job') as string) : null;
  const currentYear = currentYearInVietnam();
  const yearId = useId();
  const plan = useQuery({
    queryKey: kpiKeys(account.id).plan,
    queryFn: ({ signal }) => unwrap(api.GET('/api/plans/active', { signal })),
    staleTime: 5 * 60_000,
  });
  const planData = plan.data;
  const firstYear = Math.min(planData?.periodStartYear ?? currentYear, currentYear);
  const lastYear = Math.min(planData?.periodEndYear ?? currentYear, currentYear);
  const years = Array.from({ length: Math.max(lastYear - firstYear + 1, 1) }, (_, index) => lastYear - index);
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  const year = chosenYear !== null && years.includes(chosenYear) ? chosenYear : (years[0] ?? currentYear);

  const start = useMutation({
    mutationFn: (input: { planId: string; year: number }) => unwrap(api.POST('/api/kpis/reports', { body: input })),
    onSuccess: (job) => {
      client.setQueryData(kpiKeys(account.id).report(job.id), job);
      setParams({ job: job.id });
    },
  });
  const job = useQuery({
    queryKey: kpiKeys(account.id).report(jobId ?? ''),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/kpis/reports/{id}', { params: { path: { id: jobId as string } }, signal })),
    enabled: jobId !== null,
    refetchInterval: (query) =>
      query.state.error || (query.state.data && ['succeeded', 'failed'].includes(query.state.data.status))
        ? false
        : POLL_MS,
  });
  const [downloading, setDownloading] = useState<Format | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const gone = job.error instanceof ApiRequestError && job.error.code === 'report_not_found';
  const noPlan = plan.error instanceof ApiRequestError && plan.error.code === 'no_active_plan';
  const running = job.data !== undefined && !['succeeded', 'failed'].includes(job.data.status);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!planData || start.isPending) return;
    setDownloadError(null);
    start.mutate({ planId: planData.id, year });
  };
  const save = async (format: Format) => {
    if (!job.data) return;
    setDownloading(format);
    setDownloadError(null);
    try {
      await download(
        `/api/kpis/reports/${encodeURIComponent(job.data.id)}/download.${format}`,
        `bao-cao-kpi-${job.data.year}.${format}`,
      );
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(null);
    }
  };

  return (
    <>
      <PageHead titleId="report-title" title={t('report.title')} intro={t('report.intro')} />
      {plan.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : noPlan ? (
        <EmptyState title={t('report.noPlan')} testId="report-no-plan" />
      ) : plan.isError ? (
        <ErrorPanel title={t('report.planError')} error={plan.error} onRetry={() => void plan.refetch()} />
      ) : (
        <form className="toolbar report-form" onSubmit={submit} aria-busy={start.isPending} data-testid="report-form">
          <div className="field narrow-field">
            <label htmlFor={yearId}>{t('report.year')}</label>
            <select id={yearId} value={year} onChange={(event) => setChosenYear(Number(event.target.value))}>
              {years.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" disabled={start.isPending || running}>
            {start.isPending ? t('report.starting') : jobId ? t('report.again') : t('report.start')}
          </button>
        </form>
      )}
      {start.isError ? <ErrorPanel title={t('report.startFailed')} error={start.error} /> : null}
      {jobId === null ? (
        planData ? (
          <EmptyState title={t('report.empty')} hint={t('report.emptyHint')} testId="report-empty" />
        ) : null
      ) : gone ? (
        <p className="notice notice-danger" role="alert" data-testid="report-gone">
          {t('report.gone')}
        </p>
      ) : job.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : job.isError ? (
        <ErrorPanel title={t('report.progressError')} error={job.error} onRetry={() => void job.refetch()} />
      ) : (
        <section
          className="panel report-job"
          aria-labelledby="report-job-title"
          data-testid="report-job"
          data-status={job.data.status}
        >
          <div className="kpi-card-head">
            <h2 id="report-job-title" className="panel-title">
              {t('report.job', { year: job.data.year, plan: planData?.name ?? '' })}
            </h2>
            <StatusBadge tone={TONES[jobStatus(job.data.status)]} testId="report-status">
              {t(`report.status.${jobStatus(job.data.status)}`)}
            </StatusBadge>
          </div>
          <div role="status" aria-live="polite">
            <progress
              className="report-progress"
              max={Math.max(job.data.total, 1)}
              value={job.data.status === 'succeeded' ? Math.max(job.data.total, 1) : job.data.processed}
              aria-label={t('report.progressLabel')}
            />
            <p data-testid="report-progress">
              {t('report.progress', {
                processed: formatNumber(job.data.processed),
                total: formatNumber(job.data.total),
              })}
            </p>
            {job.data.status === 'succeeded' ? (
              <p className="notice notice-success">
                {t('report.ready', { time: formatDateTime(language, job.data.finishedAt ?? job.data.createdAt) })}
              </p>
            ) : null}
            {job.data.status === 'failed' ? (
              <p className="notice notice-danger" data-testid="report-failed">
                {t('report.failed', { error: job.data.error ?? '' })}
              </p>
            ) : null}
          </div>
          {job.data.status === 'succeeded' ? (
            <div className="button-row">
              {(Object.keys(FORMATS) as Format[]).map((format) => (
                <button
                  key={format}
                  type="button"
                  className="button button-secondary"
                  disabled={downloading !== null}
                  data-testid={`report-download-${format}`}
                  onClick={() => void save(format)}
                >
                  {downloading === format ? t('report.downloading') : t(FORMATS[format])}
                </button>
              ))}
            </div>
          ) : null}
          {downloadError ? <ErrorPanel title={t('report.downloadFailed')} error={downloadError} /> : null}
        </section>
      )}
    </>
  );
}
