import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';

export function BuyerNotice() {
  const { t } = useI18n();
  useDocumentTitle(t('buyer.metaTitle'));
  return (
    <section className="panel notice-panel" aria-labelledby="buyer-title">
      <h1 id="buyer-title">{t('buyer.title')}</h1>
      <p>{t('buyer.body')}</p>
      <a href="/" className="button">
        {t('buyer.storefront')}
      </a>
    </section>
  );
}
