import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { useAuth } from '../auth/useAuth';
import { useCart } from '../cart/useCart';
import { useI18n } from '../i18n/I18nProvider';
import { placeName } from '../place';
import { usePlatform } from '../queries';
import { CartIcon, UserIcon } from './Icons';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';
import { PageStatus } from './PageStatus';
import { SearchBox } from './SearchBox';

// Read once: a page left open over New Year may show last year, which is harmless.
const CURRENT_YEAR = new Date().getFullYear();

function CartLink() {
  const { t, tn } = useI18n();
  const cart = useCart();
  const count = cart.data?.itemCount ?? 0;
  return (
    <NavLink to="/gio-hang" className="header-action" data-testid="cart-link">
      <CartIcon />
      {/* The hidden sentence below names the link with its count; this is the short visible form. */}
      <span className="header-action-label" aria-hidden="true">
        {t('nav.cart')}
      </span>
      {count > 0 ? (
        <span className="cart-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
      <span className="visually-hidden">{count > 0 ? tn('nav.cartCount', count) : t('nav.cartEmpty')}</span>
    </NavLink>
  );
}

function AccountLink() {
  const { t } = useI18n();
  const auth = useAuth();
  const signedIn = auth.status === 'signedIn';
  return (
    <NavLink to={signedIn ? '/tai-khoan/don-hang' : '/dang-nhap'} className="header-action">
      <UserIcon />
      <span className="header-action-label">{signedIn ? t('nav.account') : t('nav.signIn')}</span>
    </NavLink>
  );
}

export function Layout() {
  const { t } = useI18n();
  const platform = usePlatform();
  const province = platform.data?.homeProvince;
  const name = province ? t('app.name', { province: province.name }) : t('app.nameFallback');

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/" className="brand">
            <Logo />
            <span className="brand-text">
              <span className="brand-name">{name}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <LanguageSwitch />
        </div>
        <div className="container header-tools">
          <SearchBox />
          <nav className="header-actions" aria-label={t('nav.label')}>
            <AccountLink />
            <CartLink />
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container main">
        {/* Pages are loaded on first visit; the header stays put meanwhile. */}
        <Suspense fallback={<PageStatus>{t('common.loading')}</PageStatus>}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="container footer-inner">
          <p>{province ? t('footer.about', { place: placeName(t, province) }) : t('footer.aboutFallback')}</p>
          <ul className="footer-nav">
            <li>
              <Link to="/tai-khoan/don-hang">{t('footer.orders')}</Link>
            </li>
            <li>
              <Link to="/tai-khoan/dia-chi">{t('footer.addresses')}</Link>
            </li>
            <li>
              <Link to="/hoa-don">{t('footer.invoices')}</Link>
            </li>
          </ul>
          <p className="footer-links">
            <span>{t('footer.copyright', { year: CURRENT_YEAR, name })}</span>
            {/* The admin app is a separate build under /admin, outside this router. */}
            <a href="/admin/">{t('footer.sellers')}</a>
          </p>
        </div>
      </footer>
    </div>
  );
}
