import { NavLink } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';

export function AccountNav() {
  const { t } = useI18n();
  return (
    <nav className="tabs" aria-label={t('account.nav')}>
      <NavLink to="/tai-khoan/don-hang">{t('account.orders')}</NavLink>
      <NavLink to="/tai-khoan/dia-chi">{t('account.addresses')}</NavLink>
    </nav>
  );
}
