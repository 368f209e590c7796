import type { Schemas } from '@ocop/api-client';
import { toSlug } from '@ocop/shared';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field } from '../../components/Field';
import { FilterTabs } from '../../components/ListControls';
import { PageStatus } from '../../components/PageStatus';
import { type FieldMessages, useFormErrors } from '../../forms';
import { useI18n } from '../../i18n/I18nProvider';
import {
  BASES,
  type Basis,
  type Comparison,
  COMPARISON_NAMES,
  comparisonsFor,
  defaultParams,
  formatGoal,
  formatKpiValue,
  KPI_DIRECTIONS,
  KPI_GROUPS,
  KPI_UNITS,
  type Kpi,
  type KpiDirection,
  type KpiUnit,
  kpiName,
  type Plan,
  parseTargetNumber,
  planKeys,
  type Target,
} from './PlanFormat';

type UpdateTarget = Schemas['UpdateTargetDto'];
type AddTarget = Schemas['AddTargetDto'];

/** What the target fields of both dialogs hold while being typed. */
interface GoalValues {
  targetValue: string;
  stretchValue: string;
  comparison: Comparison;
  /** '' is the end of the plan period. */
  targetYear: string;
  basis: Basis;
  withinDays: string;
  note: string;
}

const EMPTY_GOAL: GoalValues = {
  targetValue: '',
  stretchValue: '',
  comparison: '>=',
  targetYear: '',
  basis: 'at_year',
  withinDays: '',
  note: '',
};

/** The number fields of a goal, checked before sending; the API checks them against the KPI. */
function parseGoal(values: GoalValues, hasWithinDays: boolean) {
  const problems: FieldMessages = {};
  const targetValue = parseTargetNumber(values.targetValue);
  if (Number.isNaN(targetValue)) {
    problems.targetValue = values.targetValue.trim() ? 'planTarget.notANumber' : 'planTarget.required.targetValue';
  }
  const stretchValue = values.stretchValue.trim() ? parseTargetNumber(values.stretchValue) : null;
  if (stretchValue !== null && Number.isNaN(stretchValue)) problems.stretchValue = 'planTarget.notANumber';
  const withinDays = hasWithinDays && values.withinDays.trim() ? parseTargetNumber(values.withinDays) : null;
  if (withinDays !== null && !Number.isInteger(withinDays)) problems['params.withinDays'] = 'planTarget.wholeDays';
  return {
    problems,
    targetValue,
    stretchValue,
    targetYear: values.targetYear ? Number(values.targetYear) : null,
    withinDays,
  };
}

/**
 * Moves focus to the first field marked wrong after each refusal, so keyboard and screen-reader
 * users land on what to correct (the dialog owns the form, so `useFormErrors` cannot).
 */
function useFocusFirstError() {
  const container = useRef<HTMLDivElement | null>(null);
  const attach = useCallback((element: HTMLDivElement | null) => {
    container.current = element;
  }, []);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (round > 0) container.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [round]);
  return { attach, focus: () => setRound((current) => current + 1) };
}

/** After a change the plan, its history and the list's target counts are read again. */
function refreshPlan(client: QueryClient, accountId: string, planId: string) {
  void client.invalidateQueries({ queryKey: planKeys.plan(accountId, planId) });
  void client.invalidateQueries({ queryKey: planKeys.all(accountId), exact: true });
}

/** Value, range, comparison, year, basis, time limit and note: the fields both dialogs share. */
function GoalFields({
  plan,
  unit,
  direction,
  withinDays,
  values,
  set,
  error,
}: {
  plan: Plan;
  unit: KpiUnit;
  direction: KpiDirection;
  withinDays: boolean;
  values: GoalValues;
  set: (field: keyof GoalValues, value: string) => void;
  error: (field: string) => string | undefined;
}) {
  const { t } = useI18n();
  const comparisons = comparisonsFor(direction);
  // A preset written against the KPI's direction still shows what it is.
  const options = comparisons.includes(values.comparison) ? comparisons : [values.comparison, ...comparisons];
  const years = Array.from(
    { length: plan.periodEndYear - plan.periodStartYear + 1 },
    (_, index) => plan.periodStartYear + index,
  );
  return (
    <>
      <div className="plan-form-row">
        <Field label={t('planTarget.comparison')} error={error('comparison')}>
          {(control) => (
            <select
              {...control}
              name="comparison"
              value={values.comparison}
              onChange={(event) => set('comparison', event.target.value)}
            >
              {options.map((comparison) => (
                <option key={comparison} value={comparison}>
                  {t(`plan.comparison.${COMPARISON_NAMES[comparison]}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('planTarget.targetValue', { unit: t(`plan.unit.${unit}`) })}
          hint={t(`planTarget.valueHint.${unit}`)}
          error={error('targetValue')}
        >
          {(control) => (
            <input
              {...control}
              name="targetValue"
              inputMode="decimal"
              autoComplete="off"
              data-autofocus
              value={values.targetValue}
              onChange={(event) => set('targetValue', event.target.value)}
            />
          )}
        </Field>
      </div>
      <Field
        label={t('planTarget.stretchValue')}
        optional={t('common.optional')}
        hint={t('planTarget.stretchHint')}
        error={error('stretchValue')}
      >
        {(control) => (
          <input
            {...control}
            name="stretchValue"
            inputMode="decimal"
            autoComplete="off"
            value={values.stretchValue}
            onChange={(event) => set('stretchValue', event.target.value)}
          />
        )}
      </Field>
      <div className="plan-form-row">
        <Field label={t('planTarget.targetYear')} error={error('targetYear')}>
          {(control) => (
            <select
              {...control}
              name="targetYear"
              value={values.targetYear}
              onChange={(event) => set('targetYear', event.target.value)}
            >
              <option value="">{t('plan.periodEnd', { year: plan.periodEndYear })}</option>
              {years.map((year) => (
                <option key={year} value={year}>
                  {year}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('planTarget.basis')} error={error('basis')}>
          {(control) => (
            <select
              {...control}
              name="basis"
              value={values.basis}
              onChange={(event) => set('basis', event.target.value)}
            >
              {BASES.map((basis) => (
                <option key={basis} value={basis}>
                  {t(`plan.basisOption.${basis}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {withinDays ? (
        <Field
          label={t('planTarget.withinDays')}
          optional={t('common.optional')}
          hint={t('planTarget.withinDaysHint')}
          error={error('params.withinDays')}
        >
          {(control) => (
            <input
              {...control}
              name="withinDays"
              inputMode="numeric"
              autoComplete="off"
              value={values.withinDays}
              onChange={(event) => set('withinDays', event.target.value)}
            />
          )}
        </Field>
      ) : null}
      <Field label={t('planTarget.note')} optional={t('common.optional')} error={error('note')}>
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
    </>
  );
}

function goalValuesOf(target: Target): GoalValues {
  return {
    targetValue: String(target.targetValue),
    stretchValue: target.stretchValue === null ? '' : String(target.stretchValue),
    comparison: target.comparison,
    targetYear: target.targetYear === null ? '' : String(target.targetYear),
    basis: target.basis,
    withinDays: target.params.withinDays === undefined ? '' : String(target.params.withinDays),
    note: target.note ?? '',
  };
}

/**
 * Edits one target. Only what changed is sent, so the history records real changes; a refusal
 * keeps the dialog open with the API's reasons under the fields, and nothing is saved.
 */
export function EditTargetDialog({
  plan,
  target,
  onClose,
  onSaved,
}: {
  plan: Plan;
  target: Target | null;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const { t, language } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const errors = useFormErrors('planTarget');
  const { attach: attachFields, focus: focusFirstError } = useFocusFirstError();
  const [values, setValues] = useState<GoalValues>(EMPTY_GOAL);
  const [shownFor, setShownFor] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (input: { targetId: string; body: UpdateTarget }) =>
      unwrap(
        api.PATCH('/api/plans/{id}/targets/{targetId}', {
          params: { path: { id: plan.id, targetId: input.targetId } },
          body: input.body,
        }),
      ),
    onSuccess: (saved) => {
      client.setQueryData<Plan>(planKeys.plan(account.id, plan.id), (current) =>
        current
          ? { ...current, targets: current.targets.map((item) => (item.id === saved.id ? saved : item)) }
          : current,
      );
      refreshPlan(client, account.id, plan.id);
      onSaved(kpiName(language, saved.kpi));
    },
    onError: (error) => {
      errors.report(error);
      focusFirstError();
    },
  });
  // Opening the dialog for another target starts from that target's current values.
  const key = target?.id ?? null;
  if (key !== shownFor) {
    setShownFor(key);
    setValues(target ? goalValuesOf(target) : EMPTY_GOAL);
    errors.reset();
  }
  const hasWithinDays = target ? defaultParams(target.kpi).withinDays !== undefined : false;
  const set = (field: keyof GoalValues, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    errors.clear(field === 'withinDays' ? 'params.withinDays' : field);
  };
  const error = (field: string) => (errors.fields[field] ? t(errors.fields[field]) : undefined);
  const confirm = () => {
    if (!target) return;
    errors.reset();
    const goal = parseGoal(values, hasWithinDays);
    if (!errors.reportLocal(goal.problems)) {
      focusFirstError();
      return;
    }
    const body: UpdateTarget = {};
    if (goal.targetValue !== target.targetValue) body.targetValue = goal.targetValue;
    if (goal.stretchValue !== target.stretchValue) body.stretchValue = goal.stretchValue;
    if (values.comparison !== target.comparison) body.comparison = values.comparison;
    if (goal.targetYear !== target.targetYear) body.targetYear = goal.targetYear;
    if (values.basis !== target.basis) body.basis = values.basis;
    const note = values.note.trim() || null;
    if (note !== (target.note ?? null)) body.note = note;
    if (hasWithinDays && (goal.withinDays ?? undefined) !== target.params.withinDays) {
      body.params = goal.withinDays === null ? {} : { withinDays: goal.withinDays };
    }
    // Nothing changed: nothing to record in the history.
    if (Object.keys(body).length === 0) onClose();
    else save.mutate({ targetId: target.id, body });
  };
  const close = () => {
    save.reset();
    onClose();
  };
  const name = target ? kpiName(language, target.kpi) : '';
  return (
    <ConfirmDialog
      open={target !== null}
      tone="primary"
      initialFocus="content"
      testId="edit-target-dialog"
      title={t('planTarget.editTitle', { name })}
      confirmLabel={t('planTarget.save')}
      busy={save.isPending}
      failure={errors.failure}
      failureTitle={t('planTarget.saveFailed')}
      onConfirm={confirm}
      onCancel={close}
    >
      {target ? (
        <div className="form" ref={attachFields}>
          {target.citation ? (
            <Citation>
              “{target.citation}”{target.reference ? ` ${target.reference}` : ''}
            </Citation>
          ) : null}
          <GoalFields
            plan={plan}
            unit={target.kpi.unit}
            direction={target.kpi.direction}
            withinDays={hasWithinDays}
            values={values}
            set={set}
            error={error}
          />
        </div>
      ) : null}
    </ConfirmDialog>
  );
}

function Citation({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="dialog-intro plan-citation">
      <p className="muted small">{t('planTarget.planSays')}</p>
      <blockquote lang="vi">{children}</blockquote>
    </div>
  );
}

type Source = 'catalogue' | 'custom';
interface CustomValues {
  code: string;
  nameVi: string;
  nameEn: string;
  unit: KpiUnit;
  direction: KpiDirection;
  definition: string;
}
interface WordingValues {
  citation: string;
  reference: string;
}
const EMPTY_CUSTOM: CustomValues = {
  code: '',
  nameVi: '',
  nameEn: '',
  unit: 'count',
  direction: 'higher_is_better',
  definition: '',
};

/** A code for an officer's KPI from its name when none is typed: "Số phiên livestream" → so_phien_livestream. */
function codeFrom(name: string): string {
  return toSlug(name).replaceAll('-', '_').slice(0, 60);
}

/**
 * Adds a target: for a KPI of the catalogue (or one the officers already defined for this plan),
 * or for a new KPI of the plan's own, whose values officers then enter as external figures.
 */
export function AddTargetDialog({
  plan,
  open,
  onClose,
  onAdded,
}: {
  plan: Plan;
  open: boolean;
  onClose: () => void;
  onAdded: (name: string) => void;
}) {
  const { t, language } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const errors = useFormErrors('planTarget');
  const { attach: attachFields, focus: focusFirstError } = useFocusFirstError();
  const [source, setSource] = useState<Source>('catalogue');
  const [kpiId, setKpiId] = useState('');
  const [goal, setGoal] = useState<GoalValues>(EMPTY_GOAL);
  const [custom, setCustom] = useState<CustomValues>(EMPTY_CUSTOM);
  const [wording, setWording] = useState<WordingValues>({ citation: '', reference: '' });
  const [wasOpen, setWasOpen] = useState(false);
  const catalogue = useQuery({
    queryKey: planKeys.catalogue(account.id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/kpis', { signal })),
    enabled: open,
    // The catalogue is part of the API's code: it changes only with a new release.
    staleTime: Infinity,
  });
  const add = useMutation({
    mutationFn: (body: AddTarget) =>
      unwrap(api.POST('/api/plans/{id}/targets', { params: { path: { id: plan.id } }, body })),
    onSuccess: (added) => {
      refreshPlan(client, account.id, plan.id);
      onAdded(kpiName(language, added.kpi));
    },
    onError: (error) => {
      errors.report(error);
      focusFirstError();
    },
  });
  // Each opening starts from an empty form.
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setSource('catalogue');
      setKpiId('');
      setGoal(EMPTY_GOAL);
      setCustom(EMPTY_CUSTOM);
      setWording({ citation: '', reference: '' });
      errors.reset();
    }
  }

  const kpis: Kpi[] = [...(catalogue.data ?? []), ...plan.customKpis];
  const chosen = source === 'catalogue' ? kpis.find((kpi) => kpi.id === kpiId) : undefined;
  const unit = chosen?.unit ?? (source === 'custom' ? custom.unit : 'count');
  const direction = chosen?.direction ?? (source === 'custom' ? custom.direction : 'higher_is_better');
  const hasWithinDays = chosen ? defaultParams(chosen).withinDays !== undefined : false;
  const inPlan = new Set(plan.targets.map((target) => target.kpiId));

  const setGoalField = (field: keyof GoalValues, value: string) => {
    setGoal((current) => ({ ...current, [field]: value }));
    errors.clear(field === 'withinDays' ? 'params.withinDays' : field);
  };
  const chooseKpi = (id: string) => {
    setKpiId(id);
    errors.clear('kpiId');
    const kpi = kpis.find((item) => item.id === id);
    if (!kpi) return;
    // The KPI's usual reading: its direction's comparison, its basis, its default time limit.
    setGoal((current) => ({
      ...current,
      comparison: comparisonsFor(kpi.direction)[0] ?? current.comparison,
      basis: kpi.defaultBasis,
      withinDays: String(defaultParams(kpi).withinDays ?? ''),
    }));
  };
  const setCustomField = <K extends keyof CustomValues>(field: K, value: CustomValues[K]) => {
    setCustom((current) => ({ ...current, [field]: value }));
    errors.clear(`customKpi.${field === 'code' ? 'id' : field}`);
    if (field === 'direction' && !comparisonsFor(value as KpiDirection).includes(goal.comparison)) {
      setGoal((current) => ({ ...current, comparison: comparisonsFor(value as KpiDirection)[0] ?? '>=' }));
    }
  };
  const error = (field: string) => (errors.fields[field] ? t(errors.fields[field]) : undefined);

  const confirm = () => {
    errors.reset();
    const parsed = parseGoal(goal, hasWithinDays);
    const problems = { ...parsed.problems };
    if (source === 'catalogue' && !kpiId) problems.kpiId = 'planTarget.required.kpiId';
    if (source === 'custom' && !custom.nameVi.trim()) problems['customKpi.nameVi'] = 'planTarget.required.nameVi';
    const code = custom.code.trim() || codeFrom(custom.nameVi);
    if (source === 'custom' && custom.nameVi.trim() && !code)
      problems['customKpi.id'] = 'field.planTarget.customKpi.id';
    if (!errors.reportLocal(problems)) {
      focusFirstError();
      return;
    }
    const body: AddTarget = {
      comparison: goal.comparison,
      targetValue: parsed.targetValue,
      ...(parsed.stretchValue !== null ? { stretchValue: parsed.stretchValue } : {}),
      ...(parsed.targetYear !== null ? { targetYear: parsed.targetYear } : {}),
      basis: goal.basis,
      ...(wording.citation.trim() ? { citation: wording.citation.trim() } : {}),
      ...(wording.reference.trim() ? { reference: wording.reference.trim() } : {}),
      ...(goal.note.trim() ? { note: goal.note.trim() } : {}),
      ...(parsed.withinDays !== null ? { params: { withinDays: parsed.withinDays } } : {}),
    };
    if (source === 'catalogue') {
      add.mutate({ ...body, kpiId });
    } else {
      add.mutate({
        ...body,
        customKpi: {
          id: `custom.${code}`,
          nameVi: custom.nameVi.trim(),
          ...(custom.nameEn.trim() ? { nameEn: custom.nameEn.trim() } : {}),
          unit: custom.unit,
          direction: custom.direction,
          ...(custom.definition.trim() ? { definition: custom.definition.trim() } : {}),
        },
      });
    }
  };

  return (
    <ConfirmDialog
      open={open}
      tone="primary"
      initialFocus="content"
      testId="add-target-dialog"
      title={t('planTarget.addTitle', { plan: plan.name })}
      confirmLabel={t('planTarget.add')}
      busy={add.isPending}
      failure={errors.failure}
      failureTitle={t('planTarget.addFailed')}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <div className="form" ref={attachFields}>
        <FilterTabs<Source>
          label={t('planTarget.source')}
          value={source}
          onChange={(value) => {
            setSource(value);
            errors.reset();
          }}
          options={[
            { value: 'catalogue', label: t('planTarget.fromCatalogue') },
            { value: 'custom', label: t('planTarget.newCustom') },
          ]}
        />
        {source === 'catalogue' ? (
          catalogue.isPending ? (
            <PageStatus>{t('common.loading')}</PageStatus>
          ) : catalogue.isError ? (
            <ErrorPanel
              title={t('planTarget.catalogueError')}
              error={catalogue.error}
              onRetry={() => void catalogue.refetch()}
            />
          ) : (
            <Field
              label={t('planTarget.kpi')}
              hint={chosen?.definition && language === 'en' ? chosen.definition : t('planTarget.kpiHint')}
              error={error('kpiId')}
            >
              {(control) => (
                <select
                  {...control}
                  name="kpiId"
                  data-autofocus
                  value={kpiId}
                  onChange={(event) => chooseKpi(event.target.value)}
                >
                  <option value="">{t('planTarget.chooseKpi')}</option>
                  {KPI_GROUPS.map((group) => {
                    const members = kpis.filter((kpi) => (kpi.isCustom ? 'custom' : kpi.group) === group);
                    if (members.length === 0) return null;
                    return (
                      <optgroup key={group} label={t(`plan.group.${group}`)}>
                        {members.map((kpi) => (
                          <option key={kpi.id} value={kpi.id}>
                            {kpiName(language, kpi)}
                            {inPlan.has(kpi.id) ? ` (${t('planTarget.alreadyInPlan')})` : ''}
                          </option>
                        ))}
                      </optgroup>
                    );
                  })}
                </select>
              )}
            </Field>
          )
        ) : (
          <fieldset className="form-section">
            <legend>{t('planTarget.customLegend')}</legend>
            <p className="hint">{t('planTarget.customIntro')}</p>
            <Field label={t('planTarget.customNameVi')} error={error('customKpi.nameVi')}>
              {(control) => (
                <input
                  {...control}
                  name="customNameVi"
                  lang="vi"
                  data-autofocus
                  value={custom.nameVi}
                  onChange={(event) => setCustomField('nameVi', event.target.value)}
                />
              )}
            </Field>
            <Field
              label={t('planTarget.customNameEn')}
              optional={t('common.optional')}
              error={error('customKpi.nameEn')}
            >
              {(control) => (
                <input
                  {...control}
                  name="customNameEn"
                  lang="en"
                  value={custom.nameEn}
                  onChange={(event) => setCustomField('nameEn', event.target.value)}
                />
              )}
            </Field>
            <Field
              label={t('planTarget.customCode')}
              optional={t('common.optional')}
              hint={t('planTarget.customCodeHint', { code: codeFrom(custom.nameVi) || 'livestream_ocop' })}
              error={error('customKpi.id')}
            >
              {(control) => (
                <div className="input-suffix">
                  <span aria-hidden="true">custom.</span>
                  <input
                    {...control}
                    name="customCode"
                    autoComplete="off"
                    spellCheck={false}
                    value={custom.code}
                    onChange={(event) => setCustomField('code', event.target.value)}
                  />
                </div>
              )}
            </Field>
            <div className="plan-form-row">
              <Field label={t('planTarget.customUnit')} error={error('customKpi.unit')}>
                {(control) => (
                  <select
                    {...control}
                    name="customUnit"
                    value={custom.unit}
                    onChange={(event) => setCustomField('unit', event.target.value as KpiUnit)}
                  >
                    {KPI_UNITS.map((value) => (
                      <option key={value} value={value}>
                        {t(`plan.unit.${value}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('planTarget.customDirection')} error={error('customKpi.direction')}>
                {(control) => (
                  <select
                    {...control}
                    name="customDirection"
                    value={custom.direction}
                    onChange={(event) => setCustomField('direction', event.target.value as KpiDirection)}
                  >
                    {KPI_DIRECTIONS.map((value) => (
                      <option key={value} value={value}>
                        {t(`plan.direction.${value}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <Field
              label={t('planTarget.customDefinition')}
              optional={t('common.optional')}
              hint={t('planTarget.customDefinitionHint')}
              error={error('customKpi.definition')}
            >
              {(control) => (
                <textarea
                  {...control}
                  name="customDefinition"
                  rows={2}
                  value={custom.definition}
                  onChange={(event) => setCustomField('definition', event.target.value)}
                />
              )}
            </Field>
          </fieldset>
        )}
        <GoalFields
          plan={plan}
          unit={unit}
          direction={direction}
          withinDays={hasWithinDays}
          values={goal}
          set={setGoalField}
          error={error}
        />
        <Field
          label={t('planTarget.citation')}
          optional={t('common.optional')}
          hint={t('planTarget.citationHint')}
          error={error('citation')}
        >
          {(control) => (
            <textarea
              {...control}
              name="citation"
              lang="vi"
              rows={2}
              value={wording.citation}
              onChange={(event) => {
                setWording((current) => ({ ...current, citation: event.target.value }));
                errors.clear('citation');
              }}
            />
          )}
        </Field>
        <Field
          label={t('planTarget.reference')}
          optional={t('common.optional')}
          hint={t('planTarget.referenceHint')}
          error={error('reference')}
        >
          {(control) => (
            <input
              {...control}
              name="reference"
              value={wording.reference}
              onChange={(event) => {
                setWording((current) => ({ ...current, reference: event.target.value }));
                errors.clear('reference');
              }}
            />
          )}
        </Field>
      </div>
    </ConfirmDialog>
  );
}

/** Takes a target out of the plan; the API archives it, so its history stays readable. */
export function RemoveTargetDialog({
  plan,
  target,
  onClose,
  onRemoved,
}: {
  plan: Plan;
  target: Target | null;
  onClose: () => void;
  onRemoved: (name: string) => void;
}) {
  const translator = useI18n();
  const { t, language } = translator;
  const account = useAccount();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: (targetId: string) =>
      unwrap(api.DELETE('/api/plans/{id}/targets/{targetId}', { params: { path: { id: plan.id, targetId } } })),
    onSuccess: (_nothing, targetId) => {
      client.setQueryData<Plan>(planKeys.plan(account.id, plan.id), (current) =>
        current ? { ...current, targets: current.targets.filter((item) => item.id !== targetId) } : current,
      );
      refreshPlan(client, account.id, plan.id);
      onRemoved(target ? kpiName(language, target.kpi) : '');
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  const name = target ? kpiName(language, target.kpi) : '';
  return (
    <ConfirmDialog
      open={target !== null}
      testId="remove-target-dialog"
      title={t('planTarget.removeTitle', { name })}
      confirmLabel={t('planTarget.removeConfirm')}
      busy={remove.isPending}
      failure={remove.error}
      failureTitle={t('planTarget.removeFailed')}
      onConfirm={() => target && remove.mutate(target.id)}
      onCancel={close}
    >
      {target ? (
        <p>
          {t('planTarget.removeBody', {
            goal: formatGoal(
              translator,
              target.comparison,
              formatKpiValue(translator, target.targetValue, target.kpi.unit),
            ),
          })}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
