import { Link, Outlet } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';
import { placeName } from '../place';
import { usePlatform } from '../queries';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';

// Read once: a page left open over New Year may show last year, which is harmless.
const CURRENT_YEAR = new Date().getFullYear();

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
      </header>
      <main id="main" tabIndex={-1} className="container main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container footer-inner">
          <p>{province ? t('footer.about', { place: placeName(t, province) }) : t('footer.aboutFallback')}</p>
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
