import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ConfirmDialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { TableRegion } from '../../components/TableRegion';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { type PlanSummary, planKeys } from './PlanFormat';

/**
 * The e-commerce plans the platform knows: the five provincial plans shipped as presets, and
 * plans officers build. One plan per province is active; the KPI pages follow that one.
 */
export function PlansPage() {
  const { t, tn, formatNumber } = useI18n();
  const account = useAccount();
  useDocumentTitle(t('plans.metaTitle'));
  const plans = useQuery({
    queryKey: planKeys.all(account.id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/plans', { signal })),
  });
  const [activating, setActivating] = useState<PlanSummary | null>(null);
  const [activated, setActivated] = useState<string | null>(null);
  const canActivate = account.role === 'province_officer';

  return (
    <>
      <PageHead titleId="plans-title" title={t('plans.title')} intro={t('plans.intro')} />
      {activated ? (
        <p className="notice notice-success" role="status">
          {t('plans.activated', { name: activated })}
        </p>
      ) : null}
      {plans.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : plans.isError ? (
        <ErrorPanel title={t('plans.error')} error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.data.length === 0 ? (
        <EmptyState title={t('plans.empty')} hint={t('plans.emptyHint')} />
      ) : (
        <>
          <p className="result-status">{tn('plans.count', plans.data.length)}</p>
          <TableRegion labelledBy="plans-title">
            <table className="table" data-testid="plans-table">
              <thead>
                <tr>
                  <th scope="col">{t('plans.plan')}</th>
                  <th scope="col">{t('plans.province')}</th>
                  <th scope="col">{t('plans.period')}</th>
                  <th scope="col">{t('plans.origin')}</th>
                  <th scope="col" className="number">
                    {t('plans.targets')}
                  </th>
                  <th scope="col">{t('plans.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('plans.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {plans.data.map((plan) => (
                  <tr key={plan.id}>
                    <th scope="row">
                      <Link to={`/plans/${plan.id}`}>{plan.name}</Link>
                    </th>
                    <td>{plan.provinceName}</td>
                    <td>{t('plans.periodRange', { from: plan.periodStartYear, to: plan.periodEndYear })}</td>
                    <td>{plan.isPreset ? t('plans.preset') : t('plans.custom')}</td>
                    <td className="number">{formatNumber(plan.targetCount)}</td>
                    <td>
                      <div className="plan-badges">
                        {plan.active ? (
                          <StatusBadge tone="success" testId="plan-active">
                            {t('plans.active')}
                          </StatusBadge>
                        ) : null}
                        {plan.editable ? null : <StatusBadge tone="neutral">{t('plans.readOnly')}</StatusBadge>}
                      </div>
                    </td>
                    <td>
                      {canActivate && plan.editable && !plan.active ? (
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          onClick={() => {
                            setActivated(null);
                            setActivating(plan);
                          }}
                        >
                          {t('plans.activate')}
                          <span className="visually-hidden"> – {plan.name}</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
      <ActivatePlanDialog
        plan={activating}
        current={plans.data?.find((plan) => plan.active && plan.provinceCode === activating?.provinceCode) ?? null}
        onClose={() => setActivating(null)}
        onActivated={(name) => {
          setActivating(null);
          setActivated(name);
        }}
      />
    </>
  );
}

/** Asks before switching the province's plan: the KPI pages and reports follow the active one. */
export function ActivatePlanDialog({
  plan,
  current,
  onClose,
  onActivated,
}: {
  plan: Pick<PlanSummary, 'id' | 'name'> | null;
  /** The plan that stops being active, when there is one. */
  current: Pick<PlanSummary, 'id' | 'name'> | null;
  onClose: () => void;
  onActivated: (name: string) => void;
}) {
  const { t } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const activate = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/plans/{id}/activate', { params: { path: { id } } })),
    onSuccess: (_plan, id) => {
      void client.invalidateQueries({ queryKey: planKeys.all(account.id) });
      onActivated(plan?.id === id ? plan.name : '');
    },
  });
  const close = () => {
    activate.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={plan !== null}
      tone="primary"
      testId="activate-plan-dialog"
      title={t('plans.activateTitle', { name: plan?.name ?? '' })}
      confirmLabel={t('plans.activateConfirm')}
      busy={activate.isPending}
      failure={activate.error}
      failureTitle={t('plans.activateFailed')}
      onConfirm={() => plan && activate.mutate(plan.id)}
      onCancel={close}
    >
      <p>
        {current && current.id !== plan?.id
          ? t('plans.activateReplaces', { name: current.name })
          : t('plans.activateBody')}
      </p>
    </ConfirmDialog>
  );
}
