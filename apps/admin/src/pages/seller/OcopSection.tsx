import type { Schemas } from '@ocop/api-client';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { api } from '../../api/client';
import { multipartBody } from '../../api/files';
import { unwrap } from '../../api/request';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { StatusBadge } from '../../components/StatusBadge';
import { formatCalendarDate, formatDateTime } from '../../format';
import { type FieldMessages, useFormErrors } from '../../forms';
import { useI18n } from '../../i18n/I18nProvider';
import { OCOP_TONES } from '../../statuses';

type Product = Schemas['SellerProductDto'];
type Certificate = Schemas['OcopCertificateDto'];
type Input = Schemas['PutOcopCertificateDto'];
type Level = Input['issuingLevel'];

const STARS = [3, 4, 5] as const;
const DOCUMENT_TYPES = 'application/pdf,image/jpeg,image/png';

/** Under Decision 148/QĐ-TTg the province recognises 3 and 4 stars, only the central level 5 stars. */
const levelFor = (stars: number): Level => (stars === 5 ? 'central' : 'provincial');

interface Values {
  stars: string;
  certificateNumber: string;
  issuingLevel: Level;
  issuingAuthority: string;
  issuedOn: string;
  expiresOn: string;
}

function valuesOf(certificate: Certificate | undefined): Values {
  return {
    stars: certificate ? String(certificate.stars) : '',
    certificateNumber: certificate?.certificateNumber ?? '',
    issuingLevel: certificate?.issuingLevel ?? 'provincial',
    issuingAuthority: certificate?.issuingAuthority ?? '',
    issuedOn: certificate?.issuedOn ?? '',
    expiresOn: certificate?.expiresOn ?? '',
  };
}

/**
 * The product's OCOP rating: the seller declares the decision and attaches its scan; an officer
 * verifies it before any star shows on the storefront. A rejected submission is corrected in place.
 */
export function OcopSection({ product, onChanged }: { product: Product; onChanged: () => void }) {
  const { t, language } = useI18n();
  const open = product.ocopCertificates.find(
    (certificate) => certificate.status === 'pending' || certificate.status === 'rejected',
  );
  const verified = product.ocopCertificates.find((certificate) => certificate.status === 'verified');
  const [editing, setEditing] = useState(false);
  const showForm = editing || !verified || open !== undefined;

  return (
    <>
      <p className="muted">{t('ocop.intro')}</p>
      {product.ocopCertificates.length > 0 ? (
        <ul className="certificate-list" data-testid="ocop-certificates">
          {product.ocopCertificates.map((certificate) => (
            <li key={certificate.id} className="certificate">
              <div className="certificate-head">
                <span className="stars" aria-label={t('ocop.starsLabel', { stars: certificate.stars })}>
                  {'★'.repeat(certificate.stars)}
                </span>
                <StatusBadge tone={OCOP_TONES[certificate.status]} testId="ocop-status">
                  {t(`ocopStatus.${certificate.status}`)}
                </StatusBadge>
                {certificate.expired ? <span className="status-badge status-danger">{t('ocop.expired')}</span> : null}
              </div>
              <p>
                {certificate.certificateNumber} · {t(`ocopLevel.${certificate.issuingLevel}`)}
                {certificate.issuingAuthority ? ` · ${certificate.issuingAuthority}` : ''}
              </p>
              <p className="muted small">
                {t('ocop.validity', {
                  from: formatCalendarDate(language, certificate.issuedOn),
                  to: formatCalendarDate(language, certificate.expiresOn),
                })}
                {' · '}
                {certificate.hasDocument ? t('ocop.hasDocument') : t('ocop.noDocument')}
                {certificate.reviewedAt
                  ? ` · ${t('ocop.reviewedAt', { time: formatDateTime(language, certificate.reviewedAt) })}`
                  : ''}
              </p>
              {certificate.status === 'rejected' && certificate.rejectionReason ? (
                <p className="notice notice-danger" data-testid="ocop-rejection">
                  <span className="panel-title">{t('ocop.rejectionReason')}: </span>
                  {certificate.rejectionReason}
                </p>
              ) : null}
              {certificate.status === 'pending' && !certificate.hasDocument ? (
                <p className="notice">{t('ocop.documentNeeded')}</p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('ocop.none')}</p>
      )}

      {showForm ? (
        <OcopForm
          key={open?.id ?? 'new'}
          product={product}
          open={open}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      ) : (
        <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
          {t('ocop.renew')}
        </button>
      )}
      {open ? <OcopDocumentForm product={product} certificate={open} onSaved={onChanged} /> : null}
    </>
  );
}

function OcopForm({
  product,
  open,
  onSaved,
}: {
  product: Product;
  open: Certificate | undefined;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState(() => valuesOf(open));
  const { attachForm, ...errors } = useFormErrors('ocop');
  const save = useMutation({
    mutationFn: (body: Input) =>
      unwrap(api.PUT('/api/seller/products/{id}/ocop-certificate', { params: { path: { id: product.id } }, body })),
    onSuccess: onSaved,
    onError: errors.report,
  });
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    errors.clear(key);
  };
  const error = (name: keyof Values) => (errors.fields[name] ? t(errors.fields[name]) : undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    errors.reset();
    const problems: FieldMessages = {};
    if (!values.stars) problems.stars = 'ocopForm.required.stars';
    if (!values.certificateNumber.trim()) problems.certificateNumber = 'ocopForm.required.certificateNumber';
    if (!values.issuedOn) problems.issuedOn = 'ocopForm.required.issuedOn';
    if (!values.expiresOn) problems.expiresOn = 'ocopForm.required.expiresOn';
    if (!errors.reportLocal(problems)) return;
    save.mutate({
      stars: Number(values.stars) as Input['stars'],
      certificateNumber: values.certificateNumber.trim(),
      issuingLevel: values.issuingLevel,
      ...(values.issuingAuthority.trim() ? { issuingAuthority: values.issuingAuthority.trim() } : {}),
      issuedOn: values.issuedOn,
      expiresOn: values.expiresOn,
    });
  };

  return (
    <form
      ref={attachForm}
      className="form"
      noValidate
      onSubmit={submit}
      aria-busy={save.isPending}
      data-testid="ocop-form"
    >
      <h3>{open ? t('ocopForm.correctTitle') : t('ocopForm.title')}</h3>
      <FormError failure={errors.failure} title={t('ocopForm.failed')} />
      <div className="form-grid">
        <Field label={t('ocopForm.stars')} error={error('stars')}>
          {(control) => (
            <select
              {...control}
              name="stars"
              value={values.stars}
              onChange={(event) => {
                set('stars', event.target.value);
                if (event.target.value) set('issuingLevel', levelFor(Number(event.target.value)));
              }}
            >
              <option value="">{t('ocopForm.chooseStars')}</option>
              {STARS.map((stars) => (
                <option key={stars} value={stars}>
                  {t('ocop.starsLabel', { stars })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('ocopForm.level')} hint={t('ocopForm.levelHint')} error={error('issuingLevel')}>
          {(control) => (
            <select
              {...control}
              name="issuingLevel"
              value={values.issuingLevel}
              onChange={(event) => set('issuingLevel', event.target.value as Level)}
            >
              <option value="provincial">{t('ocopLevel.provincial')}</option>
              <option value="central">{t('ocopLevel.central')}</option>
            </select>
          )}
        </Field>
      </div>
      <div className="form-grid">
        <Field label={t('ocopForm.number')} hint={t('ocopForm.numberHint')} error={error('certificateNumber')}>
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
        <Field
          label={t('ocopForm.authority')}
          hint={t('ocopForm.authorityHint')}
          optional={t('common.optional')}
          error={error('issuingAuthority')}
        >
          {(control) => (
            <input
              {...control}
              name="issuingAuthority"
              value={values.issuingAuthority}
              onChange={(event) => set('issuingAuthority', event.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="form-grid">
        <Field label={t('ocopForm.issuedOn')} error={error('issuedOn')}>
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
        <Field label={t('ocopForm.expiresOn')} hint={t('ocopForm.expiresHint')} error={error('expiresOn')}>
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
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? <span className="spinner" aria-hidden="true" /> : null}
          {save.isPending ? t('common.saving') : open ? t('ocopForm.resubmit') : t('ocopForm.submit')}
        </button>
      </div>
    </form>
  );
}

function OcopDocumentForm({
  product,
  certificate,
  onSaved,
}: {
  product: Product;
  certificate: Certificate;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const { attachForm, ...errors } = useFormErrors('ocopDocument');
  const upload = useMutation({
    mutationFn: (document: File) =>
      unwrap(
        api.POST('/api/seller/products/{id}/ocop-certificate/document', {
          params: { path: { id: product.id } },
          ...multipartBody({ file: document }),
        }),
      ),
    onSuccess: () => {
      setFile(null);
      if (input.current) input.current.value = '';
      onSaved();
    },
    onError: errors.report,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    errors.reset();
    if (!errors.reportLocal(file ? {} : { file: 'ocopDocument.chooseFile' })) return;
    if (file) upload.mutate(file);
  };
  return (
    <form
      ref={attachForm}
      className="form upload-form"
      noValidate
      onSubmit={submit}
      aria-busy={upload.isPending}
      data-testid="ocop-document-form"
    >
      <h3>{certificate.hasDocument ? t('ocopDocument.replaceTitle') : t('ocopDocument.title')}</h3>
      <FormError failure={errors.failure} title={t('ocopDocument.failed')} />
      <Field
        label={t('ocopDocument.file')}
        hint={t('ocopDocument.hint')}
        error={errors.fields.file ? t(errors.fields.file) : undefined}
      >
        {(control) => (
          <input
            {...control}
            ref={input}
            name="file"
            type="file"
            accept={DOCUMENT_TYPES}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              errors.clear('file');
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={upload.isPending}>
          {upload.isPending ? <span className="spinner" aria-hidden="true" /> : null}
          {upload.isPending ? t('ocopDocument.uploading') : t('ocopDocument.upload')}
        </button>
        {upload.isSuccess ? (
          <p className="notice notice-success inline-notice" role="status">
            {t('ocopDocument.uploaded')}
          </p>
        ) : null}
      </div>
    </form>
  );
}
