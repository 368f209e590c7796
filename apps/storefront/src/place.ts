import type { Schemas } from '@ocop/api-client';
import { foldVietnamese } from '@ocop/shared';
import type { Translator } from './i18n/translator';

/** "tỉnh Lạng Sơn" / "Lạng Sơn Province": the API gives the kind in Vietnamese ("Tỉnh", "Thành phố"). */
export function placeName(t: Translator['t'], province: Pick<Schemas['ProvinceDto'], 'name' | 'kind'>): string {
  const isCity = foldVietnamese(province.kind).startsWith('thanh pho');
  return t(isCity ? 'place.city' : 'place.province', { name: province.name });
}
