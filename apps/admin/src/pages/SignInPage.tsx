import { type FormEvent, useId, useRef, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { session } from '../auth/session';
import { useAuth } from '../auth/useAuth';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Logo } from '../components/Logo';
import { PageStatus } from '../components/PageStatus';
import { errorMessageKey, fieldErrors } from '../errors';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';
import type { PlainMessageKey } from '../i18n/translator';
import { useAppName } from '../useAppName';

type Field = 'login' | 'password';
type FieldMessages = Partial<Record<Field, PlainMessageKey>>;

function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  // Only paths inside this app: an absolute URL here would be an open redirect.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

export function SignInPage() {
  const { t } = useI18n();
  const state = useAuth();
  const location = useLocation();
  const appName = useAppName();
  useDocumentTitle(t('signIn.metaTitle', { name: appName }));

  if (state.status === 'signedIn') return <Navigate to={returnPath(location.state)} replace />;

  const reason = state.status === 'signedOut' ? state.reason : undefined;
  return (
    <div className="auth-page">
      <header className="container auth-header">
        <span className="brand">
          <Logo />
          <span className="brand-name">{appName}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" className="container auth-main">
        {state.status === 'restoring' ? (
          <PageStatus>{t('session.restoring')}</PageStatus>
        ) : (
          <section className="card auth-card" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">{t('signIn.title')}</h1>
            <p className="muted">{t('signIn.intro')}</p>
            {reason === 'expired' ? (
              <p className="notice" role="status">
                {t('signIn.expired')}
              </p>
            ) : reason === 'signedOut' ? (
              <p className="notice notice-success" role="status">
                {t('signIn.signedOut')}
              </p>
            ) : null}
            <SignInForm />
          </section>
        )}
        <p className="auth-footer">
          <a href="/">{t('signIn.backToStore')}</a>
        </p>
      </main>
    </div>
  );
}

function SignInForm() {
  const { t } = useI18n();
  const ids = { login: useId(), password: useId(), hint: useId(), error: useId() };
  const loginInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [fields, setFields] = useState<FieldMessages>({});
  const [failure, setFailure] = useState<unknown>(null);

  const focusFirstInvalid = (invalid: FieldMessages) => {
    if (invalid.login) loginInput.current?.focus();
    else if (invalid.password) passwordInput.current?.focus();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const missing: FieldMessages = {};
    if (!login.trim()) missing.login = 'signIn.loginRequired';
    if (!password) missing.password = 'signIn.passwordRequired';
    setFailure(null);
    setFields(missing);
    if (missing.login || missing.password) {
      focusFirstInvalid(missing);
      return;
    }

    setSubmitting(true);
    try {
      // Success changes the session, and the page then leaves for the workspace.
      await session.signIn(login.trim(), password);
    } catch (error) {
      const invalid = fieldErrors(error);
      const known: FieldMessages = { login: invalid.login, password: invalid.password };
      setFields(known);
      setFailure(error);
      setSubmitting(false);
      focusFirstInvalid(known);
    }
  };

  const describedBy = (field: Field, ...others: string[]) =>
    [...others, fields[field] ? `${ids[field]}-error` : null].filter(Boolean).join(' ') || undefined;

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-busy={submitting}>
      {failure ? (
        <div className="form-error" role="alert" id={ids.error}>
          <p className="panel-title">{t('signIn.failed')}</p>
          <p>{t(errorMessageKey(failure))}</p>
        </div>
      ) : null}

      <div className="field">
        <label htmlFor={ids.login}>{t('signIn.login')}</label>
        <input
          ref={loginInput}
          id={ids.login}
          name="login"
          type="text"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={login}
          aria-invalid={fields.login ? true : undefined}
          aria-describedby={describedBy('login', ids.hint)}
          onChange={(event) => {
            setLogin(event.target.value);
            if (fields.login) setFields((current) => ({ ...current, login: undefined }));
          }}
        />
        <p id={ids.hint} className="hint">
          {t('signIn.loginHint')}
        </p>
        {fields.login ? (
          <p id={`${ids.login}-error`} className="field-error">
            {t(fields.login)}
          </p>
        ) : null}
      </div>

      <div className="field">
        <label htmlFor={ids.password}>{t('signIn.password')}</label>
        <div className="password-row">
          <input
            ref={passwordInput}
            id={ids.password}
            name="password"
            type={showPassword ? 'text' : 'password'}
            autoComplete="current-password"
            value={password}
            aria-invalid={fields.password ? true : undefined}
            aria-describedby={describedBy('password')}
            onChange={(event) => {
              setPassword(event.target.value);
              if (fields.password) setFields((current) => ({ ...current, password: undefined }));
            }}
          />
          <button
            type="button"
            className="button button-secondary button-small"
            aria-controls={ids.password}
            onClick={() => setShowPassword((shown) => !shown)}
          >
            {showPassword ? t('signIn.hidePassword') : t('signIn.showPassword')}
          </button>
        </div>
        {fields.password ? (
          <p id={`${ids.password}-error`} className="field-error">
            {t(fields.password)}
          </p>
        ) : null}
      </div>

      <button type="submit" className="button button-block" disabled={submitting}>
        {submitting ? <span className="spinner" aria-hidden="true" /> : null}
        {submitting ? t('signIn.submitting') : t('signIn.submit')}
      </button>
    </form>
  );
}
