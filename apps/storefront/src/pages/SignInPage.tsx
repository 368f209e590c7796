import { type FormEvent, type InputHTMLAttributes, useId, useRef, useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { ApiRequestError } from '../api/request';
import { session } from '../auth/session';
import { useAuth } from '../auth/useAuth';
import { PageStatus } from '../components/PageStatus';
import { errorMessageKey } from '../errors';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';
import type { PlainMessageKey } from '../i18n/translator';

type Mode = 'signIn' | 'signUp';
type Field = 'fullName' | 'login' | 'email' | 'phone' | 'password';
type FieldMessages = Partial<Record<Field, PlainMessageKey>>;

const FIELD_ORDER: Field[] = ['fullName', 'login', 'email', 'phone', 'password'];
const PHONE = /^(?:\+?84|0)[35789]\d{8}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PASSWORD_MIN_LENGTH = 10;

function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  // Only paths inside this app: an absolute URL here would be an open redirect.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/tai-khoan/don-hang';
}

/** Buyers sign in (or open an account) to find their orders on any device; the guest cart comes along. */
export default function SignInPage({ mode }: { mode: Mode }) {
  const { t } = useI18n();
  const state = useAuth();
  const location = useLocation();
  useDocumentTitle(t(mode === 'signIn' ? 'signIn.title' : 'signUp.title'));

  if (state.status === 'signedIn') return <Navigate to={returnPath(location.state)} replace />;
  if (state.status === 'restoring') return <PageStatus>{t('account.restoring')}</PageStatus>;

  const reason = state.status === 'signedOut' ? state.reason : undefined;
  return (
    <section className="section auth-card" aria-labelledby="auth-title">
      <h1 id="auth-title">{t(mode === 'signIn' ? 'signIn.title' : 'signUp.title')}</h1>
      <p className="muted">{t(mode === 'signIn' ? 'signIn.intro' : 'signUp.intro')}</p>
      {reason === 'expired' ? (
        <p className="notice" role="status">
          {t('error.invalid_token')}
        </p>
      ) : null}
      {/* Keyed: switching between the two forms starts each one empty. */}
      <AuthForm key={mode} mode={mode} />
      <p className="auth-switch">
        {mode === 'signIn' ? t('signIn.noAccount') : t('signUp.haveAccount')}{' '}
        <Link to={mode === 'signIn' ? '/dang-ky' : '/dang-nhap'} state={location.state} replace>
          {mode === 'signIn' ? t('signUp.title') : t('signIn.title')}
        </Link>
      </p>
    </section>
  );
}

function AuthForm({ mode }: { mode: Mode }) {
  const { t } = useI18n();
  const ids = { error: useId(), base: useId() };
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<Field, string>>({
    fullName: '',
    login: '',
    email: '',
    phone: '',
    password: '',
  });
  const [showPassword, setShowPassword] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [fields, setFields] = useState<FieldMessages>({});
  const [failure, setFailure] = useState<unknown>(null);

  const focusFirst = (invalid: FieldMessages) => {
    const first = FIELD_ORDER.find((field) => invalid[field]);
    if (first) form.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
  };

  const validate = (): FieldMessages => {
    const found: FieldMessages = {};
    if (mode === 'signIn') {
      if (!values.login.trim()) found.login = 'signIn.loginRequired';
      if (!values.password) found.password = 'signIn.passwordRequired';
      return found;
    }
    if (values.fullName.trim().length < 2) found.fullName = 'signUp.nameRequired';
    const email = values.email.trim();
    const phone = values.phone.replace(/[\s.-]/g, '');
    if (!email && !phone) found.email = 'signUp.contactRequired';
    if (email && !EMAIL.test(email)) found.email = 'checkout.invalid.email';
    if (phone && !PHONE.test(phone)) found.phone = 'signUp.phoneInvalid';
    if (
      [...values.password].length < PASSWORD_MIN_LENGTH ||
      !/\p{L}/u.test(values.password) ||
      !/\p{Nd}/u.test(values.password)
    ) {
      found.password = 'signUp.passwordRule';
    }
    return found;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const invalid = validate();
    setFailure(null);
    setFields(invalid);
    if (Object.values(invalid).some(Boolean)) {
      focusFirst(invalid);
      return;
    }
    setSubmitting(true);
    try {
      // Success changes the session; the page then leaves for where the buyer came from.
      if (mode === 'signIn') await session.signIn(values.login.trim(), values.password);
      else {
        await session.signUp({
          fullName: values.fullName.trim(),
          email: values.email.trim() || undefined,
          phone: values.phone.replace(/[\s.-]/g, '') || undefined,
          password: values.password,
        });
      }
    } catch (error) {
      const known: FieldMessages = {};
      if (error instanceof ApiRequestError && error.code === 'validation_failed') {
        for (const field of error.fields) {
          if (field.field === 'password') known.password = 'signUp.passwordRule';
          else if (field.field === 'phone') known.phone = 'signUp.phoneInvalid';
          else if (field.field === 'email') known.email = 'checkout.invalid.email';
          else if (field.field === 'fullName') known.fullName = 'signUp.nameRequired';
          else if (field.field === 'login') known.login = 'signIn.loginRequired';
        }
      }
      setFields(known);
      setFailure(error);
      setSubmitting(false);
      focusFirst(known);
    }
  };

  const input = (
    field: Field,
    label: string,
    props: InputHTMLAttributes<HTMLInputElement> & { hint?: string; optional?: boolean },
  ) => {
    const { hint, optional, ...rest } = props;
    const id = `${ids.base}-${field}`;
    const describedBy = [hint ? `${id}-hint` : null, fields[field] ? `${id}-error` : null].filter(Boolean).join(' ');
    return (
      <div className="field">
        <label htmlFor={id}>
          {label}
          {optional ? <span className="optional"> {t('checkout.optional')}</span> : null}
        </label>
        <input
          id={id}
          name={field}
          value={values[field]}
          aria-invalid={fields[field] ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => {
            const value = event.target.value;
            setValues((current) => ({ ...current, [field]: value }));
            if (fields[field]) setFields((current) => ({ ...current, [field]: undefined }));
          }}
          {...rest}
        />
        {hint ? (
          <p id={`${id}-hint`} className="hint">
            {hint}
          </p>
        ) : null}
        {fields[field] ? (
          <p id={`${id}-error`} className="field-error">
            {t(fields[field])}
          </p>
        ) : null}
      </div>
    );
  };

  const passwordField = (
    <div className="field">
      <label htmlFor={`${ids.base}-password`}>{t('signIn.password')}</label>
      <div className="password-row">
        <input
          id={`${ids.base}-password`}
          name="password"
          type={showPassword ? 'text' : 'password'}
          autoComplete={mode === 'signIn' ? 'current-password' : 'new-password'}
          value={values.password}
          aria-invalid={fields.password ? true : undefined}
          aria-describedby={
            [
              mode === 'signUp' ? `${ids.base}-password-hint` : null,
              fields.password ? `${ids.base}-password-error` : null,
            ]
              .filter(Boolean)
              .join(' ') || undefined
          }
          onChange={(event) => {
            const value = event.target.value;
            setValues((current) => ({ ...current, password: value }));
            if (fields.password) setFields((current) => ({ ...current, password: undefined }));
          }}
        />
        <button
          type="button"
          className="button button-secondary button-small"
          aria-controls={`${ids.base}-password`}
          onClick={() => setShowPassword((shown) => !shown)}
        >
          {showPassword ? t('signIn.hidePassword') : t('signIn.showPassword')}
        </button>
      </div>
      {mode === 'signUp' ? (
        <p id={`${ids.base}-password-hint`} className="hint">
          {t('signUp.passwordRule')}
        </p>
      ) : null}
      {fields.password ? (
        <p id={`${ids.base}-password-error`} className="field-error">
          {t(fields.password)}
        </p>
      ) : null}
    </div>
  );

  return (
    <form ref={form} className="form" noValidate onSubmit={(event) => void submit(event)} aria-busy={submitting}>
      {failure ? (
        <div className="form-error" role="alert" id={ids.error}>
          <p className="panel-title">{t(mode === 'signIn' ? 'signIn.failed' : 'signUp.failed')}</p>
          <p>{t(errorMessageKey(failure))}</p>
        </div>
      ) : null}
      {mode === 'signIn' ? (
        input('login', t('signIn.login'), {
          type: 'text',
          inputMode: 'email',
          autoComplete: 'username',
          autoCapitalize: 'none',
          spellCheck: false,
          hint: t('signIn.loginHint'),
        })
      ) : (
        <>
          {input('fullName', t('signUp.fullName'), { type: 'text', autoComplete: 'name', maxLength: 120 })}
          {input('email', t('checkout.email'), {
            type: 'email',
            inputMode: 'email',
            autoComplete: 'email',
            autoCapitalize: 'none',
            optional: true,
          })}
          {input('phone', t('checkout.phone'), {
            type: 'tel',
            inputMode: 'tel',
            autoComplete: 'tel',
            optional: true,
            hint: t('signUp.contactHint'),
          })}
        </>
      )}
      {passwordField}
      <button type="submit" className="button button-block" disabled={submitting}>
        {submitting ? <span className="spinner" aria-hidden="true" /> : null}
        {mode === 'signIn'
          ? submitting
            ? t('signIn.submitting')
            : t('signIn.submit')
          : submitting
            ? t('signUp.submitting')
            : t('signUp.submit')}
      </button>
      {mode === 'signIn' ? <p className="hint">{t('signIn.cartMerged')}</p> : null}
    </form>
  );
}
