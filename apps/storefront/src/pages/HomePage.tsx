import { CommuneDirectory } from '../components/CommuneDirectory';
import { ErrorPanel } from '../components/ErrorPanel';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';
import { placeName } from '../place';
import { usePlatform } from '../queries';

export function HomePage() {
  const { t, tn } = useI18n();
  const platform = usePlatform();
  const province = platform.data?.homeProvince;
  const name = province ? t('app.name', { province: province.name }) : t('app.nameFallback');
  useDocumentTitle(t('home.metaTitle', { name }));

  if (platform.isError) {
    return <ErrorPanel title={t('home.error')} error={platform.error} onRetry={() => void platform.refetch()} />;
  }

  // While the province loads, the same blocks render with placeholders of about the same size,
  // so nothing jumps when the data arrives (layout shift weighs on the mobile performance score).
  return (
    <>
      <section className="hero" aria-labelledby="hero-title" aria-busy={!province}>
        <p className="eyebrow">{t('home.eyebrow')}</p>
        <h1 id="hero-title">
          {province ? (
            t('home.title', { place: placeName(t, province) })
          ) : (
            <span className="placeholder-text">{t('home.loading')}</span>
          )}
        </h1>
        <p className="lead">{t('home.lead')}</p>
        <p className="hero-facts">
          {province ? (
            <span className="pill" data-testid="commune-count">
              {tn('home.communeStat', province.communeCount)}
            </span>
          ) : (
            <span className="pill pill-placeholder" aria-hidden="true" />
          )}
        </p>
        <p className="notice">{t('home.comingSoon')}</p>
      </section>
      <CommuneDirectory province={province} />
    </>
  );
}
