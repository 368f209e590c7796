import { Link } from 'react-router';
import { useDocumentTitle } from '../hooks';
import { useT } from '../i18n/I18nProvider';

/** Unknown paths; also a product, shop or order that does not exist, with its own wording. */
export function NotFoundPage({ title, body }: { title?: string; body?: string }) {
  const t = useT();
  useDocumentTitle(title ?? t('notFound.metaTitle'));
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <p className="not-found-code" aria-hidden="true">
        404
      </p>
      <h1 id="not-found-title">{title ?? t('notFound.title')}</h1>
      <p>{body ?? t('notFound.body')}</p>
      <Link to="/" className="button">
        {t('notFound.home')}
      </Link>
    </section>
  );
}
