import { Link } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';

/** Previous/next links rather than buttons: every page of results has an address of its own. */
export function Pagination({
  page,
  pageCount,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  const { t } = useI18n();
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      {page > 1 ? (
        <Link className="button button-secondary" to={hrefFor(page - 1)} rel="prev">
          {t('pagination.previous')}
        </Link>
      ) : (
        <span />
      )}
      <span className="pagination-status">{t('pagination.status', { page, count: pageCount })}</span>
      {page < pageCount ? (
        <Link className="button button-secondary" to={hrefFor(page + 1)} rel="next">
          {t('pagination.next')}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
