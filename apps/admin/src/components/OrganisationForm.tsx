import type { Schemas } from '@ocop/api-client';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { BANKS } from '../banks';
import { type FieldMessages, useFormErrors } from '../forms';
import { useI18n } from '../i18n/I18nProvider';
import { useHomeCommunes } from '../queries';
import { CheckboxField, Field } from './Field';
import { FormError } from './FormError';

type Organisation = Schemas['OrganisationDto'];
type Application = Schemas['OrganisationApplicationDto'];
type LegalType = Application['legalType'];
const LEGAL_TYPES: readonly LegalType[] = [
  'cooperative',
  'cooperative_group',
  'enterprise',
  'household_business',
  'individual_business',
];

interface Values {
  name: string;
  legalType: LegalType;
  isSme: boolean;
  womenOwned: boolean;
  taxCode: string;
  businessRegistrationNumber: string;
  streetAddress: string;
  communeCode: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  bin: string;
  accountNumber: string;
  accountName: string;
  websiteUrl: string;
  story: string;
}

function initialValues(organisation: Organisation | null, contactName: string): Values {
  return {
    name: organisation?.name ?? '',
    legalType: organisation?.legalType ?? 'cooperative',
    isSme: organisation?.isSme ?? false,
    womenOwned: organisation?.womenOwned ?? false,
    taxCode: organisation?.taxCode ?? '',
    businessRegistrationNumber: organisation?.businessRegistrationNumber ?? '',
    streetAddress: organisation?.streetAddress ?? '',
    communeCode: organisation?.commune?.code ?? '',
    contactName: organisation?.contactName ?? contactName,
    contactPhone: organisation?.contactPhone ?? '',
    contactEmail: organisation?.contactEmail ?? '',
    bin: organisation?.bankAccount?.bin ?? '',
    accountNumber: organisation?.bankAccount?.accountNumber ?? '',
    accountName: organisation?.bankAccount?.accountName ?? '',
    websiteUrl: organisation?.websiteUrl ?? '',
    story: organisation?.story ?? '',
  };
}

const REQUIRED = ['name', 'streetAddress', 'communeCode', 'contactName', 'contactPhone'] as const;
const TEXT_FIELDS = [
  'name',
  'taxCode',
  'businessRegistrationNumber',
  'streetAddress',
  'communeCode',
  'contactName',
  'contactPhone',
  'contactEmail',
  'websiteUrl',
  'story',
] as const;

/**
 * What is sent: for an application every filled field; for an edit only what changed, because the
 * API cannot tell "left empty" from "clear it" for most fields.
 */
function payload(values: Values, initial: Values | null): Partial<Application> {
  const body: Partial<Application> = {};
  const changed = <K extends keyof Values>(key: K) => initial === null || values[key] !== initial[key];
  for (const key of TEXT_FIELDS) {
    const value = values[key].trim();
    if (value && changed(key)) body[key] = value;
  }
  if (changed('legalType')) body.legalType = values.legalType;
  if (changed('isSme')) body.isSme = values.isSme;
  if (changed('womenOwned')) body.womenOwned = values.womenOwned;
  const bank = {
    bin: values.bin.trim(),
    accountNumber: values.accountNumber.replace(/\s/g, '').toUpperCase(),
    accountName: values.accountName.trim(),
  };
  if (
    (bank.bin || bank.accountNumber || bank.accountName) &&
    (changed('bin') || changed('accountNumber') || changed('accountName'))
  ) {
    body.bankAccount = bank;
  }
  return body;
}

function localProblems(values: Values): FieldMessages {
  const problems: FieldMessages = {};
  for (const key of REQUIRED) if (!values[key].trim()) problems[key] = `organisationForm.required.${key}`;
  const bank = [values.bin, values.accountNumber, values.accountName].map((value) => value.trim());
  if (bank.some(Boolean) && !bank.every(Boolean)) {
    if (!bank[0]) problems['bankAccount.bin'] = 'organisationForm.bankIncomplete';
    if (!bank[1]) problems['bankAccount.accountNumber'] = 'organisationForm.bankIncomplete';
    if (!bank[2]) problems['bankAccount.accountName'] = 'organisationForm.bankIncomplete';
  }
  return problems;
}

interface OrganisationFormProps {
  /** The organisation being edited, or null for a new application. */
  organisation: Organisation | null;
  /** Suggested contact person for a new application: the applicant. */
  contactName?: string;
  submitLabel: string;
  busyLabel: string;
  failureTitle: string;
  save: (body: Partial<Application>) => Promise<Organisation>;
  onSaved: (organisation: Organisation) => void;
  onCancel?: () => void;
}

export function OrganisationForm({
  organisation,
  contactName = '',
  submitLabel,
  busyLabel,
  failureTitle,
  save,
  onSaved,
  onCancel,
}: OrganisationFormProps) {
  const { t } = useI18n();
  const communes = useHomeCommunes();
  const banksId = useId();
  const [initial] = useState(() => (organisation ? initialValues(organisation, contactName) : null));
  const [values, setValues] = useState(() => initialValues(organisation, contactName));
  const { attachForm, ...errors } = useFormErrors('organisation');
  const mutation = useMutation({ mutationFn: save, onSuccess: onSaved, onError: errors.report });

  const set = <K extends keyof Values>(key: K, value: Values[K], errorName: string = key) => {
    setValues((current) => ({ ...current, [key]: value }));
    errors.clear(errorName);
  };
  const error = (name: string) => (errors.fields[name] ? t(errors.fields[name]) : undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    errors.reset();
    if (!errors.reportLocal(localProblems(values))) return;
    const body = payload(values, initial);
    if (initial && Object.keys(body).length === 0) {
      onSaved(organisation as Organisation);
      return;
    }
    mutation.mutate(body);
  };

  const text = (
    key: keyof Values & string,
    label: string,
    options: {
      hint?: string;
      optional?: boolean;
      autoComplete?: string;
      inputMode?: 'tel' | 'email' | 'numeric' | 'url';
      type?: string;
    } = {},
  ) => (
    <Field
      label={label}
      hint={options.hint}
      optional={options.optional ? t('common.optional') : undefined}
      error={error(key)}
    >
      {(control) => (
        <input
          {...control}
          name={key}
          type={options.type ?? 'text'}
          autoComplete={options.autoComplete ?? 'off'}
          inputMode={options.inputMode}
          value={values[key] as string}
          onChange={(event) => set(key, event.target.value as Values[typeof key])}
        />
      )}
    </Field>
  );

  return (
    <form ref={attachForm} className="form" noValidate onSubmit={submit} aria-busy={mutation.isPending}>
      <FormError failure={errors.failure} title={failureTitle} />

      <fieldset className="form-section">
        <legend>{t('organisationForm.identity')}</legend>
        {text('name', t('organisation.name'), { hint: t('organisationForm.nameHint'), autoComplete: 'organization' })}
        <Field label={t('organisation.legalType')} error={error('legalType')}>
          {(control) => (
            <select
              {...control}
              name="legalType"
              value={values.legalType}
              onChange={(event) => set('legalType', event.target.value as LegalType)}
            >
              {LEGAL_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`legalType.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-grid">
          {text('taxCode', t('organisation.taxCode'), {
            hint: t('organisationForm.taxCodeHint'),
            optional: true,
            inputMode: 'numeric',
          })}
          {text('businessRegistrationNumber', t('organisation.businessRegistrationNumber'), { optional: true })}
        </div>
        <CheckboxField
          label={t('organisationForm.isSme')}
          checked={values.isSme}
          onChange={(value) => set('isSme', value)}
        />
        <CheckboxField
          label={t('organisationForm.womenOwned')}
          checked={values.womenOwned}
          onChange={(value) => set('womenOwned', value)}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('organisationForm.address')}</legend>
        {text('streetAddress', t('organisation.streetAddress'), {
          hint: t('organisationForm.streetHint'),
          autoComplete: 'street-address',
        })}
        <Field
          label={t('organisation.commune')}
          error={error('communeCode')}
          hint={communes.isError ? t('organisationForm.communesError') : undefined}
        >
          {(control) => (
            <select
              {...control}
              name="communeCode"
              value={values.communeCode}
              disabled={!communes.data}
              onChange={(event) => set('communeCode', event.target.value)}
            >
              <option value="">{communes.data ? t('organisationForm.chooseCommune') : t('common.loading')}</option>
              {communes.data?.map((commune) => (
                <option key={commune.code} value={commune.code}>
                  {commune.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('organisationForm.contact')}</legend>
        {text('contactName', t('organisation.contactName'), { autoComplete: 'name' })}
        <div className="form-grid">
          {text('contactPhone', t('organisation.contactPhone'), {
            type: 'tel',
            inputMode: 'tel',
            autoComplete: 'tel',
            hint: t('organisationForm.phoneHint'),
          })}
          {text('contactEmail', t('organisation.contactEmail'), {
            type: 'email',
            inputMode: 'email',
            autoComplete: 'email',
            optional: true,
          })}
        </div>
        {text('websiteUrl', t('organisation.websiteUrl'), {
          type: 'url',
          inputMode: 'url',
          optional: true,
          hint: t('organisationForm.websiteHint'),
        })}
      </fieldset>

      <fieldset className="form-section" data-testid="bank-account-fields">
        <legend>{t('organisationForm.bank')}</legend>
        <p className="hint">{t('organisationForm.bankHint')}</p>
        <div className="form-grid">
          <Field
            label={t('organisationForm.bin')}
            hint={t('organisationForm.binHint')}
            optional={t('common.optional')}
            error={error('bankAccount.bin')}
          >
            {(control) => (
              <>
                <input
                  {...control}
                  name="bin"
                  inputMode="numeric"
                  list={banksId}
                  autoComplete="off"
                  value={values.bin}
                  onChange={(event) => set('bin', event.target.value, 'bankAccount.bin')}
                />
                <datalist id={banksId}>
                  {BANKS.map((bank) => (
                    <option key={bank.bin} value={bank.bin} label={bank.name} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field
            label={t('organisationForm.accountNumber')}
            optional={t('common.optional')}
            error={error('bankAccount.accountNumber')}
          >
            {(control) => (
              <input
                {...control}
                name="accountNumber"
                autoComplete="off"
                value={values.accountNumber}
                onChange={(event) => set('accountNumber', event.target.value, 'bankAccount.accountNumber')}
              />
            )}
          </Field>
        </div>
        <Field
          label={t('organisationForm.accountName')}
          hint={t('organisationForm.accountNameHint')}
          optional={t('common.optional')}
          error={error('bankAccount.accountName')}
        >
          {(control) => (
            <input
              {...control}
              name="accountName"
              autoComplete="off"
              value={values.accountName}
              onChange={(event) => set('accountName', event.target.value, 'bankAccount.accountName')}
            />
          )}
        </Field>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('organisation.story')}</legend>
        <Field
          label={t('organisationForm.storyLabel')}
          hint={t('organisationForm.storyHint')}
          optional={t('common.optional')}
          error={error('story')}
        >
          {(control) => (
            <textarea
              {...control}
              name="story"
              rows={5}
              value={values.story}
              onChange={(event) => set('story', event.target.value)}
            />
          )}
        </Field>
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? <span className="spinner" aria-hidden="true" /> : null}
          {mutation.isPending ? busyLabel : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={mutation.isPending}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
