import { useI18n } from './i18n/I18nProvider';
import { usePlatform } from './queries';

/** "Quản trị Sàn OCOP Lạng Sơn", or without the province until the platform has loaded. */
export function useAppName(): string {
  const { t } = useI18n();
  const province = usePlatform().data?.homeProvince;
  return province ? t('app.nameWithProvince', { province: province.name }) : t('app.name');
}
