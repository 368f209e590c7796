import { useI18n } from '../i18n/I18nProvider';

/**
 * The OCOP rating as the programme shows it: stars out of five. Only a verified certificate that
 * is still valid has stars; an expired one is shown as expired rather than hidden, so a buyer is
 * not misled by an old label on the packaging.
 */
export function OcopBadge({ stars, expired }: { stars: number | null; expired: boolean }) {
  const { t } = useI18n();
  if (stars !== null) {
    return (
      <span className="ocop-badge" data-testid="ocop-badge">
        <span aria-hidden="true">
          OCOP <span className="ocop-stars">{'★'.repeat(stars)}</span>
        </span>
        <span className="visually-hidden">{t('ocop.stars', { stars })}</span>
      </span>
    );
  }
  if (expired) return <span className="ocop-badge ocop-badge-expired">{t('ocop.expiredBadge')}</span>;
  return null;
}
