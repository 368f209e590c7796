import type { Schemas } from '@ocop/api-client';
import type { Language } from './i18n/translator';

/** Categories come with both names from the API; the page shows the one of its language. */
export function categoryName(language: Language, category: Pick<Schemas['CategoryDto'], 'nameVi' | 'nameEn'>): string {
  return language === 'vi' ? category.nameVi : category.nameEn;
}
