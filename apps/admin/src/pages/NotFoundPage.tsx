import { Link } from 'react-router';
import { useDocumentTitle } from '../hooks';
import { useT } from '../i18n/I18nProvider';

export function NotFoundPage() {
  const t = useT();
  useDocumentTitle(t('notFound.metaTitle'));
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <p className="not-found-code" aria-hidden="true">
        404
      </p>
      <h1 id="not-found-title">{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <Link to="/" className="button">
        {t('notFound.home')}
      </Link>
    </section>
  );
}
