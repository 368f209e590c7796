import type { Schemas } from '@ocop/api-client';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { ConfirmDialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { formatCalendarDate } from '../../format';
import { type FieldMessages, useFormErrors } from '../../forms';
import { useI18n } from '../../i18n/I18nProvider';

type Product = Schemas['SellerProductDto'];
type Certificate = Schemas['QualityCertificateDto'];
type Kind = Certificate['kind'];
const KINDS: readonly Kind[] = ['vietgap', 'globalgap', 'organic', 'haccp', 'food_safety'];

const EMPTY = { kind: '' as Kind | '', certificateNumber: '', issuer: '', issuedOn: '', expiresOn: '' };

/** VietGAP, organic, HACCP… certificates shown to buyers beside the product; they need no officer review. */
export function QualitySection({ product, onChanged }: { product: Product; onChanged: () => void }) {
  const { t, language } = useI18n();
  const [values, setValues] = useState(EMPTY);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Certificate | null>(null);
  const { attachForm, ...errors } = useFormErrors('quality');
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/seller/products/{id}/quality-certificates', {
          params: { path: { id: product.id } },
          body: {
            kind: values.kind as Kind,
            certificateNumber: values.certificateNumber.trim(),
            ...(values.issuer.trim() ? { issuer: values.issuer.trim() } : {}),
            issuedOn: values.issuedOn || null,
            expiresOn: values.expiresOn,
          },
        }),
      ),
    onSuccess: () => {
      setValues(EMPTY);
      setAdding(false);
      onChanged();
    },
    onError: errors.report,
  });
  const remove = useMutation({
    mutationFn: (certificate: Certificate) =>
      unwrap(
        api.DELETE('/api/seller/products/{id}/quality-certificates/{certificateId}', {
          params: { path: { id: product.id, certificateId: certificate.id } },
        }),
      ),
    onSuccess: () => {
      setRemoving(null);
      onChanged();
    },
  });
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    errors.clear(key);
  };
  const error = (name: string) => (errors.fields[name] ? t(errors.fields[name]) : undefined);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (add.isPending) return;
    errors.reset();
    const problems: FieldMessages = {};
    if (!values.kind) problems.kind = 'qualityForm.required.kind';
    if (!values.certificateNumber.trim()) problems.certificateNumber = 'qualityForm.required.certificateNumber';
    if (!values.expiresOn) problems.expiresOn = 'qualityForm.required.expiresOn';
    if (errors.reportLocal(problems)) add.mutate();
  };

  return (
    <>
      {product.qualityCertificates.length === 0 ? (
        <p className="muted">{t('quality.none')}</p>
      ) : (
        <ul className="certificate-list">
          {product.qualityCertificates.map((certificate) => (
            <li key={certificate.id} className="certificate">
              <div className="certificate-head">
                <span className="panel-title">{t(`qualityKind.${certificate.kind}`)}</span>
                {certificate.expired ? <span className="status-badge status-danger">{t('ocop.expired')}</span> : null}
              </div>
              <p>
                {certificate.certificateNumber}
                {certificate.issuer ? ` · ${certificate.issuer}` : ''}
              </p>
              <p className="muted small">
                {certificate.issuedOn
                  ? t('ocop.validity', {
                      from: formatCalendarDate(language, certificate.issuedOn),
                      to: formatCalendarDate(language, certificate.expiresOn),
                    })
                  : t('quality.expiresOn', { date: formatCalendarDate(language, certificate.expiresOn) })}
              </p>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => setRemoving(certificate)}
              >
                {t('quality.remove')}
                <span className="visually-hidden"> {certificate.certificateNumber}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        <form ref={attachForm} className="form" noValidate onSubmit={submit} aria-busy={add.isPending}>
          <h3>{t('quality.addTitle')}</h3>
          <FormError failure={errors.failure} title={t('quality.failed')} />
          <div className="form-grid">
            <Field label={t('quality.kind')} error={error('kind')}>
              {(control) => (
                <select
                  {...control}
                  name="kind"
                  value={values.kind}
                  onChange={(event) => set('kind', event.target.value as Kind)}
                >
                  <option value="">{t('quality.chooseKind')}</option>
                  {KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`qualityKind.${kind}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('quality.number')} error={error('certificateNumber')}>
              {(control) => (
                <input
                  {...control}
                  name="certificateNumber"
                  autoComplete="off"
                  value={values.certificateNumber}
                  onChange={(event) => set('certificateNumber', event.target.value)}
                />
              )}
            </Field>
          </div>
          <Field label={t('quality.issuer')} optional={t('common.optional')} error={error('issuer')}>
            {(control) => (
              <input
                {...control}
                name="issuer"
                value={values.issuer}
                onChange={(event) => set('issuer', event.target.value)}
              />
            )}
          </Field>
          <div className="form-grid">
            <Field label={t('quality.issuedOn')} optional={t('common.optional')} error={error('issuedOn')}>
              {(control) => (
                <input
                  {...control}
                  name="issuedOn"
                  type="date"
                  value={values.issuedOn}
                  onChange={(event) => set('issuedOn', event.target.value)}
                />
              )}
            </Field>
            <Field label={t('quality.expiresOnLabel')} error={error('expiresOn')}>
              {(control) => (
                <input
                  {...control}
                  name="expiresOn"
                  type="date"
                  value={values.expiresOn}
                  onChange={(event) => set('expiresOn', event.target.value)}
                />
              )}
            </Field>
          </div>
          <div className="form-actions">
            <button type="submit" className="button" disabled={add.isPending}>
              {add.isPending ? t('common.saving') : t('quality.add')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setAdding(false);
                errors.reset();
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button-secondary" onClick={() => setAdding(true)}>
          {t('quality.addTitle')}
        </button>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('quality.removeTitle', { number: removing?.certificateNumber ?? '' })}
        confirmLabel={t('quality.remove')}
        busy={remove.isPending}
        failure={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onCancel={() => setRemoving(null)}
      >
        <p>{t('quality.removeBody')}</p>
      </ConfirmDialog>
    </>
  );
}
