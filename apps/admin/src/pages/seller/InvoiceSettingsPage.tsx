import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { fileToBase64 } from '../../api/files';
import { api } from '../../api/client';
import { type InvoiceSettings, type InvoiceSettingsInput, settingsBody } from '../../api/invoice-types';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorPanel } from '../../components/ErrorPanel';
import { CheckboxField, Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { formatDateTime } from '../../format';
import { type FieldMessages, useFormErrors } from '../../forms';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { sellerKeys } from '../../queries';

type Settings = InvoiceSettings;
type Input = InvoiceSettingsInput;
type Provider = Input['provider'];
type Trigger = Input['issueTrigger'];
const PROVIDERS: readonly Provider[] = ['builtin', 'viettel', 'vnpt'];
const TRIGGERS: readonly Trigger[] = ['on_payment', 'on_delivery'];
/** The account fields each provider's web service asks for; the built-in one needs none. */
const CREDENTIAL_FIELDS: Record<Provider, readonly CredentialField[]> = {
  builtin: [],
  viettel: ['username', 'password'],
  vnpt: ['account', 'accountPassword', 'username', 'password'],
};
type CredentialField = 'username' | 'password' | 'account' | 'accountPassword';
const SECRET: Record<CredentialField, boolean> = {
  username: false,
  password: true,
  account: false,
  accountPassword: true,
};

export function InvoiceSettingsPage() {
  const { t } = useI18n();
  const account = useAccount();
  useDocumentTitle(t('invoiceSettings.metaTitle'));
  const settings = useQuery({
    queryKey: sellerKeys.invoiceSettings(account.id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/seller/invoice-settings', { signal })) as Promise<Settings>,
  });
  return (
    <>
      <PageHead title={t('invoiceSettings.title')} intro={t('invoiceSettings.intro')} />
      {settings.isPending ? (
        <PageStatus>{t('common.loading')}</PageStatus>
      ) : settings.isError ? (
        <ErrorPanel title={t('invoiceSettings.error')} error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          {settings.data.configured ? null : <p className="notice">{t('invoiceSettings.notConfigured')}</p>}
          <section className="card form-card" aria-labelledby="provider-title">
            <h2 id="provider-title">{t('invoiceSettings.provider')}</h2>
            <SettingsForm key={settings.data.updatedAt ?? 'new'} settings={settings.data} />
          </section>
          <section className="card form-card" aria-labelledby="certificate-title">
            <h2 id="certificate-title">{t('invoiceSettings.certificate')}</h2>
            <CertificateSection settings={settings.data} />
          </section>
        </>
      )}
    </>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const [provider, setProvider] = useState<Provider>(settings.provider ?? 'builtin');
  const [symbol, setSymbol] = useState(settings.displaySymbol ?? '');
  const [trigger, setTrigger] = useState<Trigger>(settings.issueTrigger);
  const [baseUrl, setBaseUrl] = useState(settings.providerBaseUrl ?? '');
  const [templateCode, setTemplateCode] = useState(settings.providerTemplateCode ?? '');
  const [credentials, setCredentials] = useState<Partial<Record<CredentialField, string>>>({});
  const [forget, setForget] = useState(false);
  const { attachForm, ...errors } = useFormErrors('invoiceSettings');
  const save = useMutation({
    mutationFn: (body: Input) =>
      unwrap(api.PUT('/api/seller/invoice-settings', { body: settingsBody(body) })) as Promise<Settings>,
    onSuccess: (saved) => client.setQueryData(sellerKeys.invoiceSettings(account.id), saved),
    onError: errors.report,
  });
  const error = (name: string) => (errors.fields[name] ? t(errors.fields[name]) : undefined);
  const fields = CREDENTIAL_FIELDS[provider];
  const external = provider !== 'builtin';
  // The stored account belongs to the saved provider; another one starts without it.
  const hasStored = settings.hasCredentials && settings.provider === provider;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    errors.reset();
    const problems: FieldMessages = {};
    if (!symbol.trim()) problems.symbol = 'invoiceSettings.symbolRequired';
    const typed = fields.filter((field) => credentials[field]);
    // Credentials are replaced as a whole: either every field is typed, or none (keep the stored ones).
    if (!forget && (typed.length > 0 || (external && !hasStored))) {
      for (const field of fields)
        if (!credentials[field]) problems[`credentials.${field}`] = 'invoiceSettings.credentialRequired';
    }
    if (!errors.reportLocal(problems)) return;
    save.mutate({
      provider,
      symbol: symbol.trim().toUpperCase(),
      issueTrigger: trigger,
      ...(external
        ? { providerBaseUrl: baseUrl.trim() || null, providerTemplateCode: templateCode.trim() || null }
        : {}),
      ...(forget
        ? { credentials: null }
        : typed.length > 0
          ? { credentials: credentials as Record<string, string> }
          : {}),
    });
  };

  return (
    <form
      ref={attachForm}
      className="form"
      noValidate
      onSubmit={submit}
      aria-busy={save.isPending}
      data-testid="invoice-settings-form"
    >
      <FormError failure={errors.failure} title={t('invoiceSettings.failed')} />
      <Field
        label={t('invoiceSettings.providerLabel')}
        hint={t(`invoiceSettings.providerHint.${provider}`)}
        error={error('provider')}
      >
        {(control) => (
          <select
            {...control}
            name="provider"
            value={provider}
            onChange={(event) => {
              setProvider(event.target.value as Provider);
              setCredentials({});
              errors.reset();
            }}
          >
            {PROVIDERS.map((value) => (
              <option key={value} value={value}>
                {t(`invoiceProvider.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-grid">
        <Field
          label={t('invoiceSettings.symbol')}
          hint={t('invoiceSettings.symbolHint')}
          error={error('symbol') ?? error('formNumber')}
        >
          {(control) => (
            <input
              {...control}
              name="symbol"
              autoComplete="off"
              maxLength={7}
              value={symbol}
              onChange={(event) => {
                setSymbol(event.target.value);
                errors.clear('symbol', 'formNumber');
              }}
            />
          )}
        </Field>
        <Field label={t('invoiceSettings.trigger')} error={error('issueTrigger')}>
          {(control) => (
            <select
              {...control}
              name="issueTrigger"
              value={trigger}
              onChange={(event) => setTrigger(event.target.value as Trigger)}
            >
              {TRIGGERS.map((value) => (
                <option key={value} value={value}>
                  {t(`invoiceTrigger.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {external ? (
        <fieldset className="form-section">
          <legend>{t('invoiceSettings.account', { provider: t(`invoiceProvider.${provider}`) })}</legend>
          <div className="form-grid">
            <Field
              label={t('invoiceSettings.baseUrl')}
              hint={t('invoiceSettings.baseUrlHint')}
              optional={provider === 'vnpt' ? undefined : t('common.optional')}
              error={error('providerBaseUrl')}
            >
              {(control) => (
                <input
                  {...control}
                  name="providerBaseUrl"
                  type="url"
                  inputMode="url"
                  value={baseUrl}
                  onChange={(event) => {
                    setBaseUrl(event.target.value);
                    errors.clear('providerBaseUrl');
                  }}
                />
              )}
            </Field>
            <Field
              label={t('invoiceSettings.templateCode')}
              hint={t('invoiceSettings.templateHint')}
              optional={t('common.optional')}
              error={error('providerTemplateCode')}
            >
              {(control) => (
                <input
                  {...control}
                  name="providerTemplateCode"
                  value={templateCode}
                  onChange={(event) => {
                    setTemplateCode(event.target.value);
                    errors.clear('providerTemplateCode');
                  }}
                />
              )}
            </Field>
          </div>
          <p className="hint">
            {hasStored ? t('invoiceSettings.credentialsStored') : t('invoiceSettings.credentialsMissing')}
          </p>
          {error('credentials') ? <p className="field-error">{error('credentials')}</p> : null}
          <div className="form-grid">
            {fields.map((field) => (
              <Field key={field} label={t(`invoiceCredential.${field}`)} error={error(`credentials.${field}`)}>
                {(control) => (
                  <input
                    {...control}
                    name={`credentials.${field}`}
                    type={SECRET[field] ? 'password' : 'text'}
                    autoComplete={SECRET[field] ? 'new-password' : 'off'}
                    disabled={forget}
                    value={credentials[field] ?? ''}
                    onChange={(event) => {
                      setCredentials((current) => ({ ...current, [field]: event.target.value }));
                      errors.clear(`credentials.${field}`);
                    }}
                  />
                )}
              </Field>
            ))}
          </div>
          {hasStored ? (
            <CheckboxField
              label={t('invoiceSettings.forget')}
              hint={t('invoiceSettings.forgetHint')}
              checked={forget}
              onChange={setForget}
            />
          ) : null}
        </fieldset>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('invoiceSettings.save')}
        </button>
        {save.isSuccess ? (
          <p className="notice notice-success inline-notice" role="status">
            {t('invoiceSettings.saved')}
          </p>
        ) : null}
      </div>
    </form>
  );
}

function CertificateSection({ settings }: { settings: Settings }) {
  const { t, language } = useI18n();
  const account = useAccount();
  const client = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [removing, setRemoving] = useState(false);
  const { attachForm, ...errors } = useFormErrors('certificate');
  const update = (saved: Settings) => client.setQueryData(sellerKeys.invoiceSettings(account.id), saved);
  const upload = useMutation({
    mutationFn: async (input: { file: File; password: string }) =>
      unwrap(
        api.PUT('/api/seller/invoice-settings/certificate', {
          body: { pkcs12Base64: await fileToBase64(input.file), password: input.password },
        }),
      ) as Promise<Settings>,
    onSuccess: (saved) => {
      setFile(null);
      setPassword('');
      if (fileInput.current) fileInput.current.value = '';
      update(saved);
    },
    onError: errors.report,
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/seller/invoice-settings/certificate')) as Promise<Settings>,
    onSuccess: (saved) => {
      setRemoving(false);
      update(saved);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (upload.isPending) return;
    errors.reset();
    if (!errors.reportLocal(file ? {} : { pkcs12Base64: 'invoiceSettings.chooseCertificate' })) return;
    if (file) upload.mutate({ file, password });
  };
  const certificate = settings.certificate;

  return (
    <>
      <p className="muted">{t('invoiceSettings.certificateIntro')}</p>
      {certificate ? (
        <dl className="facts" data-testid="certificate">
          <div>
            <dt>{t('invoiceSettings.subject')}</dt>
            <dd>{certificate.subject}</dd>
          </div>
          <div>
            <dt>{t('invoiceSettings.serial')}</dt>
            <dd>{certificate.serialNumber}</dd>
          </div>
          <div>
            <dt>{t('invoiceSettings.validFrom')}</dt>
            <dd>{formatDateTime(language, certificate.validFrom)}</dd>
          </div>
          <div>
            <dt>{t('invoiceSettings.validTo')}</dt>
            <dd>{formatDateTime(language, certificate.validTo)}</dd>
          </div>
        </dl>
      ) : (
        <p className="notice">{t('invoiceSettings.noCertificate')}</p>
      )}
      <form ref={attachForm} className="form upload-form" noValidate onSubmit={submit} aria-busy={upload.isPending}>
        <FormError failure={errors.failure} title={t('invoiceSettings.certificateFailed')} />
        <div className="form-grid">
          <Field
            label={t('invoiceSettings.certificateFile')}
            hint={t('invoiceSettings.certificateFileHint')}
            error={errors.fields.pkcs12Base64 ? t(errors.fields.pkcs12Base64) : undefined}
          >
            {(control) => (
              <input
                {...control}
                ref={fileInput}
                name="pkcs12Base64"
                type="file"
                accept=".p12,.pfx,application/x-pkcs12"
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                  errors.clear('pkcs12Base64');
                }}
              />
            )}
          </Field>
          <Field
            label={t('invoiceSettings.certificatePassword')}
            error={errors.fields.password ? t(errors.fields.password) : undefined}
          >
            {(control) => (
              <input
                {...control}
                name="certificatePassword"
                type="password"
                autoComplete="off"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-secondary" disabled={upload.isPending}>
            {upload.isPending
              ? t('common.saving')
              : certificate
                ? t('invoiceSettings.replaceCertificate')
                : t('invoiceSettings.uploadCertificate')}
          </button>
          {certificate ? (
            <button type="button" className="button button-danger-outline" onClick={() => setRemoving(true)}>
              {t('invoiceSettings.removeCertificate')}
            </button>
          ) : null}
        </div>
      </form>
      <ConfirmDialog
        open={removing}
        title={t('invoiceSettings.removeTitle')}
        confirmLabel={t('invoiceSettings.removeCertificate')}
        busy={remove.isPending}
        failure={remove.error}
        onConfirm={() => remove.mutate()}
        onCancel={() => setRemoving(false)}
      >
        <p>{t('invoiceSettings.removeBody')}</p>
      </ConfirmDialog>
    </>
  );
}
