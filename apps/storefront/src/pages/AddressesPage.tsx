import { AccountNav } from '../components/AccountNav';
import { addressKey, forgetAddress, savedAddresses } from '../checkout/savedAddresses';
import { formatPhone } from '../format';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';
import { useStoredValue } from '../storage';

/** The addresses kept in this browser from past checkouts (the API has no address book yet). */
export default function AddressesPage() {
  const { t } = useI18n();
  useDocumentTitle(t('addresses.title'));
  const addresses = useStoredValue(savedAddresses);

  return (
    <div className="account-page">
      <h1>{t('addresses.title')}</h1>
      <AccountNav />
      <p className="notice">{t('addresses.deviceOnly')}</p>
      {addresses.length === 0 ? (
        <p className="panel panel-empty">{t('addresses.empty')}</p>
      ) : (
        <ul className="address-list" data-testid="address-list">
          {addresses.map((address) => {
            const key = addressKey(address);
            return (
              <li key={key} className="section address-card">
                <p>
                  <strong>{address.recipientName}</strong> · {formatPhone(address.recipientPhone)}
                </p>
                <p className="muted">
                  {address.streetAddress}, {address.communeName}, {address.provinceName}
                </p>
                <button type="button" className="link-button danger" onClick={() => forgetAddress(key)}>
                  {t('addresses.remove')}
                  <span className="visually-hidden">
                    {' '}
                    {address.streetAddress}, {address.communeName}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
