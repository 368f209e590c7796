import type { Role } from '@ocop/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';
import { useAccount } from './useAuth';

/** The API refuses these calls anyway; this explains it instead of showing a failed request. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useI18n();
  const account = useAccount();
  if (roles.includes(account.role)) return children;
  return (
    <section className="panel" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
      <Link to="/" className="button">
        {t('forbidden.home')}
      </Link>
    </section>
  );
}
