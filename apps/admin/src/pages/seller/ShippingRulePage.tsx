import type { Schemas } from '@ocop/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { formatDong } from '../../format';
import { type FieldMessages, parseWholeNumber, useFormErrors } from '../../forms';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { sellerKeys } from '../../queries';

type Rule = Schemas['ShippingRuleDto'];
type RuleInput = Schemas['ShippingRuleInputDto'];
const ZONES = ['same_province', 'same_region', 'other_region'] as const;
type Zone = (typeof ZONES)[number];
const RATE_FIELDS = ['baseFee', 'perKgFee', 'includedGrams'] as const;
type RateField = (typeof RATE_FIELDS)[number];
type Values = { rates: Record<Zone, Record<RateField, string>>; freeShippingThreshold: string };

function valuesOf(rule: Rule): Values {
  const rates = Object.fromEntries(
    ZONES.map((zone) => [
      zone,
      Object.fromEntries(RATE_FIELDS.map((field) => [field, String(rule.rates[zone][field])])),
    ]),
  ) as Values['rates'];
  return { rates, freeShippingThreshold: rule.freeShippingThreshold == null ? '' : String(rule.freeShippingThreshold) };
}

export function ShippingRulePage() {
  const { t } = useI18n();
  const account = useAccount();
  useDocumentTitle(t('shipping.metaTitle'));
  const rule = useQuery({
    queryKey: sellerKeys.shippingRule(account.id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/seller/shipping-rule', { signal })),
  });
  return (
    <>
      <PageHead title={t('shipping.title')} intro={t('shipping.intro')} />
      {rule.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : rule.isError ? (
        <ErrorPanel title={t('shipping.error')} error={rule.error} onRetry={() => void rule.refetch()} />
      ) : (
        <ShippingRuleForm rule={rule.data} />
      )}
    </>
  );
}

function ShippingRuleForm({ rule }: { rule: Rule }) {
  const { t } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const [values, setValues] = useState(() => valuesOf(rule));
  const { attachForm, ...errors } = useFormErrors('shipping');
  const save = useMutation({
    mutationFn: (body: RuleInput) => unwrap(api.PUT('/api/seller/shipping-rule', { body })),
    onSuccess: (saved) => {
      client.setQueryData(sellerKeys.shippingRule(account.id), saved);
      setValues(valuesOf(saved));
    },
    onError: errors.report,
  });
  const error = (name: string) => (errors.fields[name] ? t(errors.fields[name]) : undefined);
  const setRate = (zone: Zone, field: RateField, value: string) => {
    setValues((current) => ({
      ...current,
      rates: { ...current.rates, [zone]: { ...current.rates[zone], [field]: value } },
    }));
    errors.clear(`rates.${zone}.${field}`);
    save.reset();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    errors.reset();
    const problems: FieldMessages = {};
    const number = (name: string, text: string) => {
      const value = parseWholeNumber(text);
      // Only what cannot be sent as a number is caught here; limits are the API's to state.
      if (Number.isNaN(value)) problems[name] = text.trim() ? 'shipping.notANumber' : 'shipping.required';
      return value;
    };
    const rates = Object.fromEntries(
      ZONES.map((zone) => [
        zone,
        Object.fromEntries(
          RATE_FIELDS.map((field) => [field, number(`rates.${zone}.${field}`, values.rates[zone][field])]),
        ),
      ]),
    ) as RuleInput['rates'];
    const threshold = values.freeShippingThreshold.trim()
      ? number('freeShippingThreshold', values.freeShippingThreshold)
      : null;
    if (!errors.reportLocal(problems)) return;
    save.mutate({ rates, freeShippingThreshold: threshold });
  };

  const amount = (
    name: string,
    label: string,
    value: string,
    onChange: (value: string) => void,
    unit: string,
    hint?: string,
  ) => (
    <Field
      label={label}
      hint={hint}
      error={error(name)}
      className={name === 'freeShippingThreshold' ? 'narrow-field' : undefined}
    >
      {(control) => (
        <div className="input-suffix">
          <input
            {...control}
            name={name}
            inputMode="numeric"
            autoComplete="off"
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
          <span aria-hidden="true">{unit}</span>
        </div>
      )}
    </Field>
  );

  return (
    <form
      ref={attachForm}
      className="form"
      noValidate
      onSubmit={submit}
      aria-busy={save.isPending}
      data-testid="shipping-form"
    >
      {rule.isDefault ? (
        <p className="notice" data-testid="shipping-default">
          {t('shipping.isDefault')}
        </p>
      ) : null}
      <FormError failure={errors.failure} title={t('shipping.failed')} />
      <div className="zone-grid">
        {ZONES.map((zone) => (
          <fieldset key={zone} className="card zone-card" data-testid={`zone-${zone}`}>
            <legend>{t(`shippingZone.${zone}`)}</legend>
            <p className="hint">{t(`shipping.zoneHint.${zone}`)}</p>
            {amount(
              `rates.${zone}.baseFee`,
              t('shipping.baseFee'),
              values.rates[zone].baseFee,
              (value) => setRate(zone, 'baseFee', value),
              '₫',
            )}
            {amount(
              `rates.${zone}.includedGrams`,
              t('shipping.includedGrams'),
              values.rates[zone].includedGrams,
              (value) => setRate(zone, 'includedGrams', value),
              'g',
              t('shipping.includedGramsHint'),
            )}
            {amount(
              `rates.${zone}.perKgFee`,
              t('shipping.perKgFee'),
              values.rates[zone].perKgFee,
              (value) => setRate(zone, 'perKgFee', value),
              '₫',
              t('shipping.perKgFeeHint'),
            )}
          </fieldset>
        ))}
      </div>
      <div className="card">
        {amount(
          'freeShippingThreshold',
          t('shipping.freeThreshold'),
          values.freeShippingThreshold,
          (value) => {
            setValues((current) => ({ ...current, freeShippingThreshold: value }));
            errors.clear('freeShippingThreshold');
            save.reset();
          },
          '₫',
          rule.freeShippingThreshold === null || rule.freeShippingThreshold === undefined
            ? t('shipping.freeThresholdHint')
            : t('shipping.freeThresholdCurrent', { amount: formatDong(rule.freeShippingThreshold) }),
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? <span className="spinner" aria-hidden="true" /> : null}
          {save.isPending ? t('common.saving') : t('shipping.save')}
        </button>
        {save.isSuccess ? (
          <p className="notice notice-success inline-notice" role="status" data-testid="shipping-saved">
            {t('shipping.saved')}
          </p>
        ) : null}
      </div>
    </form>
  );
}
