import type { Role } from '@ocop/shared';
import { Suspense, useState } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { session } from '../auth/session';
import { useAccount } from '../auth/useAuth';
import { useI18n } from '../i18n/I18nProvider';
import type { PlainMessageKey } from '../i18n/translator';
import { useAppName } from '../useAppName';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';
import { PageStatus } from './PageStatus';

const NAVIGATION: Record<Role, { to: string; label: PlainMessageKey }[]> = {
  buyer: [],
  seller_member: [
    { to: '/dashboard', label: 'nav.dashboard' },
    { to: '/products', label: 'nav.products' },
    { to: '/batches', label: 'nav.batches' },
    { to: '/orders', label: 'nav.orders' },
    { to: '/invoices', label: 'nav.invoices' },
    { to: '/my-organisation', label: 'nav.myOrganisation' },
    { to: '/members', label: 'nav.members' },
    { to: '/settings', label: 'nav.settings' },
  ],
  province_officer: [
    { to: '/organisations', label: 'nav.organisations' },
    { to: '/ocop-certificates', label: 'nav.ocop' },
    { to: '/kpi', label: 'nav.kpi' },
    { to: '/plans', label: 'nav.plans' },
    { to: '/external-figures', label: 'nav.figures' },
    { to: '/training', label: 'nav.training' },
    { to: '/complaints', label: 'nav.complaints' },
    { to: '/reports', label: 'nav.reports' },
  ],
  platform_admin: [
    { to: '/accounts', label: 'nav.accounts' },
    { to: '/payments', label: 'nav.payments' },
    { to: '/organisations', label: 'nav.organisations' },
  ],
};

export function Layout() {
  const { t } = useI18n();
  const account = useAccount();
  const appName = useAppName();
  const [signingOut, setSigningOut] = useState(false);
  const links = NAVIGATION[account.role];

  const signOut = () => {
    setSigningOut(true);
    // The signed-out state makes <RequireAuth> leave for the sign-in page.
    void session.signOut();
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="container header-top">
          <Link to="/" className="brand">
            <Logo />
            <span className="brand-name">{appName}</span>
          </Link>
          <LanguageSwitch />
        </div>
        <div className="header-band">
          <div className="container header-bottom">
            {links.length > 0 ? (
              <nav aria-label={t('nav.label')} className="main-nav">
                <ul>
                  {links.map((link) => (
                    <li key={link.to}>
                      <NavLink to={link.to}>{t(link.label)}</NavLink>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : (
              <span />
            )}
            <div className="account-bar">
              <p className="account" data-testid="account">
                <span className="visually-hidden">{t('layout.signedInAs')}: </span>
                <span className="account-name">{account.fullName}</span>
                <span className="account-role">{t(`role.${account.role}`)}</span>
              </p>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={signOut}
                disabled={signingOut}
              >
                {signingOut ? t('layout.signingOut') : t('layout.signOut')}
              </button>
            </div>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container main">
        {/* Each workspace's pages arrive as a chunk of their own the first time one is opened. */}
        <Suspense fallback={<PageStatus>{t('common.loading')}</PageStatus>}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="container footer-inner">
          {/* The storefront is a separate build at the site root, outside this router. */}
          <a href="/">{t('nav.storefront')}</a>
        </div>
      </footer>
    </div>
  );
}
