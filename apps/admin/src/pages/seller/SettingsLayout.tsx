import { NavLink, Outlet } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider';

/** Settings a seller sets once and rarely changes, each on its own page. */
export function SettingsLayout() {
  const { t } = useI18n();
  return (
    <>
      <nav className="sub-nav" aria-label={t('settings.label')}>
        <NavLink to="/settings/shipping">{t('settings.shipping')}</NavLink>
        <NavLink to="/settings/invoices">{t('settings.invoices')}</NavLink>
        <NavLink to="/my-organisation/edit">{t('settings.bank')}</NavLink>
      </nav>
      <Outlet />
    </>
  );
}
